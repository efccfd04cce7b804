package io.mlindex.parsers.notebook;

import java.util.List;

/**
 * One logical line of Python: its tokens and the column it starts at ({@code 0} = top level of a
 * cell or module).
 */
record PyStatement(String source, List<PyToken> tokens, int indent) {

  int size() {
    return tokens.size();
  }

  PyToken get(int index) {
    return tokens.get(index);
  }

  boolean isTopLevel() {
    return indent == 0;
  }

  /** The source text of tokens {@code [from, to)}. */
  String text(int from, int to) {
    if (from >= to) {
      return "";
    }
    return source.substring(tokens.get(from).start(), tokens.get(to - 1).end());
  }

  /**
   * Where a top-level {@code name = value} (or {@code name: type = value}) has its value: the index
   * of the first value token, or -1 when this is not such an assignment.
   */
  int assignedValueAt() {
    if (tokens.size() < 3 || !tokens.get(0).isName()) {
      return -1;
    }
    if (tokens.get(1).is("=")) {
      return 2;
    }
    if (!tokens.get(1).is(":")) {
      return -1;
    }
    int depth = 0;
    for (int k = 2; k < tokens.size(); k++) {
      PyToken t = tokens.get(k);
      if (t.is("[") || t.is("(")) {
        depth++;
      } else if (t.is("]") || t.is(")")) {
        depth--;
      } else if (depth == 0 && t.is("=")) {
        return k + 1 < tokens.size() ? k + 1 : -1;
      }
    }
    return -1;
  }
}
