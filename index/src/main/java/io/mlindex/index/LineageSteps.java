package io.mlindex.index;

import io.mlindex.index.LineageEdge.Evidence;
import io.mlindex.record.LineageRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * One level of a traversal: the neighbours of a batch of nodes, found with a handful of term
 * lookups for the whole batch. Downstream: what records wrote, who read an artifact, the files in a
 * run's (or an output folder's) folder, copies with the same content. Upstream: the mirror images.
 */
final class LineageSteps {
  static final String INPUTS = "lineage.inputs";
  static final String OUTPUTS = "lineage.outputs";
  private static final Query RUNS_OR_FILES = new BooleanQuery.Builder()
      .add(LineageIndex.RUNS, Occur.SHOULD).add(LineageIndex.FILE_LIKE, Occur.SHOULD).build();

  private final LineageTraversal t;
  private final LineageIndex index;

  LineageSteps(LineageTraversal traversal) {
    this.t = traversal;
    this.index = traversal.index;
  }

  void down(List<GraphNode> batch) throws IOException {
    ownReferences(batch, true, LineageDirection.DOWN);
    users(batch, true, LineageDirection.DOWN);
    inside(batch);
    sameContent(batch, LineageDirection.DOWN);
  }

  void up(List<GraphNode> batch) throws IOException {
    ownReferences(batch, false, LineageDirection.UP);
    users(batch, false, LineageDirection.UP);
    containers(batch);
    sameContent(batch, LineageDirection.UP);
  }

  /** A record's own outputs (downstream) or inputs (upstream). */
  private void ownReferences(List<GraphNode> batch, boolean outputs, LineageDirection dir) throws IOException {
    List<GraphNode> owners = new ArrayList<>();
    List<LineageRef> refs = new ArrayList<>();
    int cap = t.cap();
    for (GraphNode n : batch) {
      if (!n.isRecord() || refs.size() >= cap) {
        continue;
      }
      index.read(n.record.doc(), (output, ref) -> {
        if (output != outputs || ref.target() == null) {
          return true;
        }
        if (refs.size() >= cap) {
          t.markTruncated();
          return false;
        }
        owners.add(n);
        refs.add(ref);
        return true;
      });
    }
    Map<LineageRef, LineageTraversal.Resolved> resolved = t.resolve(refs);
    for (int i = 0; i < refs.size(); i++) {
      LineageRef ref = refs.get(i);
      GraphNode owner = owners.get(i);
      LineageTraversal.Resolved r = resolved.get(ref);
      if (r == null) {
        continue;
      }
      Evidence ev = new Evidence(owner.id, outputs ? OUTPUTS : INPUTS, ref.via());
      for (GraphNode target : r.nodes()) {
        target.addHash(ref.hash());
        boolean unsure = r.uncertain() || Boolean.TRUE.equals(ref.uncertain());
        t.connect(target, outputs ? edge(owner, target, LineageEdge.WRITES, ev, unsure)
            : edge(target, owner, LineageEdge.READS, ev, unsure), dir);
      }
    }
  }

