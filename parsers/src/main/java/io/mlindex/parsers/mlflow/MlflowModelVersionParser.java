package io.mlindex.parsers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One version of a registered model, {@code mlruns/models/<name>/version-N/meta.yaml}: its fields
 * (version, stage, status, source, run id, times) and tags. The version links to the run that
 * produced it: when the run folder is in the same store, its path and the model folder the
 * {@code source} names become lineage inputs; otherwise the {@code source} URI is a named input.
 */
public final class MlflowModelVersionParser implements DirectoryParser {
  /** Most experiment folders searched for the version's run. */
  private static final int MAX_EXPERIMENTS = 10_000;

  @Override
  public String name() {
    return "mlflow-model-version";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    return dir.hasFile(MlflowMeta.FILE)
        && MlflowRegisteredModelParser.VERSION_DIR.matcher(dir.name()).matches()
        && dir.path().getParent() != null
        && "models".equals(MlflowRegisteredModelParser.parentName(dir.path().getParent()));
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.MODEL, "mlflow", PosixPaths.of(dir.path()));
    Path metaFile = dir.resolve(MlflowMeta.FILE);
    JsonNode meta = MlflowMeta.read(metaFile, r, context.limits().maxReadBytes());
    MlflowMeta.requireFields(meta, metaFile, r, "name", "version", "source");
    MlflowMeta.copyFields(meta, r);
    Path modelDir = dir.path().getParent();
    String model = MlflowMeta.text(meta, "name");
    if (model == null) {
      model = modelDir.getFileName().toString();
    }
    String version = MlflowMeta.text(meta, "version");
    if (version == null) {
      version = dir.name().substring("version-".length());
    }
    r.setName(model + " v" + version);
    r.property("registered_model", model);
    r.getTime().setStart(MlflowMeta.millis(meta.get("creation_timestamp")));
    MlflowFolders.readValues(dir.resolve("tags"), r, context, r::tag);
    linkRun(modelDir, MlflowMeta.text(meta, "run_id"), MlflowMeta.text(meta, "source"), r, context);
    return List.of(r);
  }

  private static void linkRun(Path modelDir, String runId, String source, Record r, ParseContext context) {
    Path store = modelDir.getParent() == null ? null : modelDir.getParent().getParent();
    Path run = store == null || !MlflowMeta.isSafeId(runId) ? null : findRun(store, runId, r, context);
    if (run != null) {
      r.property("run_path", PosixPaths.of(run));
      r.getLineage().input(LineageRef.path(PosixPaths.of(run), "run_id").withKind("run"));
    }
    if (source == null || source.isEmpty()) {
      return;
    }
    Path local = run == null ? null : localModelFolder(run, runId, source);
    if (local != null) {
      r.getLineage().input(LineageRef.path(PosixPaths.of(local), "source").withKind("dir"));
    } else {
      r.getLineage().input(LineageRef.named(source, "mlflow-model-uri", "source"));
    }
  }

  /** {@code <store>/<experiment>/<run_id>} (also in {@code .trash}), or null. */
  private static Path findRun(Path store, String runId, Record r, ParseContext context) {
    for (Path parent : List.of(store, store.resolve(".trash"))) {
      if (!MlflowMeta.isDirectory(parent)) {
        continue;
      }
      int seen = 0;
      try (DirectoryStream<Path> experiments = Files.newDirectoryStream(parent)) {
        for (Path experiment : experiments) {
          context.checkDeadline();
          if (++seen > MAX_EXPERIMENTS) {
            break;
          }
          Path run = experiment.resolve(runId);
          if (Files.isRegularFile(run.resolve(MlflowMeta.FILE))) {
            return run;
          }
        }
      } catch (IOException e) {
        r.warn("the store folder " + parent.getFileName() + " could not be listed: " + e.getMessage());
      }
    }
    return null;
  }

  /**
   * The source {@code runs:/<run_id>/<path>} or {@code .../<run_id>/artifacts/<path>} (a URI from
   * the machine that registered the model) mapped onto the run folder found here; null when the
   * source has neither shape or the folder is not there.
   */
  static Path localModelFolder(Path run, String runId, String source) {
    String runsUri = "runs:/" + runId;
    String marker = "/" + runId + "/artifacts";
    int at = source.indexOf(marker);
    String rest;
    if (source.equals(runsUri) || source.startsWith(runsUri + "/")) {
      rest = source.substring(runsUri.length());
    } else if (at >= 0) {
      rest = source.substring(at + marker.length());
    } else {
      return null;
    }
    if (!rest.isEmpty() && !rest.startsWith("/")) {
      return null;
    }
    Path artifacts = run.resolve("artifacts");
    Path local = artifacts;
    for (String part : rest.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        return null;
      }
      local = local.resolve(part);
    }
    return local.normalize().startsWith(artifacts) && Files.isDirectory(local) ? local : null;
  }
}
