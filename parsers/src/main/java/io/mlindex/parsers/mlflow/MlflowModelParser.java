package io.mlindex.parsers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.Frameworks;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.CodeRef;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An MLflow model's {@code MLmodel} file: flavors and their settings, run id, model uuid, MLflow
 * version, creation time and signature. When the model lies in (or next to) its run's folder, the
 * record links to the run: property {@code run_path} and a lineage input with kind {@code run}.
 */
public final class MlflowModelParser implements FileParser {
  /** How many folders above the MLmodel are searched for the run folder. */
  private static final int RUN_SEARCH_LEVELS = 8;
  /** MLflow writes {@code 2024-11-13 07:54:35.792014} (Python's str of a UTC datetime). */
  private static final DateTimeFormatter CREATED =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  @Override
  public String name() {
    return "mlflow-model";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.name().equals("MLmodel");
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Path path = file.path();
    Record r = new Record(RecordKind.MODEL, "mlflow", PosixPaths.of(path));
    r.source(r.getPath());
    r.setSize(file.size());
    Path folder = path.getParent();
    r.setName(folder == null || folder.getFileName() == null ? file.name() : folder.getFileName().toString());
    JsonNode model;
    try {
      YamlTrees.Result y = YamlTrees.read(path, context.limits().maxReadBytes());
      y.warnings().forEach(r::warn);
      model = y.tree();
    } catch (IOException e) {
      r.warn("MLmodel is not readable: " + e.getMessage());
      return List.of(r);
    }
    if (!model.isObject()) {
      r.warn("MLmodel is not a mapping of fields; nothing read");
      return List.of(r);
    }
    String artifactPath = MlflowMeta.text(model, "artifact_path");
    if (artifactPath != null && !artifactPath.isEmpty()) {
      r.setName(artifactPath);
    }
    for (String key : List.of("run_id", "artifact_path", "model_uuid", "model_id", "mlflow_version",
        "utc_time_created", "databricks_runtime")) {
      r.property(key, MlflowMeta.text(model, key));
    }
    JsonNode size = model.get("model_size_bytes");
    r.property("model_size_bytes", size != null && size.canConvertToLong() ? size.asLong() : null);
    r.property("has_input_example", model.hasNonNull("saved_input_example_info"));
    r.getTime().setStart(created(MlflowMeta.text(model, "utc_time_created"), r));
    flavors(model.get("flavors"), r);
    MlflowSignature.read(model.get("signature"), r);
    JsonNode metadata = model.get("metadata");
    if (metadata != null && metadata.isObject()) {
      flattenInto(r, "metadata", metadata);
    }
    linkRun(path, MlflowMeta.text(model, "run_id"), r, context);
    return List.of(r);
  }

  private static void flavors(JsonNode flavors, Record r) {
    if (flavors == null || !flavors.isObject() || flavors.isEmpty()) {
      r.warn("MLmodel has no flavors");
      return;
    }
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = flavors.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      names.add(f.getKey());
      if (f.getValue().isObject()) {
        flattenInto(r, "flavors." + f.getKey(), f.getValue());
      }
      String framework = frameworkOf(f.getKey());
      if (framework != null) {
        CodeRef.addDistinct(r.getCode().getFrameworks(), framework);
        r.getProperties().putIfAbsent("framework", framework);
      }
    }
    r.property("flavor_names", names);
  }

  /** Flattened fields as properties; nulls are left out. */
  private static void flattenInto(Record r, String prefix, JsonNode node) {
    Map<String, Object> flat = new LinkedHashMap<>();
    Flatten.into(flat, prefix, node);
    flat.forEach(r::property);
  }

  /** The framework a flavor stands for; {@code python_function} is MLflow's own wrapper, not one. */
  static String frameworkOf(String flavor) {
    return switch (flavor) {
      case "python_function" -> null;
      case "pytorch" -> "pytorch";
      default -> Frameworks.of(flavor);
    };
  }

  private static Instant created(String text, Record r) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.trim(), CREATED).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      r.warn("MLmodel: utc_time_created '" + text + "' is not a time");
      return null;
    }
  }

  /**
   * Finds the run folder {@code <experiment>/<run_id>} among the MLmodel's ancestors: a model under
   * {@code <run>/artifacts/...}, or (MLflow 3) under {@code <experiment>/models/<model id>/artifacts}.
   */
  private static void linkRun(Path mlmodel, String runId, Record r, ParseContext context) {
    if (!MlflowMeta.isSafeId(runId)) {
      if (runId != null) {
        r.warn("MLmodel: run_id '" + runId + "' is not an MLflow run id; not linked");
      }
      return;
    }
    Path dir = mlmodel.getParent();
    for (int level = 0; dir != null && level < RUN_SEARCH_LEVELS; level++, dir = dir.getParent()) {
      context.checkDeadline();
      Path run = runId.equals(name(dir)) ? dir : dir.resolve(runId);
      if (Files.isRegularFile(run.resolve(MlflowMeta.FILE))) {
        String runPath = PosixPaths.of(run);
        r.property("run_path", runPath);
        r.getLineage().input(LineageRef.path(runPath, "run_id").withKind("run"));
        return;
      }
    }
  }

  private static String name(Path p) {
    return p.getFileName() == null ? "" : p.getFileName().toString();
  }
}
