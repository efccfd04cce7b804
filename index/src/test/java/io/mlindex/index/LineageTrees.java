package io.mlindex.index;

import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds lineage graphs as records in a real index, for the lineage tests. */
final class LineageTrees {
  private final RecordIndex index;
  private int unit;

  LineageTrees(RecordIndex index) {
    this.index = index;
  }

  static LineageRef file(String path) {
    return LineageRef.path(path, "test");
  }

  static LineageRef file(String path, String hash) {
    return LineageRef.path(path, "deps").withHash(hash, 10L);
  }

  static Record stage(String lock, String name, List<LineageRef> inputs, List<LineageRef> outputs) {
    Record r = new Record(RecordKind.STAGE, "dvc", lock, name).setName(name);
    inputs.forEach(r.getLineage()::input);
    outputs.forEach(r.getLineage()::output);
    return r;
  }

  static Record notebook(String path, List<LineageRef> inputs, List<LineageRef> outputs) {
    Record r = new Record(RecordKind.NOTEBOOK, "notebook", path).setName(path.substring(path.lastIndexOf('/') + 1));
    inputs.forEach(r.getLineage()::input);
    outputs.forEach(r.getLineage()::output);
    return r;
  }

  static Record model(String path, String hash) {
    Record r = new Record(RecordKind.MODEL, "pickle", path).setName(path.substring(path.lastIndexOf('/') + 1));
    r.setHash(hash);
    return r;
  }

  static Record run(String folder) {
    return new Record(RecordKind.RUN, "mlflow", folder).setName(folder.substring(folder.lastIndexOf('/') + 1));
  }

  /** Writes each record as its own unit and commits. */
  LineageTrees put(Record... records) throws IOException {
    for (Record r : records) {
      String key = UnitKeys.encode(r.getPath()) + "#" + unit++;
      index.replaceUnit(new UnitState(key, r.getPath(), "/", false, "fp", List.of(), List.of(r.getId()), null), List.of(r));
    }
    index.commit();
    return this;
  }

  LineageResult lineage(String ref, LineageDirection direction) throws Exception {
    return lineage(new LineageRequest(ref, direction, LineageRequest.UNLIMITED, LineageRequest.DEFAULT_MAX_NODES));
  }

  LineageResult lineage(LineageRequest request) throws Exception {
    try (RecordSearcher s = index.searcher()) {
      return s.lineage(request);
    }
  }

  /** Node names (records) or paths (artifacts), in discovery order. */
  static List<String> names(LineageResult r) {
    List<String> out = new ArrayList<>();
    r.nodes().forEach(n -> out.add(n.record() ? n.name() : n.id()));
    return out;
  }

  /** Edges as "from -relation-> to" with names for records, in discovery order. */
  static List<String> edges(LineageResult r) {
    Map<String, String> label = new java.util.HashMap<>();
    r.nodes().forEach(n -> label.put(n.id(), n.record() ? n.name() : n.id()));
    List<String> out = new ArrayList<>();
    r.edges().forEach(e -> out.add(label.get(e.from()) + " -" + e.relation() + (Boolean.TRUE.equals(e.uncertain()) ? "?" : "")
        + "-> " + label.get(e.to())));
    return out;
  }
}
