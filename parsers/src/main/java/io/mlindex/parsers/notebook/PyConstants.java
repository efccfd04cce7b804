package io.mlindex.parsers.notebook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static evaluation of string-valued Python expressions, the way paths are usually written: string
 * literals, names bound to such strings at the top level (simple constant propagation), {@code +}
 * concatenation, {@code /} joins of {@code pathlib} paths, {@code os.path.join}, {@code Path(...)},
 * {@code str(...)}, and templates ({@code f"..."}, {@code "...".format(...)}, {@code "..." % x})
 * whose unknown parts become {@code {}} holes. Nothing is executed. Evaluation depth and the size of
 * an evaluated expression are bounded, so cost is linear in the code read.
 */
final class PyConstants {
  /** A string an expression evaluates to; uncertain when it has holes for unknown parts. */
  record Value(String text, boolean uncertain) {}

  private static final int MAX_DEPTH = 12;
  private static final int MAX_TOKENS = 256;
  private static final Set<String> JOINS = Set.of("os.path.join", "path.join", "posixpath.join", "ntpath.join");
  private static final Set<String> PASS_THROUGH =
      Set.of("Path", "pathlib.Path", "PurePath", "PurePosixPath", "pathlib.PurePath", "str", "os.fspath",
          "os.path.normpath", "os.path.abspath", "os.path.expanduser", "os.path.realpath");
  private static final Pattern FORMAT_FIELD = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern PERCENT_FIELD = Pattern.compile("%(?:\\([^)]*\\))?[-#0 +]*\\d*(?:\\.\\d+)?[sdifreg]");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");

  private final Map<String, Value> bound = new HashMap<>();

  /** Records a top-level assignment: the name now holds the value, or nothing known when null. */
  void assign(String name, Value value) {
    if (value == null) {
      bound.remove(name);
    } else {
      bound.put(name, value);
    }
  }

  Value lookup(String name) {
    return bound.get(name);
  }

  /** The string the tokens {@code [from, to)} evaluate to, or null when unknown. */
  Value evaluate(PyStatement st, int from, int to) {
    return sum(st, from, to, 0);
  }

