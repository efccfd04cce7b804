package io.mlindex.index;

import io.mlindex.record.LineageRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one breadth-first walk: the nodes reached (bounded by the node limit), the edges
 * between them, what each path resolved to, and the frontier of the next level. The steps that find
 * neighbours live in {@link LineageSteps}; this class decides what is new and what is cut.
 */
final class LineageTraversal {
  /** What a lineage reference stands for: the nodes, and whether the match is a guess. */
  record Resolved(List<GraphNode> nodes, boolean uncertain) {
    static final Resolved NOTHING = new Resolved(List.of(), false);
  }

  final LineageIndex index;
  private final int maxNodes;
  private final int maxEdges;
  private final boolean keepEdges;
  private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
  private final Map<String, LineageEdge> edges = new LinkedHashMap<>();
  private final Map<String, Resolved> resolved = new HashMap<>();
  private final ForeignTails foreign;
  private boolean truncated;
  private List<GraphNode> nextUp = new ArrayList<>();
  private List<GraphNode> nextDown = new ArrayList<>();

  LineageTraversal(LineageIndex index, int maxNodes, boolean keepEdges) {
    this.index = index;
    this.maxNodes = maxNodes;
    this.maxEdges = (int) Math.min(Integer.MAX_VALUE, 8L * maxNodes);
    this.keepEdges = keepEdges;
    this.foreign = new ForeignTails(this);
  }

  /** Walks from {@code start} level by level until the depth, the frontier or the budget ends. */
  void run(List<GraphNode> start, LineageDirection direction, int maxDepth) throws IOException {
    List<GraphNode> up = new ArrayList<>();
    List<GraphNode> down = new ArrayList<>();
    for (GraphNode n : start) {
      if (direction.includesUp()) {
        n.markReached(LineageDirection.UP);
        up.add(n);
      }
      if (direction.includesDown()) {
        n.markReached(LineageDirection.DOWN);
        down.add(n);
      }
    }
    LineageSteps steps = new LineageSteps(this);
    for (int depth = 0; depth < maxDepth && !(truncated && full()) && !(up.isEmpty() && down.isEmpty()); depth++) {
      nextUp = new ArrayList<>();
      nextDown = new ArrayList<>();
      if (!down.isEmpty()) {
        steps.down(down);
      }
      if (!up.isEmpty()) {
        steps.up(up);
      }
      up = nextUp;
      down = nextDown;
    }
  }

  private boolean full() {
    return nodes.size() >= maxNodes;
  }

  /** How many documents one lookup may return: what the budget still allows, and as much again for known nodes. */
  int cap() {
    return Math.max(0, maxNodes - nodes.size()) + maxNodes;
  }

  /** Notes that a lookup had more hits than it kept, so the answer may miss nodes. */
  LineageIndex.Hits checked(LineageIndex.Hits hits) {
    if (hits.overflow()) {
      truncated = true;
    }
    return hits;
  }

  ForeignTails foreign() {
    return foreign;
  }

  void markTruncated() {
    truncated = true;
  }

  boolean truncated() {
    return truncated;
  }

  /** The node of a record: the known one, a new one, or null when the node limit is reached. */
  GraphNode record(StoredRecord r) {
    GraphNode known = nodes.get(GraphNode.recordKey(r.id()));
    if (known != null) {
      return known;
    }
    return admit(GraphNode.of(r));
  }

  private GraphNode artifact(String target, String refKind, boolean isForeign, boolean named) {
    GraphNode known = nodes.get(GraphNode.artifactKey(target));
    if (known != null) {
      return known;
    }
    return admit(GraphNode.artifact(target, refKind, isForeign, named));
  }

  private GraphNode admit(GraphNode n) {
    if (nodes.size() >= maxNodes) {
      truncated = true;
      return null;
    }
    nodes.put(n.key, n);
    return n;
  }

