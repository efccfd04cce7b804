package io.mlindex.parsers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An MLflow file-store experiment, {@code mlruns/<experiment id>/meta.yaml}: name, artifact
 * location, lifecycle stage, times, experiment tags ({@code tags/}) and the runs it holds (sub-folders
 * with a {@code meta.yaml}, other than the store's own {@code tags}, {@code datasets}, {@code traces}
 * and {@code models} folders). An experiment under {@code .trash/} was deleted.
 */
public final class MlflowExperimentParser implements DirectoryParser {
  /** Sub-folders of an experiment that are not runs (MLflow's RESERVED_EXPERIMENT_FOLDERS and models). */
  private static final Set<String> NOT_RUNS = Set.of("tags", "datasets", "traces", "models");
  /** Most run ids listed on one experiment record; the count stays exact. */
  static final int MAX_RUN_IDS = 10_000;

  @Override
  public String name() {
    return "mlflow-experiment";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    if (!dir.hasFile(MlflowMeta.FILE) || dir.hasDir("metrics") || dir.hasDir("params")) {
      return false;
    }
    MlflowMeta.Kind kind = MlflowMeta.peek(dir);
    if (kind == MlflowMeta.Kind.EXPERIMENT) {
      return true;
    }
    // A damaged meta.yaml: still an experiment where the folder is named and placed like one.
    return kind == MlflowMeta.Kind.UNREADABLE && MlflowMeta.isDigits(dir.name()) && isStoreFolder(dir);
  }

  private static boolean isStoreFolder(DirectoryView dir) {
    Path parent = dir.path().getParent();
    if (parent == null || parent.getFileName() == null) {
      return false;
    }
    String p = parent.getFileName().toString();
    return p.equals("mlruns") || p.equals(".trash") || Files.isDirectory(parent.resolve(".trash"));
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.EXPERIMENT, "mlflow", PosixPaths.of(dir.path()));
    JsonNode meta = MlflowMeta.read(dir.resolve(MlflowMeta.FILE), r, context.limits().maxReadBytes());
    MlflowMeta.requireFields(meta, dir.resolve(MlflowMeta.FILE), r, "experiment_id", "name");
    String id = MlflowMeta.text(meta, "experiment_id");
    String name = MlflowMeta.text(meta, "name");
    r.setName(name != null ? name : dir.name());
    r.setExperiment(name != null ? name : id != null ? id : dir.name());
    r.property("experiment_id", id != null ? id : dir.name());
    r.property("name", name);
    r.property("artifact_location", MlflowMeta.text(meta, "artifact_location"));
    String lifecycle = MlflowMeta.text(meta, "lifecycle_stage");
    r.property("lifecycle_stage", lifecycle);
    JsonNode created = meta.get("creation_time");
    r.property("creation_time", created != null && created.canConvertToLong() ? created.asLong() : null);
    JsonNode updated = meta.get("last_update_time");
    r.property("last_update_time", updated != null && updated.canConvertToLong() ? updated.asLong() : null);
    r.getTime().setStart(MlflowMeta.millis(created));
    if ("deleted".equals(lifecycle) || MlflowMeta.isUnderTrash(dir.path())) {
      r.property("deleted", true);
    }
    if (id != null && !id.equals(dir.name())) {
      r.warn("meta.yaml says experiment " + id + " but the folder is " + dir.name());
    }
    MlflowFolders.readValues(dir.resolve("tags"), r, context, r::tag);
    runs(dir, r, context);
    return List.of(r);
  }

  private static void runs(DirectoryView dir, Record r, ParseContext context) {
    List<String> ids = new ArrayList<>();
    long count = 0;
    for (String sub : dir.dirs()) {
      context.checkDeadline();
      if (NOT_RUNS.contains(sub) || !Files.isRegularFile(dir.resolve(sub).resolve(MlflowMeta.FILE))) {
        continue;
      }
      count++;
      if (ids.size() < MAX_RUN_IDS) {
        ids.add(sub);
      }
    }
    r.property("run_count", count);
    r.property("run_ids", ids);
    if (count > ids.size()) {
      r.warn("experiment has " + count + " runs; only the first " + MAX_RUN_IDS + " run ids are listed");
    }
  }
}