  /** The records that read (downstream) or wrote (upstream) the artifacts of the batch. */
  private void users(List<GraphNode> batch, boolean readers, LineageDirection dir) throws IOException {
    Map<String, List<GraphNode>> byTarget = new LinkedHashMap<>();
    for (GraphNode n : batch) {
      if (n.isArtifactLike() && n.target != null) {
        byTarget.computeIfAbsent(n.target, k -> new ArrayList<>()).add(n);
      }
    }
    if (byTarget.isEmpty()) {
      return;
    }
    String field = readers ? "lineage.in" : "lineage.out";
    for (int doc : t.checked(index.withAny(field, byTarget.keySet(), null, t.cap())).docs()) {
      List<LineageRef> hits = new ArrayList<>();
      StoredRecord x = index.read(doc, (output, ref) -> {
        if (output != readers && ref.target() != null && byTarget.containsKey(ref.target())) {
          hits.add(ref);
        }
        return true;
      });
      GraphNode user = t.record(x);
      if (user == null) {
        continue;
      }
      for (LineageRef ref : hits) {
        Evidence ev = new Evidence(x.id(), readers ? INPUTS : OUTPUTS, ref.via());
        for (GraphNode n : byTarget.get(ref.target())) {
          n.addHash(ref.hash());
          boolean unsure = n.foreign || Boolean.TRUE.equals(ref.uncertain());
          t.connect(user, readers ? edge(n, user, LineageEdge.READS, ev, unsure) : edge(user, n, LineageEdge.WRITES, ev, unsure), dir);
        }
      }
    }
    List<String> local = new ArrayList<>();
    for (GraphNode n : batch) {
      if (n.localPath() != null) {
        local.add(n.localPath());
      }
    }
    for (ForeignTails.Match m : t.foreign().referencing(local, readers)) {
      GraphNode user = t.record(m.record());
      if (user == null) {
        continue;
      }
      Evidence ev = new Evidence(m.record().id(), readers ? INPUTS : OUTPUTS, m.ref().via());
      for (GraphNode n : byTarget.getOrDefault(m.localPath(), List.of())) {
        t.connect(user, readers ? edge(n, user, LineageEdge.READS, ev, true) : edge(user, n, LineageEdge.WRITES, ev, true), dir);
      }
    }
  }

  /** Downstream: the file-like records inside a run's folder, or inside a folder artifact. */
  private void inside(List<GraphNode> batch) throws IOException {
    Map<String, List<GraphNode>> folders = new LinkedHashMap<>();
    for (GraphNode n : batch) {
      String folder = n.isRun() ? n.record.path() : n.localPath();
      if (folder != null) {
        folders.computeIfAbsent(folder, k -> new ArrayList<>()).add(n);
      }
    }
    if (folders.isEmpty()) {
      return;
    }
    for (int doc : t.checked(index.under(folders.keySet(), LineageIndex.FILE_LIKE, t.cap())).docs()) {
      StoredRecord x = index.read(doc, null);
      GraphNode file = x.path() == null ? null : t.record(x);
      if (file == null) {
        continue;
      }
      for (String folder : PathTails.ancestors(x.path())) {
        for (GraphNode n : folders.getOrDefault(folder, List.of())) {
          boolean run = n.isRun();
          Evidence ev = new Evidence(run ? n.id : x.id(), "path", null);
          t.connect(file, edge(n, file, run ? LineageEdge.RUN_FOLDER : LineageEdge.CONTAINS, ev, false), LineageDirection.DOWN);
        }
      }
    }
  }

  /** Upstream: runs and folders (records, or outputs of a record) that hold a node's path. */
  private void containers(List<GraphNode> batch) throws IOException {
    Map<String, List<GraphNode>> byFolder = new LinkedHashMap<>();
    for (GraphNode n : batch) {
      if (n.localPath() != null) {
        for (String a : PathTails.ancestors(n.localPath())) {
          byFolder.computeIfAbsent(a, k -> new ArrayList<>()).add(n);
        }
      }
    }
    if (byFolder.isEmpty()) {
      return;
    }
    for (int doc : t.checked(index.withAny("path", byFolder.keySet(), RUNS_OR_FILES, t.cap())).docs()) {
      StoredRecord x = index.read(doc, null);
      GraphNode holder = t.record(x);
      if (holder == null) {
        continue;
      }
      String relation = x.run() ? LineageEdge.RUN_FOLDER : LineageEdge.CONTAINS;
      for (GraphNode n : byFolder.getOrDefault(x.path(), List.of())) {
        t.connect(holder, edge(holder, n, relation, new Evidence(x.id(), "path", null), false), LineageDirection.UP);
      }
    }
    List<StoredRecord> writers = new ArrayList<>();
    List<LineageRef> refs = new ArrayList<>();
    for (int doc : t.checked(index.withAny("lineage.out", byFolder.keySet(), null, t.cap())).docs()) {
      List<LineageRef> found = new ArrayList<>();
      StoredRecord x = index.read(doc, (output, ref) -> {
        if (output && ref.path() != null && byFolder.containsKey(ref.path())) {
          found.add(ref);
        }
        return true;
      });
      found.forEach(ref -> {
        writers.add(x);
        refs.add(ref);
      });
    }
    Map<LineageRef, LineageTraversal.Resolved> resolved = t.resolve(refs);
    for (int i = 0; i < refs.size(); i++) {
      LineageRef ref = refs.get(i);
      LineageTraversal.Resolved r = resolved.get(ref);
      if (r == null) {
        continue;
      }
      Evidence ev = new Evidence(writers.get(i).id(), OUTPUTS, ref.via());
      for (GraphNode folder : r.nodes()) {
        folder.addHash(ref.hash());
        for (GraphNode n : byFolder.get(ref.path())) {
          t.connect(folder, edge(folder, n, LineageEdge.CONTAINS, ev, Boolean.TRUE.equals(ref.uncertain())), LineageDirection.UP);
        }
      }
    }
  }

