package io.mlindex.parsers.util;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Python literal expressions without running anything: numbers ({@code 1e-3}, {@code 1_000},
 * {@code -2}), strings (any quotes and prefixes but f), {@code True}/{@code False}/{@code None},
 * and lists, tuples, sets and dicts of literals. Anything else is not a literal. Nesting is bounded
 * so hostile input cannot recurse without end.
 */
public final class PythonLiterals {
  private static final int MAX_DEPTH = 64;

  /** A value that is not a literal. */
  public static final Object NOT_LITERAL = new Object() {
    @Override
    public String toString() {
      return "<not a literal>";
    }
  };

  private final String s;
  private int i;
  private boolean rawString;

  private PythonLiterals(String s) {
    this.s = s;
  }

  /**
   * The value of the whole text as a literal: Long, Double, String, Boolean, null (None), List or
   * Map; {@link #NOT_LITERAL} when it is not one.
   */
  public static Object parse(String text) {
    if (text == null) {
      return NOT_LITERAL;
    }
    PythonLiterals p = new PythonLiterals(text);
    try {
      p.skipSpace();
      Object v = p.value(0);
      p.skipSpace();
      if (p.i < p.s.length() && p.s.charAt(p.i) == '#') {
        p.i = p.s.length();
      }
      return p.i == p.s.length() ? v : NOT_LITERAL;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return NOT_LITERAL;
    }
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("too deep");
    }
    char c = s.charAt(i);
    if (c == '[' || c == '(') {
      return sequence(c == '[' ? ']' : ')', depth);
    }
    if (c == '{') {
      return mapping(depth);
    }
    if (c == '-' || c == '+') {
      i++;
      skipSpace();
      Object v = value(depth + 1);
      if (v instanceof Long l) {
        return c == '-' ? -l : l;
      }
      if (v instanceof Double d) {
        return c == '-' ? -d : d;
      }
      throw new IllegalArgumentException("sign before non-number");
    }
    if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
      return number();
    }
    if (stringStart()) {
      StringBuilder sb = new StringBuilder();
      // adjacent literals concatenate: 'a' 'b'
      boolean more = true;
      while (more) {
        sb.append(string());
        int save = i;
        skipSpace();
        more = stringStart();
        if (!more) {
          i = save;
        }
      }
      return sb.toString();
    }
    String word = identifier();
    return switch (word) {
      case "True" -> Boolean.TRUE;
      case "False" -> Boolean.FALSE;
      case "None" -> null;
      case "inf" -> Double.POSITIVE_INFINITY;
      default -> throw new IllegalArgumentException("not a literal: " + word);
    };
  }

  private List<Object> sequence(char close, int depth) {
    i++;
    List<Object> out = new ArrayList<>();
    skipSpace();
    while (s.charAt(i) != close) {
      out.add(value(depth + 1));
      skipSpace();
      if (s.charAt(i) == ',') {
        i++;
        skipSpace();
      } else if (s.charAt(i) != close) {
        throw new IllegalArgumentException("expected , or " + close);
      }
    }
    i++;
    return out;
  }

  private Object mapping(int depth) {
    i++;
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> set = new ArrayList<>();
    skipSpace();
    while (s.charAt(i) != '}') {
      Object key = value(depth + 1);
      skipSpace();
      if (s.charAt(i) == ':') {
        i++;
        skipSpace();
        out.put(String.valueOf(key), value(depth + 1));
      } else {
        set.add(key);
      }
      skipSpace();
      if (s.charAt(i) == ',') {
        i++;
        skipSpace();
      } else if (s.charAt(i) != '}') {
        throw new IllegalArgumentException("expected , or }");
      }
    }
    i++;
    if (!set.isEmpty() && out.isEmpty()) {
      return set;
    }
    if (!set.isEmpty()) {
      throw new IllegalArgumentException("mixed set and dict");
    }
    return out;
  }

  private Object number() {
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_'
        || ((s.charAt(i) == '-' || s.charAt(i) == '+') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
      i++;
    }
    String t = s.substring(start, i).replace("_", "");
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    try {
      if (lower.startsWith("0x")) {
        return Long.parseLong(t.substring(2), 16);
      }
      if (lower.startsWith("0o")) {
        return Long.parseLong(t.substring(2), 8);
      }
      if (lower.startsWith("0b")) {
        return Long.parseLong(t.substring(2), 2);
      }
      if (lower.endsWith("j")) {
        throw new IllegalArgumentException("complex");
      }
      if (lower.contains(".") || lower.contains("e")) {
        return Double.parseDouble(t);
      }
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number " + t);
    }
  }

  /** If a string literal starts here, consumes its prefix (noting r for raw) and returns true. */
  private boolean stringStart() {
    int j = i;
    boolean raw = false;
    while (j < s.length() && j - i < 2 && "rRbBuU".indexOf(s.charAt(j)) >= 0) {
      raw |= s.charAt(j) == 'r' || s.charAt(j) == 'R';
      j++;
    }
    if (j < s.length() && (s.charAt(j) == '\'' || s.charAt(j) == '"')) {
      i = j;
      rawString = raw;
      return true;
    }
    return false;
  }

  private String string() {
    boolean raw = rawString;
    char q = s.charAt(i);
    boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
    i += triple ? 3 : 1;
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(i);
      if (c == '\\' && !raw) {
        char n = s.charAt(i + 1);
        i += 2;
        switch (n) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '0' -> sb.append('\0');
          case '\n' -> { }
          case 'x' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 2), 16));
            i += 2;
          }
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(n);
        }
        continue;
      }
      if (c == '\\') {
        sb.append(c).append(s.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == q && (!triple || s.startsWith(String.valueOf(q).repeat(3), i))) {
        i += triple ? 3 : 1;
        return sb.toString();
      }
      if (c == '\n' && !triple) {
        throw new IllegalArgumentException("unterminated string");
      }
      sb.append(c);
      i++;
    }
  }

  private String identifier() {
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    if (start == i) {
      throw new IllegalArgumentException("unexpected " + s.charAt(i));
    }
    return s.substring(start, i);
  }

  private void skipSpace() {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r'
        || (s.charAt(i) == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n'))) {
      i += s.charAt(i) == '\\' ? 2 : 1;
    }
  }
}
