package io.mlindex.parsers.notebook;

import java.util.List;

/**
 * One token of Python source, as {@link PyTokenizer} reads it.
 *
 * @param type what kind of token
 * @param text the token as written (operators, names, numbers, whole string literals with prefix
 *     and quotes, a magic line without its {@code %} or {@code !})
 * @param value for strings the decoded value, for f-strings the template with {@code {}} for each
 *     replacement field; null otherwise
 * @param holes for f-strings the source of each replacement field's expression, in order
 * @param line 1-based line in the cell or file
 * @param start offset of the first character in the source
 * @param end offset after the last character in the source
 */
record PyToken(Type type, String text, String value, List<String> holes, int line, int start, int end) {

  enum Type {
    NAME,
    NUMBER,
    STRING,
    FSTRING,
    OP,
    /** An IPython line magic or shell escape ({@code %pip install x}, {@code !ls}). */
    MAGIC
  }

  boolean is(String op) {
    return (type == Type.OP || type == Type.NAME) && text.equals(op);
  }

  boolean isName() {
    return type == Type.NAME;
  }

  boolean isString() {
    return type == Type.STRING || type == Type.FSTRING;
  }
}
