package io.mlindex.parsers.redact;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in secret shapes: tokens that announce themselves by a prefix (AWS key ids, GitHub,
 * GitLab, Slack, OpenAI, Anthropic, Hugging Face and Google keys), JWTs, private key blocks,
 * passwords in connection URLs, bearer tokens, and values assigned to secret-looking names (see
 * {@link AssignedSecrets}). Every pattern starts with a literal or a short bounded prefix, so a scan
 * is linear in the text. Hex digests (git commits, md5, sha256) and UUIDs match none of them.
 */
final class SecretPatterns {
  /** Where a secret lies in a string, and what kind it is. */
  record Span(int start, int end, String kind) {}

  private record Rule(String kind, Pattern pattern, int group, Predicate<String> accept) {
    Rule(String kind, String regex) {
      this(kind, Pattern.compile(regex), 0, s -> true);
    }
  }

  private static final Predicate<String> MIXED = s -> s.chars().anyMatch(Character::isDigit)
      && s.chars().anyMatch(Character::isLetter);

  private static final List<Rule> RULES =
      List.of(
          new Rule("aws-access-key-id",
              "(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])"),
          new Rule("aws-secret-access-key",
              Pattern.compile("(?i)aws[\\w.-]{0,30}?(?:secret|private)[\\w.-]{0,30}?[\"']?\\s*[:=]\\s*[\"']?"
                  + "([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"), 1, MIXED),
          new Rule("github-token", "(?<![A-Za-z0-9_])(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_])"),
          new Rule("github-token", "(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}"),
          new Rule("gitlab-token",
              "(?<![A-Za-z0-9_-])gl(?:pat|ptt|dt|rt|cbt|oas|soat|ft|imt|agent|ffct)-[A-Za-z0-9_-]{20,255}"),
          new Rule("slack-token", "(?<![A-Za-z0-9-])xox[abposre]-[A-Za-z0-9-]{10,255}"),
          new Rule("slack-webhook", "https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_+-]{20,255}"),
          new Rule("anthropic-key", "(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,255}"),
          new Rule("openai-key", Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,255}"),
              0, s -> !s.startsWith("sk-ant-") && MIXED.test(s.substring(3))),
          new Rule("huggingface-token", "(?<![A-Za-z0-9_])(?:hf|api_org)_[A-Za-z0-9]{30,255}(?![A-Za-z0-9_])"),
          new Rule("google-api-key", "(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
          new Rule("google-token", "(?<![A-Za-z0-9_-])(?:GOCSPX-[A-Za-z0-9_-]{20,64}|ya29\\.[0-9A-Za-z_-]{20,2048})"),
          new Rule("jwt", "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\\.eyJ[A-Za-z0-9_-]{8,8192}\\.[A-Za-z0-9_-]{0,4096}"),
          new Rule("url-password",
              Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:/?#@'\"]{0,256}:([^\\s@/'\"]{1,256})@"), 1,
              s -> !SecretNames.isPlaceholder(s)),
          new Rule("bearer-token",
              Pattern.compile("(?i)\\b(?:authorization|x-api-key|api-key)[\"']?\\s*[:=]\\s*[\"']?(?:bearer|token|basic)\\s+"
                  + "([A-Za-z0-9._~+/=-]{8,4096})"), 1, s -> !SecretNames.isPlaceholder(s)),
          new Rule("api-key",
              Pattern.compile("(?i)\\blogin\\(\\s*(?:key|token)\\s*=\\s*[rbuf]{0,2}[\"']([^\"'\\s]{8,512})[\"']"), 1,
              s -> !SecretNames.isPlaceholder(s)));

  private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?)-----");

  private SecretPatterns() {}

  /** Adds every built-in secret found in {@code s} to {@code out}; spans may overlap. */
  static void find(String s, List<Span> out) {
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(s);
      while (m.find()) {
        String secret = m.group(rule.group());
        if (secret != null && rule.accept().test(secret)) {
          out.add(new Span(m.start(rule.group()), m.end(rule.group()), rule.kind()));
        }
      }
    }
    privateKeys(s, out);
    AssignedSecrets.find(s, out);
  }

  /**
   * PEM private key blocks, from the BEGIN line to the END line; without an END line, to the end
   * of the base64 body (newlines, also written as {@code \n} inside a string literal, included).
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
        int limit = Math.min(s.length(), m.end() + (1 << 14));
        while (stop < limit && isKeyBodyChar(s.charAt(stop))
            && !(s.charAt(stop) == '\n' && s.charAt(stop - 1) == '\n')) {
          stop++;
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
}