  private Value sum(PyStatement st, int from, int to, int depth) {
    if (depth > MAX_DEPTH || from >= to || to - from > MAX_TOKENS) {
      return null;
    }
    List<int[]> operands = new ArrayList<>();
    List<String> operators = new ArrayList<>();
    int level = 0;
    int start = from;
    for (int k = from; k < to; k++) {
      PyToken t = st.get(k);
      if (t.type() != PyToken.Type.OP) {
        continue;
      }
      String op = t.text();
      if (op.equals("(") || op.equals("[") || op.equals("{")) {
        level++;
      } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
        level--;
      } else if (level == 0 && (op.equals("+") || op.equals("/"))) {
        operands.add(new int[] {start, k});
        operators.add(op);
        start = k + 1;
      } else if (level == 0 && !op.equals(".") && !op.equals("%")) {
        return null; // comparisons, conditionals, slices: not a path expression
      }
    }
    operands.add(new int[] {start, to});
    Value result = atom(st, operands.get(0)[0], operands.get(0)[1], depth + 1);
    for (int n = 0; n < operators.size() && result != null; n++) {
      Value next = atom(st, operands.get(n + 1)[0], operands.get(n + 1)[1], depth + 1);
      if (next == null) {
        return null;
      }
      result = operators.get(n).equals("+")
          ? new Value(result.text() + next.text(), result.uncertain() || next.uncertain())
          : join(result, next);
    }
    return result;
  }

  private Value atom(PyStatement st, int from, int to, int depth) {
    if (from >= to || depth > MAX_DEPTH) {
      return null;
    }
    PyToken first = st.get(from);
    if (first.isString()) {
      return strings(st, from, to);
    }
    if (first.is("(") && st.get(to - 1).is(")") && closes(st, from, to - 1)) {
      return sum(st, from + 1, to - 1, depth + 1);
    }
    int k = from;
    StringBuilder dotted = new StringBuilder();
    while (k < to && st.get(k).isName()) {
      dotted.append(st.get(k).text());
      if (k + 1 < to && st.get(k + 1).is(".") && k + 2 < to && st.get(k + 2).isName()) {
        dotted.append('.');
        k += 2;
      } else {
        k++;
        break;
      }
    }
    if (dotted.length() == 0) {
      return null;
    }
    String name = dotted.toString();
    if (k == to) {
      return name.equals("os.sep") ? new Value("/", false) : bound.get(name);
    }
    if (st.get(k).is("(") && st.get(to - 1).is(")") && closes(st, k, to - 1)) {
      List<Value> args = arguments(st, k + 1, to - 1, depth + 1);
      if (args == null || args.isEmpty()) {
        return null;
      }
      if (JOINS.contains(name)) {
        Value v = args.get(0);
        for (int n = 1; n < args.size(); n++) {
          v = join(v, args.get(n));
        }
        return v;
      }
      return PASS_THROUGH.contains(name) && args.size() == 1 ? args.get(0) : null;
    }
    return null;
  }

  /** Adjacent literals, then an optional {@code .format(...)} or {@code % args}. */
  private Value strings(PyStatement st, int from, int to) {
    StringBuilder text = new StringBuilder();
    boolean uncertain = false;
    int k = from;
    while (k < to && st.get(k).isString()) {
      PyToken t = st.get(k);
      if (t.type() == PyToken.Type.FSTRING) {
        Value v = fillHoles(t.value(), t.holes());
        text.append(v.text());
        uncertain |= v.uncertain();
      } else {
        text.append(t.value());
      }
      k++;
    }
    if (k == to) {
      return new Value(text.toString(), uncertain);
    }
    if (st.get(k).is(".") && k + 1 < to && st.get(k + 1).is("format") && st.get(to - 1).is(")")) {
      Matcher m = FORMAT_FIELD.matcher(text);
      return new Value(m.replaceAll("{}"), true);
    }
    if (st.get(k).is("%")) {
      Matcher m = PERCENT_FIELD.matcher(text);
      return new Value(m.replaceAll("{}"), true);
    }
    return null;
  }

  /** Fills an f-string's holes that are names bound to certain values; the others stay {@code {}}. */
  private Value fillHoles(String template, List<String> holes) {
    StringBuilder out = new StringBuilder();
    boolean uncertain = false;
    int at = 0;
    for (String hole : holes) {
      int h = template.indexOf("{}", at);
      if (h < 0) {
        break;
      }
      out.append(template, at, h);
      Value v = IDENTIFIER.matcher(hole).matches() ? bound.get(hole) : null;
      if (v != null && !v.uncertain()) {
        out.append(v.text());
      } else {
        out.append("{}");
        uncertain = true;
      }
      at = h + 2;
    }
    out.append(template.substring(Math.min(at, template.length())));
    return new Value(out.toString(), uncertain || template.indexOf("{}", at) >= 0);
  }

  private List<Value> arguments(PyStatement st, int from, int to, int depth) {
    List<Value> out = new ArrayList<>();
    int level = 0;
    int start = from;
    for (int k = from; k <= to; k++) {
      boolean end = k == to;
      if (!end) {
        PyToken t = st.get(k);
        if (t.is("(") || t.is("[") || t.is("{")) {
          level++;
        } else if (t.is(")") || t.is("]") || t.is("}")) {
          level--;
        }
        end = level == 0 && t.is(",");
      }
      if (end && k > start) {
        if (st.get(start).isName() && start + 1 < k && st.get(start + 1).is("=")) {
          return null; // keyword arguments change the meaning
        }
        Value v = sum(st, start, k, depth + 1);
        if (v == null) {
          return null;
        }
        out.add(v);
        start = k + 1;
      } else if (end) {
        start = k + 1;
      }
    }
    return out;
  }

  /** Whether the bracket at {@code open} is closed exactly at {@code close}. */
  private static boolean closes(PyStatement st, int open, int close) {
    int level = 0;
    for (int k = open; k <= close; k++) {
      PyToken t = st.get(k);
      if (t.is("(") || t.is("[") || t.is("{")) {
        level++;
      } else if (t.is(")") || t.is("]") || t.is("}")) {
        level--;
        if (level == 0 && k < close) {
          return false;
        }
      }
    }
    return level == 0;
  }

  static Value join(Value a, Value b) {
    boolean uncertain = a.uncertain() || b.uncertain();
    if (b.text().startsWith("/") || a.text().isEmpty()) {
      return new Value(b.text(), uncertain);
    }
    String head = a.text().endsWith("/") ? a.text() : a.text() + "/";
    return new Value(head + b.text(), uncertain);
  }
}
