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
  private static final Pattern WORD =
      Pattern.compile("(?i)password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"
          + "|private[_-]?key|credentials?|bearer");
  private static final Pattern ANNOTATION = Pattern.compile("\\G[A-Za-z_][\\w\\[\\], .|]{0,60}?\\s*=(?!=)");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][\\w.]*");
  private static final Pattern TYPE_NAME =
      Pattern.compile("(?:str|bytes|int|float|bool|dict|list|Any|SecretStr|SecretBytes|Optional|Union|typing\\.\\w+)(?:\\[.*)?");
  private static final int MAX_NAME = 100;
  private static final int MAX_VALUE = 1024;

  private AssignedSecrets() {}

  static void find(String s, List<SecretPatterns.Span> out) {
    Matcher m = WORD.matcher(s);
    while (m.find()) {
      int end = m.end();
      if (end < s.length() && isNameChar(s.charAt(end))) {
        continue; // password_hash, tokenizer, max_tokens
      }
      int start = m.start();
      while (start > 0 && m.start() - start < MAX_NAME && (isNameChar(s.charAt(start - 1)) || s.charAt(start - 1) == '.'
          || s.charAt(start - 1) == '-')) {
        start--;
      }
      String name = s.substring(start, end);
      if (SecretNames.isSecretName(name)) {
        SecretPatterns.Span span = value(s, start, end, SecretNames.kindOf(name));
        if (span != null) {
          out.add(span);
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
    if (v.isEmpty() || SecretNames.isPlaceholder(v) || v.startsWith("-") || (j < s.length() && s.charAt(j) == '(')) {
      return null;
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
        || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>';
  }
}
