package io.mlindex.cli;

import io.mlindex.index.LineageEdge;
import io.mlindex.index.LineageNode;
import io.mlindex.index.LineageResult;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * A lineage answer as a Graphviz digraph ({@code dot -Tsvg}): records are boxes labelled with name,
 * kind and format; artifacts are notes; start nodes are bold; uncertain edges are dashed; copies
 * (same content) are dotted and undirected; each edge is labelled with its relation.
 */
final class LineageDot {
  private LineageDot() {}

  static void write(LineageResult result, PrintWriter out) {
    Set<String> start = new HashSet<>(result.start());
    out.println("digraph lineage {");
    out.println("  rankdir=LR;");
    out.println("  node [fontname=\"Helvetica\", fontsize=10];");
    out.println("  edge [fontname=\"Helvetica\", fontsize=9];");
    if (result.truncated()) {
      out.println("  label=" + quote("truncated: the graph has more nodes than shown") + ";");
    }
    for (LineageNode n : result.nodes()) {
      StringBuilder label = new StringBuilder(n.name() == null ? n.id() : n.name()).append('\n').append(n.kind());
      if (n.format() != null) {
        label.append(' ').append(n.format());
      }
      if (n.ref() != null) {
        label.append(' ').append(n.ref());
      }
      StringBuilder attrs = new StringBuilder("label=").append(quote(label.toString()));
      attrs.append(", shape=").append(n.record() ? "box" : "note");
      if (n.path() != null) {
        attrs.append(", tooltip=").append(quote(n.path()));
      }
      if (start.contains(n.id())) {
        attrs.append(", style=bold");
      } else if (Boolean.TRUE.equals(n.uncertain())) {
        attrs.append(", style=dashed");
      }
      out.println("  " + quote(n.id()) + " [" + attrs + "];");
    }
    for (LineageEdge e : result.edges()) {
      StringBuilder attrs = new StringBuilder("label=").append(quote(e.relation()));
      if (LineageEdge.SAME_CONTENT.equals(e.relation())) {
        attrs.append(", dir=none, style=dotted");
      } else if (Boolean.TRUE.equals(e.uncertain())) {
        attrs.append(", style=dashed");
      }
      attrs.append(", tooltip=").append(quote(e.evidence().record() + ": " + e.evidence().field()));
      out.println("  " + quote(e.from()) + " -> " + quote(e.to()) + " [" + attrs + "];");
    }
    out.println("}");
  }

  /** A DOT string: quotes and backslashes escaped, line breaks as {@code \n}, control characters dropped. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c >= ' ') {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
