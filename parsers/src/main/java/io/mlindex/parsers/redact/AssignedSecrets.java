package io.mlindex.parsers.redact;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values assigned to secret-looking names, in whatever syntax: Python ({@code password = "x"},
 * {@code token: str = "x"}, {@code connect(password="x")}, {@code os.environ["HF_TOKEN"] = "x"},
 * {@code setdefault("API_KEY", "x")}), YAML ({@code password: x}), JSON ({@code "api_key": "x"}),
 * env files ({@code export SECRET_KEY=x}), command lines ({@code --password x}) and printed text
 * ({@code Token: x}).
 *
 * <p>The scan looks for the secret words first and reads the name and value around each hit by
 * hand, so its cost is linear in the text. Unquoted values after {@code =} in code that are plain
 * identifiers ({@code password=pw}) are variables, not secrets, and are left alone, as are calls,
 * placeholders ({@code ${TOKEN}}, {@code <your key>}), booleans and nulls.
 */
final class AssignedSecrets {
  /** How the secret words end (a name such as {@code api_key} or {@code HF_TOKEN} ends in one of these). */
  private static final List<String> WORD_ENDS =
      List.of("password", "passwd", "passphrase", "pwd", "secret", "token", "key", "credential", "credentials", "bearer");
  private static final Pattern ANNOTATION = Pattern.compile("\\G[A-Za-z_][\\w\\[\\], .|]{0,60}?\\s*=(?!=)");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][\\w.]*");
  private static final Pattern TYPE_NAME =
      Pattern.compile("(?:str|bytes|int|float|bool|dict|list|Any|SecretStr|SecretBytes|Optional|Union|typing\\.\\w+)(?:\\[.*)?");
  private static final int MAX_NAME = 100;
  private static final int MAX_VALUE = 1024;
  private static final int MAX_BLOCK_LINES = 50;

  private AssignedSecrets() {}

  /**
   * Adds the values assigned to secret-looking names in {@code s}; {@code lower} is {@code s} with
   * ASCII letters in lower case.
   */
  static void find(String s, String lower, List<SecretPatterns.Span> out) {
    for (String word : WORD_ENDS) {
      for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
        int end = at + word.length();
        if (end < s.length() && isNameChar(s.charAt(end))) {
          continue; // password_hash, tokenizer, max_tokens
        }
        int start = at;
        while (start > 0 && at - start < MAX_NAME && (isNameChar(s.charAt(start - 1)) || s.charAt(start - 1) == '.'
            || s.charAt(start - 1) == '-')) {
          start--;
        }
        String name = s.substring(start, end);
        if (SecretNames.isSecretName(name)) {
          SecretPatterns.Span span = value(s, start, end, SecretNames.kindOf(name));
          if (span != null) {
            out.add(span);
          } else if (isYamlBlockKey(s, start, end)) {
            block(s, start, SecretNames.kindOf(name), out);
          }
        }
      }
    }
  }

  /** The value after the name {@code s[start, end)}, or null when no literal value follows. */
  private static SecretPatterns.Span value(String s, int start, int end, String kind) {
    int i = end;
    char before = start > 0 ? s.charAt(start - 1) : '\n';
    boolean quotedName = before == '"' || before == '\'';
    if (quotedName && i < s.length() && s.charAt(i) == before) {
      i++;
      if (i < s.length() && s.charAt(i) == ']') {
        i++; // os.environ["TOKEN"] = ...
      }
    }
    boolean spaceBefore = i < s.length() && s.charAt(i) == ' ';
    i = skipSpaces(s, i);
    if (i >= s.length()) {
      return null;
    }
    char sep = s.charAt(i);
    boolean equals;
    if (s.startsWith("=>", i)) {
      i += 2;
      equals = true;
    } else if (sep == '=' && !s.startsWith("==", i)) {
      i++;
      equals = true;
    } else if (sep == ':' && !s.startsWith(":=", i)) {
      i++;
      Matcher annotation = ANNOTATION.matcher(s);
      int after = skipSpaces(s, i);
      equals = after < s.length() && !isQuote(s.charAt(after)) && annotation.region(after, s.length()).lookingAt();
      if (equals) {
        i = annotation.end(); // token: str = "..."
      }
    } else if (sep == ',' && quotedName && start >= 2 && s.charAt(start - 2) == '(') {
      i++;
      equals = false; // setdefault("API_KEY", "...")
    } else if (start >= 2 && s.startsWith("--", start) && (sep == ' ' || i > end)) {
      equals = false; // --password value
    } else {
      return null;
    }
    boolean spaceAfter = i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t');
    i = skipSpaces(s, i);
    while (i < s.length() && i < s.length() - 1 && "rRbBuUfF".indexOf(s.charAt(i)) >= 0 && isQuote(s.charAt(i + 1))) {
      i++;
    }
    if (i >= s.length()) {
      return null;
    }
    if (isQuote(s.charAt(i))) {
      return quoted(s, i, kind);
    }
    int j = i;
    while (j < s.length() && j - i < MAX_VALUE && !isTerminator(s.charAt(j))) {
      j++;
    }
    String v = s.substring(i, j);
    if (v.isEmpty() || SecretNames.isPlaceholder(v) || v.startsWith("-")
        || (j < s.length() && (s.charAt(j) == '(' || s.charAt(j) == '['))) {
      return null; // a call or a subscript: code, not a value
    }
    if (v.startsWith("!") || (v.length() < 6 && v.chars().allMatch(Character::isDigit))) {
      return null; // a YAML tag (!Ref GitHubToken), a vocabulary index ('Secret': 652)
    }
    if (!equals && TYPE_NAME.matcher(v).matches()) {
      return null; // def login(token: str, ...)
    }
    boolean envStyle = !spaceBefore && !spaceAfter && atLineStart(s, start);
    if (equals && !envStyle && IDENTIFIER.matcher(v).matches() && v.chars().noneMatch(Character::isDigit)) {
      return null; // password=pw: a variable
    }
    return new SecretPatterns.Span(i, j, kind);
  }

  /** Whether the name is a YAML key alone on its line ({@code WANDB_API_KEY:}), its value nested below. */
  private static boolean isYamlBlockKey(String s, int start, int end) {
    int i = end;
    if (i < s.length() && isQuote(s.charAt(i))) {
      i++;
    }
    if (i >= s.length() || s.charAt(i) != ':') {
      return false;
    }
    i = skipSpaces(s, i + 1);
    boolean alone = i >= s.length() || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '#';
    int k = start - 1;
    if (k >= 0 && isQuote(s.charAt(k))) {
      k--;
    }
    while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
      k--;
    }
    return alone && (k < 0 || s.charAt(k) == '\n');
  }

  /** Every scalar in the block nested under a secret key ({@code value: ...}, {@code - item}). */
  private static void block(String s, int keyStart, String kind, List<SecretPatterns.Span> out) {
    int lineStart = s.lastIndexOf('\n', keyStart) + 1;
    int keyIndent = keyStart - lineStart;
    int at = s.indexOf('\n', keyStart);
    for (int lines = 0; at >= 0 && at + 1 < s.length() && lines < MAX_BLOCK_LINES; lines++) {
      int from = at + 1;
      int next = s.indexOf('\n', from);
      int to = next < 0 ? s.length() : next;
      int indent = skipSpaces(s, from) - from;
      if (skipSpaces(s, from) < to && indent <= keyIndent) {
        return;
      }
      int v = from + indent;
      if (v < to && s.charAt(v) == '-') {
        v = skipSpaces(s, v + 1);
      } else {
        int colon = indexOf(s, ": ", v, to);
        v = colon < 0 ? to : skipSpaces(s, colon + 1);
      }
      int comment = indexOf(s, " #", v, to);
      int e = comment < 0 ? to : comment;
      while (e > v && Character.isWhitespace(s.charAt(e - 1))) {
        e--;
      }
      if (e - v >= 2 && isQuote(s.charAt(v)) && s.charAt(e - 1) == s.charAt(v)) {
        v++;
        e--;
      }
      if (e > v && !SecretNames.isPlaceholder(s.substring(v, e))) {
        out.add(new SecretPatterns.Span(v, e, kind));
      }
      at = next;
    }
  }

  /** The first {@code what} in {@code s[from, to)}, or -1. */
  private static int indexOf(String s, String what, int from, int to) {
    for (int k = from; k + what.length() <= to; k++) {
      if (s.startsWith(what, k)) {
        return k;
      }
    }
    return -1;
  }

  private static SecretPatterns.Span quoted(String s, int open, String kind) {
    char q = s.charAt(open);
    if (s.startsWith(String.valueOf(q).repeat(3), open)) {
      return null; // a docstring, not a value
    }
    int j = open + 1;
    while (j < s.length() && j - open <= MAX_VALUE && s.charAt(j) != q && s.charAt(j) != '\n') {
      j += s.charAt(j) == '\\' ? 2 : 1;
    }
    if (j >= s.length() || s.charAt(j) != q) {
      return null;
    }
    String v = s.substring(open + 1, j);
    return SecretNames.isPlaceholder(v) ? null : new SecretPatterns.Span(open + 1, j, kind);
  }

  private static boolean atLineStart(String s, int start) {
    int k = start - 1;
    while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
      k--;
    }
    if (k >= 6 && s.startsWith("export", k - 5)) {
      k -= 6;
      while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
        k--;
      }
    }
    return k < 0 || s.charAt(k) == '\n';
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  private static boolean isTerminator(char c) {
    return Character.isWhitespace(c) || c == ',' || c == ';' || c == '}' || c == ']' || c == ')' || c == '#'
        || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' || c == '(' || c == '[';
  }
}