  /**
   * What each reference stands for: the file-like records at a local path (else an artifact node
   * for the path), an artifact for a named reference, and for a foreign path the local paths it
   * matches by its tail (uncertain), else an artifact for it.
   */
  Map<LineageRef, Resolved> resolve(Collection<LineageRef> refs) throws IOException {
    Set<String> local = new LinkedHashSet<>();
    Set<String> foreignPaths = new LinkedHashSet<>();
    for (LineageRef ref : refs) {
      if (ref.path() == null || resolved.containsKey(ref.target())) {
        continue;
      }
      (PathTails.isForeign(ref) ? foreignPaths : local).add(ref.path());
    }
    Map<String, List<StoredRecord>> atPaths = recordsAt(local);
    Map<String, Set<String>> matches = foreign.localMatches(foreignPaths);
    Set<String> matched = new LinkedHashSet<>();
    matches.values().forEach(matched::addAll);
    matched.removeIf(resolved::containsKey);
    matched.removeAll(local);
    atPaths.putAll(recordsAt(matched));

    Map<LineageRef, Resolved> out = new LinkedHashMap<>();
    for (LineageRef ref : refs) {
      Resolved r = resolved.get(ref.target());
      if (r == null) {
        r = resolveNew(ref, atPaths, matches);
      }
      if (!r.nodes().isEmpty()) {
        out.put(ref, r);
      }
    }
    return out;
  }

  private Resolved resolveNew(LineageRef ref, Map<String, List<StoredRecord>> atPaths, Map<String, Set<String>> matches) {
    if (ref.path() == null) {
      return remember(ref.target(), single(artifact(ref.ref(), ref.kind(), false, true)), false);
    }
    if (!PathTails.isForeign(ref)) {
      return remember(ref.path(), nodesAt(ref.path(), ref.kind(), atPaths), false);
    }
    Set<String> locals = matches.getOrDefault(ref.path(), Set.of());
    if (locals.isEmpty()) {
      return remember(ref.path(), single(artifact(ref.path(), "foreign", true, false)), true);
    }
    List<GraphNode> all = new ArrayList<>();
    for (String p : locals) {
      Resolved r = resolved.get(p);
      all.addAll(r != null ? r.nodes() : remember(p, nodesAt(p, null, atPaths), false).nodes());
    }
    return remember(ref.path(), all, true);
  }

  private List<GraphNode> nodesAt(String path, String refKind, Map<String, List<StoredRecord>> atPaths) {
    List<StoredRecord> records = atPaths.getOrDefault(path, List.of());
    if (records.isEmpty()) {
      return single(artifact(path, refKind, false, false));
    }
    List<GraphNode> out = new ArrayList<>();
    for (StoredRecord r : records) {
      GraphNode n = record(r);
      if (n != null) {
        out.add(n);
      }
    }
    return out;
  }

  private Resolved remember(String target, List<GraphNode> found, boolean uncertain) {
    Resolved r = new Resolved(found, uncertain);
    if (!found.isEmpty()) {
      resolved.put(target, r); // an empty answer (budget exhausted) is not cached
    }
    return r;
  }

  private static List<GraphNode> single(GraphNode n) {
    return n == null ? List.of() : List.of(n);
  }

  /** File-like records at each of these local paths. */
  Map<String, List<StoredRecord>> recordsAt(Collection<String> paths) throws IOException {
    Map<String, List<StoredRecord>> out = new HashMap<>();
    for (int doc : checked(index.withAny("path", paths, LineageIndex.FILE_LIKE, cap())).docs()) {
      StoredRecord r = index.read(doc, null);
      out.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  /**
   * Adds an edge (unless it links a node to itself or the pair is already linked) and queues the
   * node it reaches for expansion in the same direction.
   */
  void connect(GraphNode reached, LineageEdge edge, LineageDirection direction) {
    if (edge.from().equals(edge.to())) {
      return;
    }
    String key = edge.from() + '\0' + edge.to();
    if (keepEdges && !edges.containsKey(key)
        && !(LineageEdge.SAME_CONTENT.equals(edge.relation()) && edges.containsKey(edge.to() + '\0' + edge.from()))) {
      if (edges.size() >= maxEdges) {
        truncated = true;
        return;
      }
      edges.put(key, edge);
    }
    if (!reached.reached(direction)) {
      reached.markReached(direction);
      (direction == LineageDirection.UP ? nextUp : nextDown).add(reached);
    }
  }

  Collection<GraphNode> nodes() {
    return nodes.values();
  }

  Collection<LineageEdge> edges() {
    return edges.values();
  }
}
