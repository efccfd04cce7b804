package io.mlindex.parsers.git;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remote URLs from a git {@code config} file, with credentials removed: a URL such as {@code
 * https://user:token@host/repo.git} must never reach the index.
 */
final class GitRemotes {
  private static final Pattern SECTION = Pattern.compile("\\[\\s*([A-Za-z0-9.-]+)(?:\\s+\"((?:[^\"\\\\]|\\\\.)*)\")?\\s*\\]");
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(.*)", Pattern.DOTALL);

  private GitRemotes() {}

  /** The URL of remote {@code origin}, else of the first remote that has one; null when there is none. */
  static String originUrl(String config) {
    Map<String, String> urls = new LinkedHashMap<>();
    String remote = null;
    for (String raw : config.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        Matcher m = SECTION.matcher(line);
        remote = m.lookingAt() && m.group(1).equalsIgnoreCase("remote") && m.group(2) != null ? m.group(2) : null;
        line = m.lookingAt() ? line.substring(m.end()).strip() : "";
      }
      int eq = line.indexOf('=');
      if (remote != null && eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase("url")) {
        urls.putIfAbsent(remote, value(line.substring(eq + 1)));
      }
    }
    String url = urls.containsKey("origin") ? urls.get("origin") : urls.values().stream().findFirst().orElse(null);
    return url == null || url.isEmpty() ? null : withoutCredentials(url);
  }

  /** A config value: surrounding quotes removed, a trailing {@code ;} or {@code #} comment dropped. */
  static String value(String raw) {
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == ';' || c == '#')) {
        break;
      } else if (c == '\\' && i + 1 < raw.length()) {
        char n = raw.charAt(++i);
        out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  /**
   * Drops credentials: for http(s) and ftp the whole user part and the query (tokens travel in
   * both); for other schemes (ssh) and scp-like {@code user@host:path} only a password after the
   * user name.
   */
  static String withoutCredentials(String url) {
    Matcher m = SCHEME.matcher(url);
    if (!m.matches()) {
      int at = url.indexOf('@');
      int colon = url.indexOf(':');
      boolean scpWithPassword = at > 0 && colon >= 0 && colon < at && url.lastIndexOf('/', at) < 0;
      return scpWithPassword ? url.substring(0, colon) + url.substring(at) : url;
    }
    String scheme = m.group(1);
    String rest = m.group(2);
    String lower = scheme.toLowerCase(Locale.ROOT);
    boolean web = lower.startsWith("http") || lower.startsWith("ftp");
    int at = userInfoEnd(rest, web);
    String user = at < 0 ? null : rest.substring(0, at);
    String location = rest.substring(at + 1);
    if (web) {
      user = null;
      int query = location.indexOf('?');
      location = query < 0 ? location : location.substring(0, query);
    } else if (user != null && user.indexOf(':') >= 0) {
      user = user.substring(0, user.indexOf(':'));
    }
    return scheme + "://" + (user == null ? "" : user + "@") + location;
  }

  /**
   * The index of the '@' that ends the user part, or -1. In a web URL a password may hold an
   * unescaped '/', so an '@' past the first '/' still ends the user part when the text before that
   * '/' is {@code user:secret} rather than {@code host:port}.
   */
  private static int userInfoEnd(String rest, boolean web) {
    int end = authorityEnd(rest);
    int at = rest.lastIndexOf('@', end - 1);
    if (at >= 0 || !web) {
      return at;
    }
    int colon = rest.substring(0, end).indexOf(':');
    boolean port = colon >= 0 && rest.substring(colon + 1, end).matches("[0-9]*");
    int later = rest.indexOf('@', end);
    return later > 0 && colon >= 0 && !port ? later : -1;
  }

  private static int authorityEnd(String rest) {
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return i;
      }
    }
    return rest.length();
  }
}
