package io.mlindex.index;

import io.mlindex.record.LineageRef;
import io.mlindex.record.RecordIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the nodes a user's reference stands for: a record id; a content hash (the records and
 * lineage paths with that content); an absolute path (every record at it, and the artifact if only
 * lineage names it); a foreign path (matched exactly, or by its tail); a relative path (every path
 * ending with it); a named reference such as a Hugging Face model id.
 */
final class LineageStart {
  private static final Pattern FOREIGN = Pattern.compile("^([A-Za-z]:[\\\\/].*|~.*|.*\\\\.*|[a-z][a-z0-9+.-]*://.*)$");

  /** Most records read to learn the content hashes of the start's paths. */
  private static final int SEED_DOCUMENTS = 32;

  private final LineageTraversal t;
  private final LineageIndex index;

  LineageStart(LineageTraversal traversal) {
    this.t = traversal;
    this.index = traversal.index;
  }

  List<GraphNode> resolve(String ref) throws IOException {
    if (RecordIds.looksLikeId(ref)) {
      StoredRecord r = index.byId(ref);
      if (r != null) {
        return nonNull(t.record(r));
      }
    }
    if (PathTails.isHash(ref)) {
      return byHash(ref);
    }
    String spelled = ref.startsWith("file://") ? ref.substring("file://".length()) : ref;
    if (PathTails.isLocal(spelled)) {
      return atPath(PathTails.normalise(spelled));
    }
    if (FOREIGN.matcher(spelled).matches()) {
      return foreign(spelled.replace('\\', '/'));
    }
    return relativeOrNamed(spelled.startsWith("./") ? spelled.substring(2) : spelled);
  }

  private List<GraphNode> atPath(String path) throws IOException {
    List<GraphNode> out = new ArrayList<>();
    boolean fileLike = false;
    for (int doc : t.checked(index.withAny("path", List.of(path), null, t.cap())).docs()) {
      StoredRecord r = index.read(doc, null);
      GraphNode n = t.record(r);
      if (n != null) {
        out.add(n);
        fileLike |= r.fileLike();
      }
    }
    if (!fileLike && named(path)) {
      out.addAll(resolvePaths(List.of(path)));
    }
    seedHashes(out);
    return out;
  }

  private List<GraphNode> foreign(String path) throws IOException {
    if (!named(path) && t.foreign().localMatches(List.of(path)).isEmpty()) {
      return List.of();
    }
    LineageRef ref = new LineageRef(path, null, "foreign", null, null, null, Boolean.TRUE);
    List<GraphNode> out = new ArrayList<>(nodesOf(t.resolve(List.of(ref)).get(ref)));
    seedHashes(out);
    return out;
  }

  private List<GraphNode> relativeOrNamed(String rel) throws IOException {
    List<GraphNode> out = new ArrayList<>();
    for (int doc : t.checked(index.withAny("lineage", List.of(rel), null, t.cap())).docs()) {
      List<LineageRef> namedRefs = new ArrayList<>();
      index.read(doc, (output, r) -> {
        if (r.path() == null && rel.equals(r.ref())) {
          namedRefs.add(r);
        }
        return namedRefs.isEmpty();
      });
      if (!namedRefs.isEmpty()) {
        out.addAll(nodesOf(t.resolve(namedRefs).get(namedRefs.get(0))));
        break;
      }
    }
    Set<String> paths = new LinkedHashSet<>();
    Set<String> fileLikePaths = new HashSet<>();
    for (int doc : t.checked(index.withAny(IndexSchema.suffix("path"), List.of(rel), null, t.cap())).docs()) {
      StoredRecord r = index.read(doc, null);
      GraphNode n = t.record(r);
      if (n != null && !out.contains(n)) {
        out.add(n);
        if (r.fileLike()) {
          fileLikePaths.add(r.path());
        }
      }
    }
    for (int doc : t.checked(index.withAny(IndexSchema.suffix("lineage"), List.of(rel), null, t.cap())).docs()) {
      index.read(doc, (output, r) -> {
        if (r.path() != null && PathTails.isLocal(r.path()) && endsWith(r.path(), rel) && !fileLikePaths.contains(r.path())) {
          paths.add(r.path());
        }
        return true;
      });
    }
    for (GraphNode n : resolvePaths(paths)) {
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    seedHashes(out);
    return out;
  }

  private List<GraphNode> byHash(String hash) throws IOException {
    List<GraphNode> out = new ArrayList<>();
    for (int doc : t.checked(index.withAny("hash", List.of(hash), LineageIndex.FILE_LIKE, t.cap())).docs()) {
      boolean[] describes = {false};
      StoredRecord r = index.read(doc, (output, ref) -> {
        describes[0] |= output && hash.equals(ref.hash());
        return true;
      });
      GraphNode n = describes[0] ? null : t.record(r);
      if (n != null) {
        out.add(n);
      }
    }
    List<LineageRef> refs = new ArrayList<>();
    for (int doc : t.checked(index.withAny("lineage", List.of(hash), null, t.cap())).docs()) {
      index.read(doc, (output, ref) -> {
        if (hash.equals(ref.hash()) && ref.target() != null) {
          refs.add(ref);
        }
        return true;
      });
    }
    for (LineageTraversal.Resolved r : t.resolve(refs).values()) {
      for (GraphNode n : r.nodes()) {
        if (!out.contains(n)) {
          out.add(n);
        }
      }
    }
    out.forEach(n -> n.addHash(hash));
    return out;
  }

  /** Whether some record names this exact path or reference in its lineage. */
  private boolean named(String target) throws IOException {
    return !index.withAny("lineage", List.of(target), null, 1).docs().isEmpty();
  }

  private List<GraphNode> resolvePaths(Collection<String> paths) throws IOException {
    List<LineageRef> refs = new ArrayList<>();
    paths.forEach(p -> refs.add(LineageRef.path(p, null)));
    List<GraphNode> out = new ArrayList<>();
    for (LineageTraversal.Resolved r : t.resolve(refs).values()) {
      for (GraphNode n : r.nodes()) {
        if (!out.contains(n)) {
          out.add(n);
        }
      }
    }
    return out;
  }

  /** The hashes lineage references state for the start's paths, so that copies are found from the start. */
  private void seedHashes(List<GraphNode> start) throws IOException {
    Map<String, List<GraphNode>> byTarget = new LinkedHashMap<>();
    for (GraphNode n : start) {
      if (n.isArtifactLike() && n.target != null) {
        byTarget.computeIfAbsent(n.target, k -> new ArrayList<>()).add(n);
      }
    }
    // best effort: a few references suffice to learn a file's hashes, and missing one cuts nothing
    for (int doc : index.withAny("lineage", byTarget.keySet(), null, SEED_DOCUMENTS).docs()) {
      index.read(doc, (output, ref) -> {
        if (ref.hash() != null && ref.target() != null && byTarget.containsKey(ref.target())) {
          byTarget.get(ref.target()).forEach(n -> n.addHash(ref.hash()));
        }
        return true;
      });
    }
  }

  private static boolean endsWith(String path, String rel) {
    return path.equals(rel) || path.endsWith("/" + rel);
  }

  private static List<GraphNode> nodesOf(LineageTraversal.Resolved r) {
    return r == null ? List.of() : r.nodes();
  }

  private static List<GraphNode> nonNull(GraphNode n) {
    return n == null ? List.of() : List.of(n);
  }
}
