package io.mlindex.parsers.notebook;

import io.mlindex.parsers.util.PythonLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits Python source into logical lines of tokens, in one left-to-right pass without recursion:
 * brackets, triple-quoted strings and backslashes continue a line, {@code ;} ends one, comments are
 * dropped, and IPython magics ({@code %pip ...}, {@code !pip ...}) at the start of a line become one
 * {@link PyToken.Type#MAGIC} token. Broken code (an unclosed bracket or string) still tokenizes: the
 * rest of the text becomes part of the current line.
 */
final class PyTokenizer {
  private static final Set<String> OPS3 = Set.of("**=", "//=", ">>=", "<<=", "...");
  private static final Set<String> OPS2 =
      Set.of("==", "!=", "<=", ">=", "**", "//", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "->", ":=",
          "<<", ">>", "@=");

  /** Characters that never start a longer operator. */
  private static final String SINGLE = "()[]{},;~";
  private static final String[] SINGLES = split(SINGLE);
  private static final String ALL_SINGLE = "+-*/%@&|^<>=.:!";
  private static final String[] ALL_SINGLES = split(ALL_SINGLE);

  private final String s;
  private int i;
  private int line = 1;
  private int lineStart;
  private int depth;
  private int carriedIndent = -1;

  PyTokenizer(String source) {
    this.s = source;
  }

  private static String[] split(String chars) {
    String[] out = new String[chars.length()];
    for (int k = 0; k < chars.length(); k++) {
      out[k] = String.valueOf(chars.charAt(k)).intern();
    }
    return out;
  }

  /** The next logical line, or null when the source is used up. */
  PyStatement next() {
    List<PyToken> tokens = new ArrayList<>();
    int indent = -1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') {
        newline(i + 1);
        if (depth == 0 && !tokens.isEmpty()) {
          return new PyStatement(s, tokens, indent);
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
        continue;
      }
      if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '\n' || s.charAt(i + 1) == '\r')) {
        int nl = s.indexOf('\n', i);
        newline(nl < 0 ? s.length() : nl + 1);
        continue;
      }
      if (c == '#') {
        skipToLineEnd();
        continue;
      }
      if (c == ';' && depth == 0) {
        i++;
        if (!tokens.isEmpty()) {
          carriedIndent = indent;
          return new PyStatement(s, tokens, indent);
        }
        continue;
      }
      if (indent < 0) {
        indent = carriedIndent >= 0 ? carriedIndent : i - lineStart;
        carriedIndent = -1;
      }
      if (tokens.isEmpty() && depth == 0 && (c == '%' || c == '!')) {
        tokens.add(magic());
        continue;
      }
      tokens.add(token(c));
    }
    return tokens.isEmpty() ? null : new PyStatement(s, tokens, indent);
  }

  private void newline(int next) {
    i = next;
    line++;
    lineStart = next;
    carriedIndent = -1;
  }

  private void skipToLineEnd() {
    int nl = s.indexOf('\n', i);
    i = nl < 0 ? s.length() : nl;
  }

  private PyToken magic() {
    int start = i;
    while (i < s.length() && (s.charAt(i) == '%' || s.charAt(i) == '!')) {
      i++;
    }
    int textStart = i;
    skipToLineEnd();
    return new PyToken(PyToken.Type.MAGIC, s.substring(textStart, i).strip(), null, null, line, start, i);
  }

  private PyToken token(char c) {
    int start = i;
    if (Character.isLetter(c) || c == '_') {
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      if (i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"') && isStringPrefix(start, i)) {
        return string(start, i);
      }
      return new PyToken(PyToken.Type.NAME, s.substring(start, i), null, null, line, start, i);
    }
    if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
      i++;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_'
          || ((s.charAt(i) == '-' || s.charAt(i) == '+') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
        i++;
      }
      return new PyToken(PyToken.Type.NUMBER, s.substring(start, i), null, null, line, start, i);
    }
    if (c == '\'' || c == '"') {
      return string(start, i);
    }
    String op = operator();
    if (op.equals("(") || op.equals("[") || op.equals("{")) {
      depth++;
    } else if ((op.equals(")") || op.equals("]") || op.equals("}")) && depth > 0) {
      depth--;
    }
    return new PyToken(PyToken.Type.OP, op, null, null, line, start, i);
  }

  private String operator() {
    char c = s.charAt(i);
    if (SINGLE.indexOf(c) >= 0) {
      i++;
      return SINGLES[SINGLE.indexOf(c)];
    }
    if (i + 2 < s.length() && OPS3.contains(s.substring(i, i + 3))) {
      i += 3;
      return s.substring(i - 3, i);
    }
    if (i + 1 < s.length() && OPS2.contains(s.substring(i, i + 2))) {
      i += 2;
      return s.substring(i - 2, i);
    }
    i++;
    int single = ALL_SINGLE.indexOf(c);
    return single >= 0 ? ALL_SINGLES[single] : String.valueOf(c);
  }

  private boolean isStringPrefix(int from, int to) {
    if (to - from > 2) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if ("rRbBuUfF".indexOf(s.charAt(k)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** A string literal whose prefix starts at {@code start} and whose quote is at {@code i}. */
  private PyToken string(int start, int quoteAt) {
    String prefix = s.substring(start, quoteAt);
    boolean raw = prefix.indexOf('r') >= 0 || prefix.indexOf('R') >= 0;
    boolean f = prefix.indexOf('f') >= 0 || prefix.indexOf('F') >= 0;
    char q = s.charAt(quoteAt);
    boolean triple = s.startsWith(String.valueOf(q).repeat(3), quoteAt);
    int startLine = line;
    i = quoteAt + (triple ? 3 : 1);
    FStringTemplate template = f ? new FStringTemplate() : null;
    int contentStart = i;
    int contentEnd = -1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n' && !triple) {
        contentEnd = i; // unterminated: the line ends the string
        break;
      }
      if (c == '\n') {
        countLine(i);
      }
      if (template != null && template.inField()) {
        i = template.fieldChar(s, i, q);
        continue;
      }
      if (c == '\\' && i + 1 < s.length()) {
        if (s.charAt(i + 1) == '\n') {
          countLine(i + 1);
        }
        if (template != null) {
          template.literal(raw ? s.substring(i, i + 2) : unescape(s.charAt(i + 1)));
        }
        i += 2;
        continue;
      }
      if (c == q && (!triple || s.startsWith(String.valueOf(q).repeat(3), i))) {
        contentEnd = i;
        i += triple ? 3 : 1;
        break;
      }
      if (template != null) {
        i = template.literalChar(s, i);
      } else {
        i++;
      }
    }
    if (contentEnd < 0) {
      contentEnd = s.length();
    }
    String text = s.substring(start, i);
    if (template != null) {
      return new PyToken(PyToken.Type.FSTRING, text, template.text(), template.holes(), startLine, start, i);
    }
    Object v = PythonLiterals.parse(text);
    String value = v instanceof String str ? str : s.substring(contentStart, contentEnd);
    return new PyToken(PyToken.Type.STRING, text, value, null, startLine, start, i);
  }

  private void countLine(int newlineAt) {
    line++;
    lineStart = newlineAt + 1;
  }

  private static String unescape(char c) {
    return switch (c) {
      case 'n' -> "\n";
      case 't' -> "\t";
      default -> String.valueOf(c);
    };
  }

  /** Accumulates an f-string's literal text and its replacement fields. */
  private static final class FStringTemplate {
    private final StringBuilder text = new StringBuilder();
    private final List<String> holes = new ArrayList<>();
    private int fieldDepth;
    private int fieldStart;
    private int exprEnd = -1;

    boolean inField() {
      return fieldDepth > 0;
    }

    void literal(String t) {
      text.append(t);
    }

    /** A character outside replacement fields; returns the next index. */
    int literalChar(String s, int at) {
      char c = s.charAt(at);
      if ((c == '{' || c == '}') && at + 1 < s.length() && s.charAt(at + 1) == c) {
        text.append(c);
        return at + 2;
      }
      if (c == '{') {
        fieldDepth = 1;
        fieldStart = at + 1;
        exprEnd = -1;
        return at + 1;
      }
      text.append(c);
      return at + 1;
    }

    /** A character inside a replacement field; returns the next index. */
    int fieldChar(String s, int at, char quote) {
      char c = s.charAt(at);
      if ((c == '\'' || c == '"') && c != quote) {
        int close = s.indexOf(c, at + 1);
        int nl = s.indexOf('\n', at + 1);
        return close < 0 || (nl >= 0 && nl < close) ? at + 1 : close + 1;
      }
      if (c == '{' || c == '[' || c == '(') {
        fieldDepth++;
      } else if (c == '}' || c == ']' || c == ')') {
        fieldDepth--;
        if (fieldDepth == 0) {
          String expr = s.substring(fieldStart, exprEnd < 0 ? at : exprEnd).strip();
          holes.add(expr.endsWith("=") ? expr.substring(0, expr.length() - 1).strip() : expr);
          text.append("{}");
          return at + 1;
        }
      } else if (fieldDepth == 1 && exprEnd < 0 && (c == ':' || (c == '!' && (at + 1 >= s.length() || s.charAt(at + 1) != '=')))) {
        exprEnd = at;
      }
      return at + 1;
    }

    String text() {
      if (fieldDepth > 0) {
        text.append("{}"); // unterminated field
        fieldDepth = 0;
      }
      return text.toString();
    }

    List<String> holes() {
      return List.copyOf(holes);
    }
  }
}
