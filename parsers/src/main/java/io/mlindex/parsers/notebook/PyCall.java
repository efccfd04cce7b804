package io.mlindex.parsers.notebook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A call found in a statement: the dotted name before the parenthesis ({@code pd.read_csv}) and its
 * arguments as token ranges. {@link #scan} finds every call, nested ones too, in one pass with an
 * explicit stack (no recursion, however deep the brackets go).
 *
 * @param statement where the call is
 * @param callee the dotted name, e.g. {@code [pd, read_csv]}; only the method name when the
 *     receiver is an expression ({@code df.groupby(x).to_csv(...)} gives {@code [to_csv]})
 * @param positional token ranges {@code {from, to}} of positional arguments
 * @param keywords token ranges of keyword arguments' values, by name
 */
record PyCall(PyStatement statement, List<String> callee, List<int[]> positional, Map<String, int[]> keywords) {

  private static final Set<String> NOT_CALLABLE =
      Set.of("if", "elif", "while", "for", "in", "and", "or", "not", "is", "return", "yield", "lambda", "assert",
          "with", "as", "del", "else", "await", "import", "from", "raise", "except", "global");

  /** The last part of the callee: the function or method name. */
  String name() {
    return callee.get(callee.size() - 1);
  }

  /** The part before the name ({@code pd} for {@code pd.read_csv}), or null. */
  String receiver() {
    return callee.size() < 2 ? null : callee.get(callee.size() - 2);
  }

  String dotted() {
    return String.join(".", callee);
  }

  int line() {
    return statement.get(positional.isEmpty() ? 0 : positional.get(0)[0]).line();
  }

  /** The positional argument at {@code index}, else the keyword argument with one of these names, else null. */
  int[] argument(int index, String... names) {
    if (index >= 0 && index < positional.size()) {
      return positional.get(index);
    }
    for (String n : names) {
      int[] r = keywords.get(n);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /** Finds every call in the statement and hands each to {@code sink}, inner calls first. */
  static void scan(PyStatement st, Consumer<PyCall> sink) {
    Deque<Frame> stack = new ArrayDeque<>();
    for (int k = 0; k < st.size(); k++) {
      PyToken t = st.get(k);
      if (t.type() != PyToken.Type.OP) {
        continue;
      }
      switch (t.text()) {
        case "(" -> {
          List<String> callee = calleeBefore(st, k);
          stack.push(callee == null ? Frame.GROUP : new Frame(callee, k + 1));
        }
        case "[", "{" -> stack.push(Frame.GROUP);
        case ")", "]", "}" -> {
          Frame f = stack.poll();
          if (f != null && f.callee != null) {
            f.closeArgument(st, k);
            sink.accept(new PyCall(st, f.callee, f.positional, f.keywords));
          }
        }
        case "," -> {
          Frame f = stack.peek();
          if (f != null && f.callee != null) {
            f.closeArgument(st, k);
          }
        }
        default -> { }
      }
    }
  }

  /** The dotted name that ends just before the parenthesis at {@code paren}, or null if this is no call. */
  private static List<String> calleeBefore(PyStatement st, int paren) {
    int k = paren - 1;
    if (k < 0 || !st.get(k).isName()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    while (k >= 0 && st.get(k).isName()) {
      names.add(st.get(k).text());
      if (k >= 2 && st.get(k - 1).is(".") && st.get(k - 2).isName()) {
        k -= 2;
      } else {
        k--;
        break;
      }
    }
    if (k >= 0 && (st.get(k).is("def") || st.get(k).is("class"))) {
      return null;
    }
    if (names.size() == 1 && NOT_CALLABLE.contains(names.get(0))) {
      return null;
    }
    Collections.reverse(names);
    return names;
  }

  private static final class Frame {
    /** Brackets that are no call: nothing to record, so one shared instance. */
    static final Frame GROUP = new Frame(null, 0);

    final List<String> callee;
    final List<int[]> positional = new ArrayList<>();
    final Map<String, int[]> keywords = new LinkedHashMap<>();
    int argStart;

    Frame(List<String> callee, int argStart) {
      this.callee = callee;
      this.argStart = argStart;
    }

    void closeArgument(PyStatement st, int end) {
      int from = argStart;
      argStart = end + 1;
      if (from >= end) {
        return;
      }
      PyToken first = st.get(from);
      if (first.is("*") || first.is("**")) {
        return;
      }
      if (first.isName() && from + 2 <= end && st.get(from + 1).is("=")) {
        if (from + 2 < end) {
          keywords.putIfAbsent(first.text(), new int[] {from + 2, end});
        }
        return;
      }
      positional.add(new int[] {from, end});
    }
  }
}
