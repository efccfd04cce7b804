package io.mlindex.parsers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.LineagePaths;
import io.mlindex.record.CodeRef;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run's dataset inputs ({@code mlflow.log_input}): each {@code <run>/inputs/<input id>/meta.yaml}
 * names a dataset ({@code source_id}) whose description (name, digest, source, schema, profile) is
 * in {@code <experiment>/datasets/<dataset id>/meta.yaml}. Each becomes a lineage input of the run:
 * a path for local sources, a named reference otherwise.
 */
final class MlflowRunInputs {
  static final int MAX_INPUTS = 1000;
  private static final String VIA = "mlflow.log_input";
  private static final Pattern WINDOWS_PATH = Pattern.compile("[A-Za-z]:[\\\\/].*");

  private MlflowRunInputs() {}

  static void read(Path runDir, Record r, ParseContext context) {
    Path inputs = runDir.resolve("inputs");
    if (!MlflowMeta.isDirectory(inputs)) {
      return;
    }
    Path datasets = runDir.getParent() == null ? null : runDir.getParent().resolve("datasets");
    List<Map<String, Object>> described = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path input : inputDirs(inputs, r)) {
      context.checkDeadline();
      JsonNode meta = MlflowMeta.read(input.resolve(MlflowMeta.FILE), r, context.limits().maxReadBytes());
      String type = MlflowMeta.text(meta, "source_type");
      if (type != null && !type.equals("DATASET")) {
        continue; // MLflow 3 also records model inputs here; those are not datasets
      }
      String id = MlflowMeta.text(meta, "source_id");
      if (!MlflowMeta.isSafeId(id) || datasets == null) {
        r.warn("inputs/" + input.getFileName() + "/meta.yaml names no usable dataset id (source_id)");
        continue;
      }
      Path datasetMeta = datasets.resolve(id).resolve(MlflowMeta.FILE);
      if (!Files.isRegularFile(datasetMeta)) {
        r.warn("input " + input.getFileName() + " names dataset " + id + ", which is not in the experiment's datasets folder");
        continue;
      }
      JsonNode dataset = MlflowMeta.read(datasetMeta, r, context.limits().maxReadBytes());
      String usedAs = MlflowMeta.text(meta.path("tags"), "mlflow.data.context");
      Map<String, Object> d = describe(dataset, usedAs, r);
      described.add(d);
      CodeRef.addDistinct(names, (String) d.get("name"));
      r.getLineage().input(lineageOf(dataset, runDir, r));
    }
    if (!described.isEmpty()) {
      r.property("inputs", described);
      r.property("input_datasets", names);
    }
  }

  private static List<Path> inputDirs(Path inputs, Record r) {
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(inputs)) {
      for (Path p : entries) {
        if (MlflowMeta.isDirectory(p)) {
          dirs.add(p);
        }
      }
    } catch (IOException e) {
      r.warn("inputs folder could not be listed: " + e.getMessage());
    }
    dirs.sort(null);
    if (dirs.size() > MAX_INPUTS) {
      r.warn("run has " + dirs.size() + " inputs; only the first " + MAX_INPUTS + " are read");
      return dirs.subList(0, MAX_INPUTS);
    }
    return dirs;
  }

  private static Map<String, Object> describe(JsonNode dataset, String usedAs, Record r) {
    Map<String, Object> d = new LinkedHashMap<>();
    for (String key : List.of("name", "digest", "source_type", "source")) {
      String v = MlflowMeta.text(dataset, key);
      if (v != null) {
        d.put(key, v);
      }
    }
    if (usedAs != null) {
      d.put("context", usedAs);
    }
    JsonNode schema = embeddedJson(dataset, "schema", r);
    JsonNode columns = schema == null ? null : schema.get("mlflow_colspec");
    if (columns != null && columns.isArray()) {
      List<String> names = new ArrayList<>();
      columns.forEach(c -> names.add(c.path("name").asText(c.path("type").asText(""))));
      d.put("columns", names);
    }
    JsonNode profile = embeddedJson(dataset, "profile", r);
    if (profile != null && profile.isObject()) {
      d.put("profile", Flatten.value(profile));
    }
    return d;
  }

  /** Dataset schema, profile and source are JSON documents stored as YAML strings. */
  private static JsonNode embeddedJson(JsonNode dataset, String key, Record r) {
    JsonNode v = dataset.get(key);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      return v != null && v.isContainerNode() ? v : null;
    }
    try {
      return JsonTrees.parse(v.textValue(), "dataset " + key);
    } catch (IOException e) {
      r.warn("dataset " + MlflowMeta.text(dataset, "name") + ": " + key + " is not valid JSON");
      return null;
    }
  }

  private static LineageRef lineageOf(JsonNode dataset, Path runDir, Record r) {
    String name = MlflowMeta.text(dataset, "name");
    String type = MlflowMeta.text(dataset, "source_type");
    JsonNode source = embeddedJson(dataset, "source", r);
    String uri = null;
    if (source != null && source.isObject()) {
      for (String key : List.of("uri", "url", "path")) {
        if (source.hasNonNull(key) && source.get(key).isTextual()) {
          uri = source.get(key).textValue();
          break;
        }
      }
    }
    if (uri == null || uri.isBlank()) {
      return LineageRef.named(name != null ? name : "unnamed dataset", "mlflow-dataset", VIA);
    }
    if ("hugging_face".equals(type)) {
      return LineageRef.named(uri, "hf-dataset", VIA);
    }
    String path = pathOf(uri);
    if (path != null) {
      LineageRef ref = LineagePaths.ref(path, runDir, VIA); // another machine's path is marked foreign
      return ref.kind() == null ? ref.withKind("dataset") : ref;
    }
    return LineageRef.named(uri, "dataset", VIA);
  }

  /**
   * The path of a {@code file:} URI (percent-decoded) or an absolute path, POSIX or Windows; null
   * for anything else (a relative path is relative to a working folder nobody recorded).
   */
  private static String pathOf(String uri) {
    String p = null;
    if (uri.startsWith("file:")) {
      try {
        p = URI.create(uri).getPath();
      } catch (IllegalArgumentException e) {
        p = uri.substring("file:".length()).replaceFirst("^//", "");
      }
    } else if (uri.startsWith("/") || WINDOWS_PATH.matcher(uri).matches()) {
      p = uri;
    }
    if (p != null && p.matches("/[A-Za-z]:/.*")) {
      p = p.substring(1); // file:///C:/data/x.csv
    }
    return p != null && (p.startsWith("/") || WINDOWS_PATH.matcher(p).matches()) ? p : null;
  }
}
