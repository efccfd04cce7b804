package io.mlindex.index;

import java.util.ArrayList;
import java.util.List;

/**
 * Lucene's flexible syntax writes comparisons as {@code field>0.9}; users write {@code
 * field:>0.9}, as in the README. This rewrites the colon form (outside quotes, not when escaped)
 * and maps positions in the rewritten text back to the user's text for error messages.
 *
 * @param text the rewritten query
 * @param removed 1-based positions, in the rewritten text, just after which a colon was removed
 */
record Comparisons(String text, List<Integer> removed) {

  static Comparisons rewrite(String query) {
    StringBuilder out = new StringBuilder(query.length());
    List<Integer> removed = new ArrayList<>();
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\\' && i + 1 < query.length()) {
        out.append(c).append(query.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (!quoted && c == ':' && i + 1 < query.length() && (query.charAt(i + 1) == '>' || query.charAt(i + 1) == '<')) {
        removed.add(out.length());
        continue;
      }
      out.append(c);
    }
    return new Comparisons(out.toString(), removed);
  }

  /** The 1-based position in the user's text of a 1-based position in the rewritten text. */
  int original(int rewrittenPosition) {
    int shift = 0;
    for (int r : removed) {
      if (r < rewrittenPosition) {
        shift++;
      }
    }
    return rewrittenPosition + shift;
  }
}
