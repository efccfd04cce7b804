package io.mlindex.parsers.util;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static reading of Python source, line by line: imports and literal assignments. Nothing is
 * executed; code that does not fit these shapes is ignored.
 */
public final class PythonSource {
  private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(.+)$", Pattern.DOTALL);
  private static final Pattern FROM =
      Pattern.compile("^\\s*from\\s+([A-Za-z_][\\w.]*)\\s+import\\b.*$", Pattern.DOTALL);
  private static final Pattern ASSIGN =
      Pattern.compile("^([A-Za-z_]\\w*)\\s*(?::\\s*[\\w\\[\\], .]+)?\\s*=(?!=)\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern MODULE = Pattern.compile("[A-Za-z_][\\w]*");

  private PythonSource() {}

  /** Cell magics whose body is still Python run by the kernel. */
  private static final java.util.Set<String> PYTHON_CELL_MAGICS =
      java.util.Set.of("time", "timeit", "capture", "prun", "debug", "memit", "px", "skip");

  /**
   * Whether a notebook cell is Python code for the kernel: not one whose first line is a cell magic
   * that hands the body to something else ({@code %%writefile}, {@code %%bash}, {@code %%sql}).
   */
  public static boolean isPythonCell(String source) {
    String s = source.stripLeading();
    if (!s.startsWith("%%")) {
      return true;
    }
    int end = 2;
    while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
      end++;
    }
    return PYTHON_CELL_MAGICS.contains(s.substring(2, end));
  }

  /** The distinct top-level modules imported anywhere in the code (not relative imports), in order. */
  public static Set<String> imports(String code) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : logicalLines(code)) {
      String l = stripComment(line);
      Matcher from = FROM.matcher(l);
      if (from.matches()) {
        addModule(out, from.group(1));
        continue;
      }
      Matcher imp = IMPORT.matcher(l);
      if (imp.matches()) {
        for (String part : imp.group(1).split(",")) {
          String name = part.trim().split("\\s+")[0];
          addModule(out, name);
        }
      }
    }
    return out;
  }

  private static void addModule(Set<String> out, String dotted) {
    String top = dotted.split("\\.")[0];
    if (MODULE.matcher(top).matches()) {
      out.add(top);
    }
  }

  /**
   * Assignments at the top level of the code ({@code name = <literal>}), in order; a later
   * assignment to the same name wins. Values are those of {@link PythonLiterals#parse}.
   */
  public static Map<String, Object> literalAssignments(String code) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String line : logicalLines(code)) {
      if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      Matcher m = ASSIGN.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Object v = PythonLiterals.parse(m.group(2));
      if (v != PythonLiterals.NOT_LITERAL) {
        out.put(m.group(1), v);
      }
    }
    return out;
  }

  /**
   * Joins physical lines into logical ones: open brackets, triple-quoted strings and trailing
   * backslashes continue a line. IPython magics and shell escapes ({@code %}, {@code !}) are dropped.
   */
  public static List<String> logicalLines(String code) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    boolean inTriple = false;
    String triple = null;
    for (String raw : code.split("\r?\n", -1)) {
      if (current.length() == 0 && depth == 0 && !inTriple) {
        String t = raw.stripLeading();
        if (t.startsWith("%") || t.startsWith("!")) {
          continue;
        }
      }
      if (current.length() > 0) {
        current.append('\n');
      }
      current.append(raw);
      // scan the raw line for brackets and strings
      int i = 0;
      while (i < raw.length()) {
        char c = raw.charAt(i);
        if (inTriple) {
          if (raw.startsWith(triple, i)) {
            inTriple = false;
            i += 3;
          } else {
            i += c == '\\' ? 2 : 1;
          }
          continue;
        }
        if (c == '#') {
          break;
        }
        if (c == '"' || c == '\'') {
          String q3 = String.valueOf(c).repeat(3);
          if (raw.startsWith(q3, i)) {
            inTriple = true;
            triple = q3;
            i += 3;
            continue;
          }
          i++;
          while (i < raw.length() && raw.charAt(i) != c) {
            i += raw.charAt(i) == '\\' ? 2 : 1;
          }
          i++;
          continue;
        }
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
          depth--;
        }
        i++;
      }
      boolean continued = raw.endsWith("\\") && !inTriple;
      if (depth == 0 && !inTriple && !continued) {
        out.add(current.toString());
        current.setLength(0);
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  /** The line without a trailing comment (a '#' outside string literals). */
  public static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
