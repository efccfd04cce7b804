package io.mlindex.parsers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An MLflow file-store run: {@code mlruns/<experiment>/<run>/} with {@code meta.yaml}, {@code
 * params/}, {@code metrics/} and {@code tags/} (names containing '/' are nested folders). The
 * experiment's name comes from the experiment's own {@code meta.yaml}; runs in deleted experiments
 * ({@code .trash}) or with lifecycle stage {@code deleted} are kept and marked. Dataset inputs
 * ({@code inputs/}) become lineage inputs, artifact files outputs, and the models the run logged
 * (tag {@code mlflow.log-model.history}) the property {@code logged_models}.
 */
public final class MlflowRunParser implements DirectoryParser {
  private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");
  static final String[] STATUS = {null, "RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"};

  @Override
  public String name() {
    return "mlflow-run";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    if (!dir.hasFile("meta.yaml")) {
      return false;
    }
    boolean runLike = dir.hasDir("metrics") || dir.hasDir("params");
    // An experiment or a registered model may have a tags/ folder too, and an MLflow 3 logged
    // model (<experiment>/models/<model id>/) has params/ and metrics/: ask the meta.yaml.
    if (runLike && !"models".equals(MlflowRegisteredModelParser.parentName(dir.path()))) {
      return true;
    }
    if (!runLike && !dir.hasDir("tags")) {
      return false;
    }
    MlflowMeta.Kind kind = MlflowMeta.peek(dir);
    return kind == MlflowMeta.Kind.RUN || kind == MlflowMeta.Kind.UNREADABLE && RUN_ID.matcher(dir.name()).matches();
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Path runDir = dir.path();
    Record r = new Record(RecordKind.RUN, "mlflow", PosixPaths.of(runDir));
    long limit = context.limits().maxReadBytes();

    JsonNode meta = readMeta(runDir.resolve("meta.yaml"), r, limit);
    String runId = text(meta, "run_id", text(meta, "run_uuid", dir.name()));
    r.property("run_id", runId);
    String experimentId = text(meta, "experiment_id", null);
    r.property("experiment_id", experimentId);
    r.property("user", text(meta, "user_id", null));
    r.property("artifact_uri", text(meta, "artifact_uri", null));
    JsonNode status = meta.get("status");
    if (status != null && status.canConvertToInt()) {
      int code = status.asInt();
      r.property("status", code > 0 && code < STATUS.length ? STATUS[code] : String.valueOf(code));
    } else if (status != null && status.isTextual()) {
      r.property("status", status.asText());
    }
    String lifecycle = text(meta, "lifecycle_stage", null);
    r.property("lifecycle_stage", lifecycle);
    r.getTime().setStart(millis(meta.get("start_time")));
    r.getTime().setEnd(millis(meta.get("end_time")));

    MlflowFolders.readValues(runDir.resolve("params"), r, context, (k, v) -> r.param(k, v));
    MlflowFolders.readValues(runDir.resolve("tags"), r, context, (k, v) -> r.tag(k, v));
    MlflowFolders.readMetrics(runDir.resolve("metrics"), r, context);
    codeFromTags(r);
    MlflowLoggedModels.fromTags(r);

    String name = text(meta, "run_name", null);
    if (name == null || name.isEmpty()) {
      name = r.getTags().getOrDefault("mlflow.runName", runId);
    }
    r.setName(name);

    boolean trashed = MlflowMeta.isUnderTrash(runDir);
    if ("deleted".equals(lifecycle) || trashed) {
      r.property("deleted", true);
    }
    experiment(runDir.getParent(), r, limit);
    MlflowFolders.artifactOutputs(runDir.resolve("artifacts"), r, context);
    MlflowRunInputs.read(runDir, r, context);
    return List.of(r);
  }

  private static JsonNode readMeta(Path metaFile, Record r, long limit) {
    r.source(PosixPaths.of(metaFile));
    try {
      YamlTrees.Result y = YamlTrees.read(metaFile, limit);
      y.warnings().forEach(r::warn);
      return y.tree().isObject() ? y.tree() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    } catch (IOException e) {
      r.warn("meta.yaml could not be read: " + e.getMessage());
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
  }

  private static void experiment(Path experimentDir, Record r, long limit) {
    if (experimentDir == null) {
      return;
    }
    Path meta = experimentDir.resolve("meta.yaml");
    if (!Files.isRegularFile(meta)) {
      return;
    }
    r.source(PosixPaths.of(meta));
    try {
      JsonNode tree = YamlTrees.read(meta, limit).tree();
      String name = text(tree, "name", null);
      r.setExperiment(name != null ? name : text(tree, "experiment_id", null));
      if ("deleted".equals(text(tree, "lifecycle_stage", null))) {
        r.property("experiment_deleted", true);
      }
    } catch (IOException e) {
      r.warn("experiment meta.yaml could not be read: " + e.getMessage());
    }
  }

  private static void codeFromTags(Record r) {
    Map<String, String> t = r.getTags();
    r.getCode().setGitCommit(t.get("mlflow.source.git.commit"));
    r.getCode().setGitBranch(t.get("mlflow.source.git.branch"));
    r.getCode().setGitRemote(t.get("mlflow.source.git.repoURL"));
    r.getCode().setScript(emptyToNull(t.get("mlflow.source.name")));
    if (t.containsKey("mlflow.source.type")) {
      r.property("source_type", t.get("mlflow.source.type"));
    }
    if (t.containsKey("mlflow.parentRunId")) {
      r.property("parent_run_id", t.get("mlflow.parentRunId"));
    }
  }

  static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? fallback : v.asText();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static Instant millis(JsonNode v) {
    if (v == null || !v.canConvertToLong() || v.asLong() <= 0) {
      return null;
    }
    return Instant.ofEpochMilli(v.asLong());
  }

  /** Reads a param or tag value file: exact content (MLflow stores strings). */
  static String readValue(Path file, long limit) throws IOException {
    return BoundedReads.readString(file, limit);
  }
}
