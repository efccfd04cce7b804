package io.mlindex.parsers.redact;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in secret shapes: tokens that announce themselves by a prefix (AWS key ids, GitHub,
 * GitLab, Slack, OpenAI, Anthropic, Hugging Face and Google keys), JWTs, private key blocks,
 * passwords in connection URLs, bearer tokens, and values assigned to secret-looking names (see
 * {@link AssignedSecrets}). Each shape is tried only where one of its literal prefixes occurs
 * (found with {@code indexOf}), and only on a bounded window from there, so a scan costs little more
 * than reading the text. Hex digests (git commits, md5, sha256) and UUIDs match none of them.
 */
final class SecretPatterns {
  /** Where a secret lies in a string, and what kind it is. */
  record Span(int start, int end, String kind) {}

  /**
   * A shape: its pattern must match starting exactly at one of {@code hints} (searched in the
   * lower-cased text when {@code lowerCase}); {@code group} is the part to replace.
   */
  private record Rule(String kind, List<String> hints, boolean lowerCase, Pattern pattern, int group,
      Predicate<String> accept) {
    Rule(String kind, List<String> hints, String regex) {
      this(kind, hints, false, Pattern.compile(regex), 0, s -> true);
    }
  }

  private static final int WINDOW = 16 << 10;
  private static final String BEFORE = "(?<![A-Za-z0-9_-])";
  private static final Predicate<String> MIXED = s -> s.chars().anyMatch(Character::isDigit)
      && s.chars().anyMatch(Character::isLetter);
  private static final Predicate<String> NOT_PLACEHOLDER = s -> !SecretNames.isPlaceholder(s);

  private static final List<Rule> RULES =
      List.of(
          new Rule("aws-access-key-id",
              List.of("AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"),
              "(?<![A-Z0-9])A[A-Z]{3}[A-Z0-9]{16}(?![A-Z0-9])"),
          new Rule("aws-secret-access-key", List.of("aws"), true,
              Pattern.compile("(?i)aws[\\w.-]{0,30}?(?:secret|private)[\\w.-]{0,30}?[\"']?\\s*[:=]\\s*[\"']?"
                  + "([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"), 1, MIXED),
          new Rule("github-token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
              "(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_])"),
          new Rule("github-token", List.of("github_pat_"), "(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}"),
          new Rule("gitlab-token",
              List.of("glpat-", "glptt-", "gldt-", "glrt-", "glcbt-", "gloas-", "glsoat-", "glft-", "glimt-", "glagent-",
                  "glffct-"),
              BEFORE + "gl[a-z]{2,5}-[A-Za-z0-9_-]{20,255}"),
          new Rule("slack-token", List.of("xox"), "(?<![A-Za-z0-9-])xox[abposre]-[A-Za-z0-9-]{10,255}"),
          new Rule("slack-webhook", List.of("https://hooks.slack.com/"),
              "https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_+-]{20,255}"),
          new Rule("anthropic-key", List.of("sk-ant-"), BEFORE + "sk-ant-[A-Za-z0-9_-]{20,255}"),
          new Rule("openai-key", List.of("sk-"), false,
              Pattern.compile(BEFORE + "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,255}"), 0,
              s -> !s.startsWith("sk-ant-") && MIXED.test(s.substring(3))),
          new Rule("huggingface-token", List.of("hf_", "api_org_"),
              "(?<![A-Za-z0-9_])(?:hf|api_org)_[A-Za-z0-9]{30,255}(?![A-Za-z0-9_])"),
          new Rule("google-api-key", List.of("AIza"), BEFORE + "AIza[0-9A-Za-z_-]{30,60}(?![0-9A-Za-z_-])"),
          new Rule("google-token", List.of("GOCSPX-", "ya29."),
              BEFORE + "(?:GOCSPX-[A-Za-z0-9_-]{20,64}|ya29\\.[0-9A-Za-z_-]{20,2048})"),
          new Rule("jwt", List.of("eyJ"), BEFORE + "eyJ[A-Za-z0-9_-]{8,4096}\\.eyJ[A-Za-z0-9_-]{8,8192}\\.[A-Za-z0-9_-]{0,4096}"),
          new Rule("bearer-token", List.of("authorization", "x-api-key", "api-key"), true,
              Pattern.compile("(?i)(?:authorization|x-api-key|api-key)[\"']?\\s*[:=]\\s*[\"']?(?:bearer|token|basic)\\s+"
                  + "([A-Za-z0-9._~+/=-]{8,4096})"), 1, NOT_PLACEHOLDER),
          new Rule("api-key", List.of("login("), true,
              Pattern.compile("(?i)login\\(\\s*(?:key|token)\\s*=\\s*[rbuf]{0,2}[\"']([^\"'\\s]{8,512})[\"']"), 1,
              NOT_PLACEHOLDER));

