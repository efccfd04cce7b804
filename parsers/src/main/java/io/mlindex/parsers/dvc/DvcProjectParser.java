package io.mlindex.parsers.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.dvc.LockFile.LockedStage;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DVC project folder: the one holding {@code dvc.yaml} and/or {@code dvc.lock}. Every stage
 * becomes a record (kind stage; from the lock when it ran, else as declared), {@code dvc.yaml} a
 * pipeline record (kind experiment), and the params files and declared metrics files a record each
 * (kind run) at their own paths. A {@code dvc.yaml} that does not parse becomes a pipeline record
 * with the parser's message (file, line, column); the lock is still read.
 */
public final class DvcProjectParser implements DirectoryParser {
  static final String FORMAT = "dvc";

  @Override
  public String name() {
    return "dvc-project";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    if (dir.hasFile("dvc.lock")) {
      return true;
    }
    // DVCLive writes a dvc.yaml of its own into its output folder; that folder is DVCLive's.
    return dir.hasFile("dvc.yaml") && !DvcLiveParser.isLiveFolder(dir);
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Path project = dir.path();
    ValueFiles files = new ValueFiles(context);
    StageRecords stageRecords = new StageRecords(project, files);
    List<Record> out = new ArrayList<>();
    long limit = context.limits().maxReadBytes();

    Record pipeline = null;
    PipelineFile pipelineFile = null;
    if (dir.hasFile("dvc.yaml")) {
      Path yaml = project.resolve("dvc.yaml");
      pipeline = new Record(RecordKind.EXPERIMENT, FORMAT, PosixPaths.of(yaml));
      pipeline.setName(dir.name());
      pipeline.source(pipeline.getPath());
      out.add(pipeline);
      try {
        YamlTrees.Result y = YamlTrees.read(yaml, limit);
        y.warnings().forEach(pipeline::warn);
        if (isEmpty(y.tree())) {
          pipeline.warn(yaml + " is empty");
        }
        List<String> warnings = new ArrayList<>();
        pipelineFile = PipelineFile.of(y.tree(), variables(y.tree(), project, files, pipeline), warnings);
        warnings.forEach(pipeline::warn);
      } catch (IOException e) {
        pipeline.warn(e.getMessage());
      }
    }

    LockFile lock = null;
    if (dir.hasFile("dvc.lock")) {
      Path lockPath = project.resolve("dvc.lock");
      try {
        YamlTrees.Result y = YamlTrees.read(lockPath, limit);
        List<String> warnings = new ArrayList<>(y.warnings());
        if (isEmpty(y.tree())) {
          warnings.add(lockPath + " is empty; no stage was read from it");
        }
        lock = LockFile.of(y.tree(), warnings);
        if (!warnings.isEmpty()) {
          Record target = pipeline != null ? pipeline : lockOnly(out, lockPath);
          warnings.forEach(target::warn);
        }
      } catch (IOException e) {
        Record target = pipeline != null ? pipeline : lockOnly(out, lockPath);
        target.source(PosixPaths.of(lockPath));
        target.warn(e.getMessage());
      }
    }

    out.addAll(stages(pipelineFile, lock, stageRecords, context));
    if (pipeline != null && pipelineFile != null) {
      describe(pipeline, pipelineFile, project);
      out.addAll(metricsRecords(dir, pipelineFile, stageRecords, files, pipeline));
    }
    out.addAll(paramsRecords(dir, pipelineFile, stageRecords, files));
    return out;
  }

  private static boolean isEmpty(JsonNode tree) {
    return tree.isObject() && tree.isEmpty() || tree.isNull();
  }

  /** A record for a lock that has no dvc.yaml beside it, to carry the lock's warnings. */
  private static Record lockOnly(List<Record> out, Path lockPath) {
    for (Record r : out) {
      if (r.getPath().equals(PosixPaths.of(lockPath)) && r.getKind() == RecordKind.EXPERIMENT) {
        return r;
      }
    }
    Record r = new Record(RecordKind.EXPERIMENT, FORMAT, PosixPaths.of(lockPath));
    r.setName(lockPath.getParent() == null ? "dvc.lock" : String.valueOf(lockPath.getParent().getFileName()));
    r.source(r.getPath());
    out.add(r);
    return r;
  }

  /** Stages in dvc.yaml order, each from the lock where it ran; then locked stages dvc.yaml lacks. */
  private static List<Record> stages(PipelineFile pipeline, LockFile lock, StageRecords records, ParseContext context) {
    List<Record> out = new ArrayList<>();
    Map<String, LockedStage> locked = lock == null ? new LinkedHashMap<>() : new LinkedHashMap<>(lock.stages());
    if (pipeline != null) {
      for (StageDefinition def : pipeline.stages().values()) {
        context.checkDeadline();
        LockedStage l = locked.remove(def.name());
        out.add(l != null ? records.locked(l, def, lock.schema()) : records.declared(def));
      }
    }
    for (LockedStage l : locked.values()) {
      context.checkDeadline();
      StageDefinition def = pipeline == null ? null : pipeline.definition(l.name());
      Record r = records.locked(l, def, lock.schema());
      if (pipeline == null) {
        r.getWarnings().removeIf(w -> w.contains("is in dvc.lock but not in dvc.yaml"));
      }
      out.add(r);
    }
    return out;
  }

