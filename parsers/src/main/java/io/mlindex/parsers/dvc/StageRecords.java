package io.mlindex.parsers.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.dvc.LockFile.LockedStage;
import io.mlindex.parsers.dvc.StageDefinition.ParamsDeclaration;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns DVC stages into records (kind stage): a locked stage from {@code dvc.lock} with the hashes
 * and params values it ran with, or a stage only declared in {@code dvc.yaml} with its params
 * looked up in the params files as they are now.
 */
final class StageRecords {
  static final String DEFAULT_PARAMS = "params.yaml";

  private final Path projectDir;
  private final Path dvcYaml;
  private final Path dvcLock;
  private final ValueFiles files;

  StageRecords(Path projectDir, ValueFiles files) {
    this.projectDir = projectDir;
    this.dvcYaml = projectDir.resolve("dvc.yaml");
    this.dvcLock = projectDir.resolve("dvc.lock");
    this.files = files;
  }

  /** The folder a stage's paths are relative to ({@code wdir}, if it is a plain path). */
  Path workDir(StageDefinition def) {
    if (def == null || def.wdir() == null || def.wdir().contains("${")) {
      return projectDir;
    }
    return projectDir.resolve(def.wdir().replace('\\', '/')).normalize();
  }

  Record locked(LockedStage locked, StageDefinition def, String schema) {
    Record r = new Record(RecordKind.STAGE, "dvc", PosixPaths.of(dvcLock), locked.name());
    r.source(PosixPaths.of(dvcLock));
    common(r, locked.name(), def);
    r.property("cmd", locked.cmd() != null ? locked.cmd() : def == null ? null : def.cmd());
    r.property("schema", schema);
    r.property("source", "dvc.lock");
    Path work = workDir(def);
    Map<String, Object> params = new LinkedHashMap<>();
    locked.params().forEach((file, values) -> addParams(params, file, values, r));
    params.forEach(r::param);
    locked.deps().forEach(d -> r.getLineage().input(d.toRef(work, "deps")));
    locked.outs().forEach(o -> r.getLineage().output(o.toRef(work, "outs")));
    if (def == null) {
      r.warn("stage '" + locked.name() + "' is in dvc.lock but not in dvc.yaml (removed or renamed since it ran)");
    }
    return r;
  }

  Record declared(StageDefinition def) {
    Record r = new Record(RecordKind.STAGE, "dvc", PosixPaths.of(dvcYaml), def.name());
    common(r, def.name(), def);
    r.property("cmd", def.cmd());
    r.property("source", "dvc.yaml");
    r.property("locked", false);
    Path work = workDir(def);
    Map<String, Object> params = new LinkedHashMap<>();
    for (ParamsDeclaration p : def.params()) {
      String file = p.file() != null ? p.file() : DEFAULT_PARAMS;
      JsonNode tree = files.loadFor(work.resolve(file), r);
      if (tree == null) {
        r.warn("stage '" + def.name() + "' depends on params from " + file + ", which was not found");
        continue;
      }
      Map<String, Object> all = new LinkedHashMap<>();
      Flatten.into(all, "", tree);
      if (p.keys() == null) {
        all.forEach(params::putIfAbsent);
        continue;
      }
      for (String key : p.keys()) {
        if (!select(all, key, params)) {
          r.warn("stage '" + def.name() + "' depends on param '" + key + "', which " + file + " does not define");
        }
      }
    }
    params.forEach(r::param);
    def.deps().forEach(d -> r.getLineage().input(d.toRef(work, "deps")));
    def.outs().forEach(o -> r.getLineage().output(o.toRef(work, "outs")));
    return r;
  }

  private void common(Record r, String name, StageDefinition def) {
    r.setName(name);
    r.property("stage", name);
    if (def == null) {
      return;
    }
    r.source(PosixPaths.of(dvcYaml));
    r.property("template", def.template());
    r.property("wdir", def.wdir());
    r.property("desc", def.text("desc"));
    if (def.flag("frozen")) {
      r.property("frozen", true);
    }
    if (def.flag("always_changed")) {
      r.property("always_changed", true);
    }
  }

  /** A key names one value or a whole section ({@code train} selects {@code train.*}). */
  private static boolean select(Map<String, Object> all, String key, Map<String, Object> into) {
    if (all.containsKey(key)) {
      into.putIfAbsent(key, all.get(key));
      return true;
    }
    boolean found = false;
    for (Map.Entry<String, Object> e : all.entrySet()) {
      if (e.getKey().startsWith(key + ".")) {
        into.putIfAbsent(e.getKey(), e.getValue());
        found = true;
      }
    }
    return found;
  }

  /** Values locked from one params file; keys are dotted already or nested (a whole file). */
  private static void addParams(Map<String, Object> params, String file, JsonNode values, Record r) {
    Map<String, Object> flat = new LinkedHashMap<>();
    Flatten.into(flat, "", values);
    flat.forEach((k, v) -> {
      if (params.containsKey(k) && !java.util.Objects.equals(params.get(k), v)) {
        r.warn("param '" + k + "' is locked from two files with different values; the one from "
            + file + " was dropped");
      } else {
        params.put(k, v);
      }
    });
  }
}
