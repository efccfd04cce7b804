package io.mlindex.parsers.generic;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A folder of plain params and metrics files that no tool-specific reader claims: {@code
 * params.yaml|json}, {@code hparams.yaml|json}, {@code config.yaml|json} next to a checkpoint,
 * {@code metrics.json}, {@code results.json} and {@code eval*.json}. One record per folder. It is
 * conservative, because a random JSON file is not a run: a record needs a metrics file with numeric
 * values (metric-like names for results.json and eval*.json), or params next to a checkpoint, or
 * params with hyperparameter-like names. Checkpoints in the folder become the run's outputs.
 */
public final class GenericRunParser implements DirectoryParser {
  static final int MAX_CHECKPOINTS = 100;

  @Override
  public String name() {
    return "generic-run";
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public boolean claims(DirectoryView dir) {
    return !GenericFolderRules.candidates(dir).isEmpty() && !GenericFolderRules.belongsToAnotherTool(dir);
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.RUN, "generic", PosixPaths.of(dir.path()));
    r.setName(dir.name());
    List<String> notes = new ArrayList<>();
    List<String> paramsFiles = new ArrayList<>();
    List<String> metricsFiles = new ArrayList<>();
    List<Path> ignored = new ArrayList<>();
    boolean paramNames = false;
    boolean unreadable = false;
    for (String name : GenericFolderRules.candidates(dir)) {
      context.checkDeadline();
      Path file = dir.resolve(name);
      JsonNode tree;
      try {
        tree = read(file, context, notes);
      } catch (IOException e) {
        notes.add(name + " could not be read: " + e.getMessage());
        unreadable |= isExplicit(name); // its name says what it is: worth a record that reports the damage
        ignored.add(file);
        continue;
      }
      if (GenericFolderRules.isMetricsFile(name)) {
        if (addMetrics(name, tree, r, notes)) {
          metricsFiles.add(name);
          r.source(PosixPaths.of(file));
        } else {
          ignored.add(file);
        }
      } else if (isHuggingFaceConfig(tree)) {
        continue; // a model config, read by the Hugging Face reader
      } else {
        Map<String, Object> params = GenericValues.params(tree);
        if (params.isEmpty()) {
          notes.add(name + " is not a mapping of settings; ignored");
          ignored.add(file);
          continue;
        }
        params.forEach(r.getParams()::putIfAbsent);
        paramNames |= GenericValues.hasParamName(params.keySet());
        paramsFiles.add(name);
        r.source(PosixPaths.of(file));
      }
    }
    boolean checkpoint = GenericFolderRules.hasCheckpoint(dir);
    boolean isRun = !metricsFiles.isEmpty() || !paramsFiles.isEmpty() && (checkpoint || paramNames) || unreadable;
    if (!isRun) {
      return List.of();
    }
    notes.forEach(r::warn);
    // Files looked at but not used are sources too: when they change, the folder is read again.
    ignored.forEach(f -> r.source(PosixPaths.of(f)));
    r.property("params_files", paramsFiles.isEmpty() ? null : paramsFiles);
    r.property("metrics_files", metricsFiles.isEmpty() ? null : metricsFiles);
    checkpoints(dir, r);
    return List.of(r);
  }

  private static boolean isExplicit(String name) {
    return GenericFolderRules.PARAMS_FILES.contains(name) || GenericFolderRules.isExplicitMetricsFile(name);
  }

  private static JsonNode read(Path file, ParseContext context, List<String> notes) throws IOException {
    long limit = context.limits().maxReadBytes();
    if (file.getFileName().toString().endsWith(".json")) {
      return JsonTrees.read(file, limit);
    }
    YamlTrees.Result y = YamlTrees.read(file, limit);
    notes.addAll(y.warnings());
    return y.tree();
  }

  /** Adds a metrics file's values; false when it has none that look like metrics. */
  private static boolean addMetrics(String name, JsonNode tree, Record r, List<String> notes) {
    Map<String, Metric> metrics = GenericValues.metrics(tree);
    if (metrics.isEmpty()
        || !GenericFolderRules.isExplicitMetricsFile(name) && !GenericValues.hasMetricName(metrics.keySet())) {
      notes.add(name + " holds no metric values; ignored");
      return false;
    }
    String stem = name.substring(0, name.lastIndexOf('.'));
    // Two files may both report "accuracy": the later one is qualified by its file name.
    metrics.forEach((k, m) -> r.metric(r.getMetrics().containsKey(k) ? stem + "." + k : k, m));
    return true;
  }

  /** A Hugging Face model config ({@code model_type}, {@code architectures}): not a run's settings. */
  private static boolean isHuggingFaceConfig(JsonNode tree) {
    return tree.isObject() && (tree.has("model_type") || tree.has("architectures") || tree.has("transformers_version"));
  }

  private static void checkpoints(DirectoryView dir, Record r) {
    List<String> names = new ArrayList<>();
    for (String f : dir.files()) {
      if (GenericFolderRules.isCheckpoint(f) && names.size() < MAX_CHECKPOINTS) {
        names.add(f);
        r.getLineage().output(LineageRef.path(PosixPaths.of(dir.resolve(f)), "checkpoint"));
      }
    }
    r.property("checkpoints", names.isEmpty() ? null : names);
  }
}