  /** A connection URL with a password, matched from its scheme; tried where {@code ://} occurs. */
  private static final Pattern URL_PASSWORD =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\\s:/?#@'\"\\[\\]]{0,256}:([^\\s@/'\"]{1,256})@");

  private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?)-----");

  private SecretPatterns() {}

  /** Adds every built-in secret found in {@code s} to {@code out}; spans may overlap. */
  static void find(String s, List<Span> out) {
    String lower = asciiLowerCase(s);
    for (Rule rule : RULES) {
      String haystack = rule.lowerCase() ? lower : s;
      Matcher m = rule.pattern().matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
      for (String hint : rule.hints()) {
        for (int h = haystack.indexOf(hint); h >= 0; h = haystack.indexOf(hint, h + 1)) {
          m.region(h, Math.min(s.length(), h + WINDOW));
          if (m.lookingAt()) {
            String secret = m.group(rule.group());
            if (secret != null && rule.accept().test(secret)) {
              out.add(new Span(m.start(rule.group()), m.end(rule.group()), rule.kind()));
            }
          }
        }
      }
    }
    urlPasswords(s, out);
    privateKeys(s, out);
    AssignedSecrets.find(s, lower, out);
  }

  private static void urlPasswords(String s, List<Span> out) {
    Matcher m = URL_PASSWORD.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
    for (int h = s.indexOf("://"); h >= 0; h = s.indexOf("://", h + 1)) {
      int start = h;
      while (start > 0 && h - start < 21 && isSchemeChar(s.charAt(start - 1))) {
        start--;
      }
      while (start < h && !Character.isLetter(s.charAt(start))) {
        start++;
      }
      if (start == h) {
        continue;
      }
      m.region(start, Math.min(s.length(), h + 600));
      if (m.lookingAt() && !SecretNames.isPlaceholder(m.group(1))) {
        out.add(new Span(m.start(1), m.end(1), "url-password"));
      }
    }
  }

  private static boolean isSchemeChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
  }

  /**
   * PEM private key blocks, from the BEGIN line to the END line; without an END line, to the end
   * of the base64 body (up to a blank line; newlines written as {@code \n} in a literal included).
   */
  private static void privateKeys(String s, List<Span> out) {
    if (s.indexOf("PRIVATE KEY") < 0) {
      return;
    }
    Matcher m = KEY_BEGIN.matcher(s);
    int from = 0;
    while (from < s.length() && m.find(from)) {
      String end = "-----END " + m.group(1) + "-----";
      int e = s.indexOf(end, m.end());
      int stop;
      if (e >= 0 && e - m.end() < (1 << 16)) {
        stop = e + end.length();
      } else {
        stop = m.end();
        while (stop < s.length() && isKeyBodyChar(s.charAt(stop))
            && !(s.charAt(stop) == '\n' && s.charAt(stop - 1) == '\n')) {
          stop++;
        }
        while (stop > m.end() && Character.isWhitespace(s.charAt(stop - 1))) {
          stop--;
        }
      }
      out.add(new Span(m.start(), stop, "private-key"));
      from = Math.max(stop, m.end());
    }
  }

  private static boolean isKeyBodyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=' || c == '\\' || c == ':' || c == '-'
        || c == ',' || Character.isWhitespace(c);
  }

  /** Lower case for ASCII letters only, so that every index stays where it was. */
  static String asciiLowerCase(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] = (char) (c[i] + 32);
      }
    }
    return new String(c);
  }
}