  /**
   * Copies: records whose own content hash equals a node's (a record whose outputs carry its hash
   * only describes that output, as a {@code .dvc} file does), and paths that some record names
   * with that hash.
   */
  private void sameContent(List<GraphNode> batch, LineageDirection dir) throws IOException {
    Map<String, List<GraphNode>> byHash = new LinkedHashMap<>();
    for (GraphNode n : batch) {
      if (n.isArtifactLike()) {
        n.hashes.forEach(h -> byHash.computeIfAbsent(h, k -> new ArrayList<>()).add(n));
      }
    }
    if (byHash.isEmpty()) {
      return;
    }
    for (int doc : t.checked(index.withAny("hash", byHash.keySet(), LineageIndex.FILE_LIKE, t.cap())).docs()) {
      Set<String> outputHashes = new HashSet<>();
      StoredRecord x = index.read(doc, (output, ref) -> {
        if (output && ref.hash() != null && byHash.containsKey(ref.hash())) {
          outputHashes.add(ref.hash());
        }
        return true;
      });
      if (x.hash() == null || outputHashes.contains(x.hash())) {
        continue;
      }
      GraphNode copy = t.record(x);
      if (copy == null) {
        continue;
      }
      for (GraphNode n : byHash.getOrDefault(x.hash(), List.of())) {
        if (n != copy) {
          t.connect(copy, edge(n, copy, LineageEdge.SAME_CONTENT, new Evidence(x.id(), "hash", null),
              PathTails.approximate(x.hash())), dir);
        }
      }
    }
    List<StoredRecord> stating = new ArrayList<>();
    List<Boolean> sides = new ArrayList<>();
    List<LineageRef> refs = new ArrayList<>();
    for (int doc : t.checked(index.withAny("lineage", byHash.keySet(), null, t.cap())).docs()) {
      List<LineageRef> found = new ArrayList<>();
      List<Boolean> foundSides = new ArrayList<>();
      StoredRecord y = index.read(doc, (output, ref) -> {
        if (ref.hash() != null && ref.target() != null && byHash.containsKey(ref.hash())) {
          found.add(ref);
          foundSides.add(output);
        }
        return true;
      });
      for (int i = 0; i < found.size(); i++) {
        stating.add(y);
        refs.add(found.get(i));
        sides.add(foundSides.get(i));
      }
    }
    Map<LineageRef, LineageTraversal.Resolved> resolved = t.resolve(refs);
    for (int i = 0; i < refs.size(); i++) {
      LineageRef ref = refs.get(i);
      LineageTraversal.Resolved r = resolved.get(ref);
      if (r == null) {
        continue;
      }
      Evidence ev = new Evidence(stating.get(i).id(), sides.get(i) ? OUTPUTS : INPUTS, ref.via());
      for (GraphNode copy : r.nodes()) {
        copy.addHash(ref.hash());
        for (GraphNode n : byHash.get(ref.hash())) {
          if (n != copy && !ref.target().equals(n.target)) {
            boolean unsure = r.uncertain() || PathTails.approximate(ref.hash()) || Boolean.TRUE.equals(ref.uncertain());
            t.connect(copy, edge(n, copy, LineageEdge.SAME_CONTENT, ev, unsure), dir);
          }
        }
      }
    }
  }

  private static LineageEdge edge(GraphNode from, GraphNode to, String relation, Evidence ev, boolean uncertain) {
    return new LineageEdge(from.id, to.id, relation, ev, uncertain ? Boolean.TRUE : null);
  }
}
