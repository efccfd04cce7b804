package io.mlindex.index;

import io.mlindex.record.LineageRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches paths from another machine ({@code C:/Users/ann/proj/data/raw.csv}) with local ones by
 * their trailing components: at least {@link PathTails#MIN_COMMON} must agree. Works on the suffix
 * terms the index keeps for path fields, so a match is one lookup, never a scan.
 */
final class ForeignTails {
  /** A foreign reference of {@code record} whose tail matched a local path. */
  record Match(String localPath, StoredRecord record, LineageRef ref) {}

  private final LineageTraversal traversal;

  ForeignTails(LineageTraversal traversal) {
    this.traversal = traversal;
  }

  /** For each foreign path, the local paths (of records, or named in lineage) that end like it. */
  Map<String, Set<String>> localMatches(Collection<String> foreignPaths) throws IOException {
    Map<String, Set<String>> out = new HashMap<>();
    if (foreignPaths.isEmpty()) {
      return out;
    }
    Map<String, List<String>> byTail = new HashMap<>();
    for (String f : foreignPaths) {
      for (String t : PathTails.tails(f)) {
        byTail.computeIfAbsent(t, k -> new ArrayList<>()).add(f);
      }
    }
    LineageIndex index = traversal.index;
    for (int doc : traversal.checked(index.withAny(IndexSchema.suffix("path"), byTail.keySet(), LineageIndex.FILE_LIKE, traversal.cap())).docs()) {
      StoredRecord r = index.read(doc, null);
      addMatches(r.path(), byTail, out);
    }
    for (int doc : traversal.checked(index.withAny(IndexSchema.suffix("lineage"), byTail.keySet(), null, traversal.cap())).docs()) {
      index.read(doc, (output, ref) -> {
        addMatches(ref.path(), byTail, out);
        return true;
      });
    }
    return out;
  }

  private static void addMatches(String local, Map<String, List<String>> byTail, Map<String, Set<String>> out) {
    if (!PathTails.isLocal(local)) {
      return;
    }
    for (String t : PathTails.tails(local)) {
      for (String f : byTail.getOrDefault(t, List.of())) {
        out.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(local);
      }
    }
  }

  /**
   * Records whose foreign inputs ({@code inputs} true) or outputs match one of these local paths by
   * their tail.
   */
  List<Match> referencing(Collection<String> localPaths, boolean inputs) throws IOException {
    List<Match> out = new ArrayList<>();
    Map<String, List<String>> byTail = new HashMap<>();
    for (String p : localPaths) {
      for (String t : PathTails.tails(p)) {
        byTail.computeIfAbsent(t, k -> new ArrayList<>()).add(p);
      }
    }
    if (byTail.isEmpty()) {
      return out;
    }
    String field = IndexSchema.foreignSuffix(inputs ? "lineage.in" : "lineage.out");
    LineageIndex index = traversal.index;
    for (int doc : traversal.checked(index.withAny(field, byTail.keySet(), null, traversal.cap())).docs()) {
      List<LineageRef> refs = new ArrayList<>();
      StoredRecord r = index.read(doc, (output, ref) -> {
        if (output != inputs && PathTails.isForeign(ref)
            && PathTails.tails(ref.path()).stream().anyMatch(byTail::containsKey)) {
          refs.add(ref);
        }
        return true;
      });
      for (LineageRef ref : refs) {
        Set<String> locals = new LinkedHashSet<>();
        for (String t : PathTails.tails(ref.path())) {
          locals.addAll(byTail.getOrDefault(t, List.of()));
        }
        locals.forEach(p -> out.add(new Match(p, r, ref)));
      }
    }
    return out;
  }
}
