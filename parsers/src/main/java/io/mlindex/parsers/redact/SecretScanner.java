package io.mlindex.parsers.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the secrets in one string by {@code [REDACTED:<kind>]}: the built-in shapes of {@link
 * SecretPatterns}, plus configured extra patterns (their first group when they have one, else the
 * whole match, reported as kind {@code custom}); values on the allow-list stay.
 */
final class SecretScanner {
  /** One secret replaced: its kind and the 1-based line of the string it was on. */
  record Finding(String kind, int line) {}

  /** The string with its secrets replaced, and what was replaced. */
  record Result(String text, List<Finding> findings) {}

  static final String PREFIX = "[REDACTED:";

  private final List<Pattern> extra;
  private final Set<String> allow;

  SecretScanner(List<Pattern> extra, Set<String> allow) {
    this.extra = List.copyOf(extra);
    this.allow = Set.copyOf(allow);
  }

  Result scan(String s) {
    if (s == null || s.length() < 3) {
      return new Result(s, List.of());
    }
    List<SecretPatterns.Span> spans = new ArrayList<>();
    SecretPatterns.find(s, spans);
    for (Pattern p : extra) {
      Matcher m = p.matcher(s);
      int group = m.groupCount() >= 1 ? 1 : 0;
      while (m.find()) {
        if (m.start(group) >= 0 && m.end(group) > m.start(group)) {
          spans.add(new SecretPatterns.Span(m.start(group), m.end(group), "custom"));
        }
        if (m.end() == m.start() && m.end() >= s.length()) {
          break;
        }
      }
    }
    if (spans.isEmpty()) {
      return new Result(s, List.of());
    }
    spans.sort(Comparator.comparingInt(SecretPatterns.Span::start)); // stable: built-in kinds first
    StringBuilder out = new StringBuilder(s.length());
    List<Finding> findings = new ArrayList<>();
    int pos = 0;
    int line = 1;
    int counted = 0;
    int k = 0;
    while (k < spans.size()) {
      SecretPatterns.Span first = spans.get(k);
      int end = first.end();
      k++;
      while (k < spans.size() && spans.get(k).start() < end) {
        end = Math.max(end, spans.get(k).end());
        k++;
      }
      if (first.start() < pos) {
        continue;
      }
      String secret = s.substring(first.start(), end);
      if (allow.contains(secret) || secret.startsWith(PREFIX)) {
        continue;
      }
      for (int c = counted; c < first.start(); c++) {
        if (s.charAt(c) == '\n') {
          line++;
        }
      }
      counted = first.start();
      out.append(s, pos, first.start()).append(PREFIX).append(first.kind()).append(']');
      findings.add(new Finding(first.kind(), line));
      pos = end;
    }
    if (findings.isEmpty()) {
      return new Result(s, List.of());
    }
    out.append(s, pos, s.length());
    return new Result(out.toString(), findings);
  }
}