  /** params.yaml (DVC's default variables) merged with the {@code vars} section. */
  private static ObjectNode variables(JsonNode tree, Path project, ValueFiles files, Record pipeline) {
    ObjectNode vars = JsonNodeFactory.instance.objectNode();
    ValueFiles.Content defaults = files.load(project.resolve(StageRecords.DEFAULT_PARAMS));
    if (defaults.readable() && defaults.tree().isObject()) {
      vars.setAll((ObjectNode) defaults.tree());
    }
    JsonNode list = tree.path("vars");
    for (JsonNode item : list.isArray() ? list : JsonNodeFactory.instance.arrayNode()) {
      if (item.isObject()) {
        vars.setAll((ObjectNode) item);
      } else if (item.isTextual()) {
        String file = item.asText();
        int colon = file.indexOf(':');
        JsonNode loaded = files.loadFor(project.resolve(colon > 0 ? file.substring(0, colon) : file), pipeline);
        if (loaded != null && loaded.isObject()) {
          vars.setAll((ObjectNode) loaded);
        }
      }
    }
    return vars;
  }

  private static void describe(Record r, PipelineFile p, Path project) {
    r.property("stages", p.stageNames());
    r.property("stage_count", p.stages().size());
    r.property("declared_metrics", p.metrics());
    r.property("declared_plots", p.plots());
    r.property("params_files", p.paramsFiles().isEmpty() ? null : p.paramsFiles());
    r.property("artifacts", new ArrayList<>(p.artifacts().keySet()));
    p.artifacts().forEach((name, a) -> {
      String path = a.path("path").asText(null);
      if (path != null) {
        DvcEntry e = DvcEntry.fromDeclared(a.get("path"));
        LineageRef ref = e.toRef(project, "artifacts");
        String type = a.path("type").asText(null);
        r.getLineage().output(type != null && ref.path() != null ? ref.withKind(type) : ref);
      }
    });
  }

  /** The default params.yaml and every other params file the pipeline names. */
  private static List<Record> paramsRecords(DirectoryView dir, PipelineFile p, StageRecords stages, ValueFiles files) {
    Map<String, Path> wanted = new LinkedHashMap<>();
    Path defaults = dir.resolve(StageRecords.DEFAULT_PARAMS);
    wanted.put(PosixPaths.of(defaults), defaults);
    if (p != null) {
      p.paramsFiles().forEach(f -> put(wanted, dir.path().resolve(f)));
      for (StageDefinition s : p.stages().values()) {
        s.params().stream().filter(d -> d.file() != null).forEach(d -> put(wanted, stages.workDir(s).resolve(d.file())));
      }
    }
    List<Record> out = new ArrayList<>();
    for (Path file : wanted.values()) {
      if (!Files.isRegularFile(file) || !insideRoot(dir, file)) {
        continue;
      }
      Record r = new Record(RecordKind.RUN, FORMAT, PosixPaths.of(file));
      r.setName(dir.name() + "/" + dir.path().relativize(file));
      r.property("role", "params");
      JsonNode tree = files.loadFor(file, r);
      Map<String, Object> flat = new LinkedHashMap<>();
      Flatten.into(flat, "", tree);
      flat.forEach(r::param);
      out.add(r);
    }
    return out;
  }

  /** Every declared metrics file that exists: top-level ones relative to dvc.yaml, stage ones to the stage's wdir. */
  private static List<Record> metricsRecords(
      DirectoryView dir, PipelineFile p, StageRecords stages, ValueFiles files, Record pipeline) {
    Map<String, Path> wanted = new LinkedHashMap<>();
    for (String m : p.metrics()) {
      boolean stageLevel = false;
      for (StageDefinition s : p.stages().values()) {
        if (s.metrics().contains(m)) {
          put(wanted, stages.workDir(s).resolve(m));
          stageLevel = true;
        }
      }
      if (!stageLevel) {
        put(wanted, dir.path().resolve(m));
      }
    }
    List<Record> out = new ArrayList<>();
    for (Path file : wanted.values()) {
      if (!Files.isRegularFile(file) || !insideRoot(dir, file)) {
        continue;
      }
      Record r = new Record(RecordKind.RUN, FORMAT, PosixPaths.of(file));
      r.setName(dir.name() + "/" + dir.path().relativize(file));
      r.property("role", "metrics");
      r.property("pipeline", pipeline.getPath());
      MetricValues.into(r, files.loadFor(file, r), file);
      out.add(r);
    }
    return out;
  }

  /** Files named by the pipeline are read only inside the crawl root. */
  private static boolean insideRoot(DirectoryView dir, Path file) {
    return file.toAbsolutePath().normalize().startsWith(dir.root().toAbsolutePath().normalize());
  }

  private static void put(Map<String, Path> wanted, Path file) {
    Path n = file.normalize();
    wanted.putIfAbsent(PosixPaths.of(n), n);
  }
}
