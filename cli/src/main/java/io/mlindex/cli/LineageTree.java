package io.mlindex.cli;

import io.mlindex.index.LineageDirection;
import io.mlindex.index.LineageEdge;
import io.mlindex.index.LineageNode;
import io.mlindex.index.LineageResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lineage answer as indented trees for a terminal: from each start node, upstream and/or
 * downstream, one line per edge with its relation and evidence. A node already shown is not
 * expanded again (diamonds and cycles print once), and says so.
 */
final class LineageTree {
  private final Map<String, LineageNode> nodes = new LinkedHashMap<>();
  private final Map<String, List<LineageEdge>> outgoing = new HashMap<>();
  private final Map<String, List<LineageEdge>> incoming = new HashMap<>();
  private final PrintWriter out;
  private int lines;

  private LineageTree(LineageResult result, PrintWriter out) {
    this.out = out;
    result.nodes().forEach(n -> nodes.put(n.id(), n));
    for (LineageEdge e : result.edges()) {
      outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
      incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
    }
  }

  static void write(LineageResult result, LineageDirection direction, PrintWriter out) {
    LineageTree tree = new LineageTree(result, out);
    for (String start : result.start()) {
      out.println(tree.label(start));
      if (direction != LineageDirection.DOWN) {
        out.println("  upstream:");
        tree.branchOrNone(start, false, new HashSet<>(Set.of(start)));
      }
      if (direction != LineageDirection.UP) {
        out.println("  downstream:");
        tree.branchOrNone(start, true, new HashSet<>(Set.of(start)));
      }
    }
    if (result.truncated()) {
      out.println("(truncated: the graph has more nodes than shown)");
    }
  }

  private void branchOrNone(String id, boolean down, Set<String> shown) {
    int before = lines;
    branch(id, down, "    ", shown, null);
    if (lines == before) {
      out.println("    (nothing)");
    }
  }

  private void branch(String id, boolean down, String indent, Set<String> shown, LineageEdge via) {
    List<LineageEdge> edges = new ArrayList<>(down ? outgoing.getOrDefault(id, List.of()) : incoming.getOrDefault(id, List.of()));
    for (LineageEdge e : down ? incoming.getOrDefault(id, List.of()) : outgoing.getOrDefault(id, List.of())) {
      if (LineageEdge.SAME_CONTENT.equals(e.relation())) {
        edges.add(e); // a copy is reached both ways
      }
    }
    edges.remove(via); // not back the way we came
    for (int i = 0; i < edges.size(); i++) {
      LineageEdge e = edges.get(i);
      boolean last = i == edges.size() - 1;
      String child = e.from().equals(id) ? e.to() : e.from();
      boolean seen = !shown.add(child);
      lines++;
      out.println(indent + (last ? "`-- " : "|-- ") + describe(e, down) + " " + label(child)
          + "  {" + evidence(e) + "}" + (seen ? "  (shown above)" : ""));
      if (!seen) {
        branch(child, down, indent + (last ? "    " : "|   "), shown, e);
      }
    }
  }

  /** {@code <-reads- } upstream, {@code -reads-> } downstream, with the evidence after the node. */
  private String describe(LineageEdge e, boolean down) {
    String rel = e.relation() + (Boolean.TRUE.equals(e.uncertain()) ? "?" : "");
    return down ? "-" + rel + "->" : "<-" + rel + "-";
  }

  private String label(String id) {
    LineageNode n = nodes.get(id);
    if (n == null) {
      return id;
    }
    StringBuilder s = new StringBuilder(n.name() == null ? id : n.name());
    s.append("  [").append(n.kind());
    if (n.format() != null) {
      s.append(' ').append(n.format());
    }
    if (n.ref() != null) {
      s.append(' ').append(n.ref());
    }
    if (Boolean.TRUE.equals(n.uncertain())) {
      s.append(", uncertain");
    }
    s.append(']');
    if (n.record()) {
      s.append(' ').append(n.id());
    }
    if (n.path() != null && !n.path().equals(n.name())) {
      s.append("  ").append(n.path());
    }
    return s.toString();
  }

  /** Which record said so, in which field (and how its parser found it). */
  private String evidence(LineageEdge e) {
    LineageEdge.Evidence ev = e.evidence();
    LineageNode by = nodes.get(ev.record());
    String who = by != null && by.name() != null ? by.name() : ev.record();
    return "by " + who + ": " + ev.field() + (ev.via() != null ? ", " + ev.via() : "");
  }
}
