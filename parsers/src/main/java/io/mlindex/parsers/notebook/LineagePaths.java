package io.mlindex.parsers.notebook;

import io.mlindex.record.LineageRef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a path string found in code into a lineage reference: relative paths are resolved against
 * the folder of the notebook or script and normalised; URLs and URIs ({@code s3://...}, {@code
 * runs:/...}) become named references; Windows and home-relative paths, which cannot be resolved
 * on this machine, are kept as written (separators made POSIX) and marked uncertain.
 */
final class LineagePaths {
  private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/.*");
  private static final Pattern WINDOWS = Pattern.compile("^(?:[A-Za-z]:[\\\\/]|\\\\\\\\).*");
  private static final int MAX_LENGTH = 4096;

  private LineagePaths() {}

  /**
   * The reference for {@code raw} read by {@code call}; null when it is empty, too long or holds
   * characters no path has.
   *
   * @param folder the absolute POSIX folder relative paths start from
   * @param uncertain whether the string had holes ({@code {}}) for unknown parts
   */
  static LineageRef of(String folder, String raw, String call, boolean uncertain) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH || raw.indexOf('\0') >= 0 || raw.indexOf('\n') >= 0) {
      return null;
    }
    String s = raw.strip();
    if (URI.matcher(s).matches() && !WINDOWS.matcher(s).matches()) {
      if (s.toLowerCase(Locale.ROOT).startsWith("file://")) {
        return mark(LineageRef.path(normalise(s.substring("file://".length())), call), uncertain);
      }
      return mark(LineageRef.named(s, "uri", call), uncertain);
    }
    if (WINDOWS.matcher(s).matches()) {
      return LineageRef.path("/" + s.replace('\\', '/'), call).asUncertain();
    }
    if (s.startsWith("~")) {
      return LineageRef.path(s, call).asUncertain();
    }
    String joined = s.startsWith("/") ? s : folder + "/" + s;
    return mark(LineageRef.path(normalise(joined), call), uncertain);
  }

  private static LineageRef mark(LineageRef ref, boolean uncertain) {
    return uncertain ? ref.asUncertain() : ref;
  }

  /** Removes {@code .}, empty segments and resolves {@code ..} (never above the root). */
  static String normalise(String absolute) {
    Deque<String> parts = new ArrayDeque<>();
    for (String p : absolute.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return "/" + String.join("/", parts);
  }

  /**
   * Whether a name given to {@code from_pretrained} or {@code load_dataset} is a local path rather
   * than a hub id ({@code bert-base-uncased}, {@code org/model}).
   */
  static boolean looksLikePath(String s) {
    if (s.startsWith("/") || s.startsWith(".") || s.startsWith("~") || s.indexOf('\\') >= 0
        || WINDOWS.matcher(s).matches() || s.indexOf('{') >= 0) {
      return true;
    }
    if (s.chars().filter(c -> c == '/').count() > 1 || s.endsWith("/")) {
      return true;
    }
    int dot = s.lastIndexOf('.');
    int slash = s.lastIndexOf('/');
    if (dot > slash && dot < s.length() - 1) {
      String ext = s.substring(dot + 1).toLowerCase(Locale.ROOT);
      return ext.matches("csv|tsv|json|jsonl|parquet|txt|bin|pt|pth|ckpt|h5|safetensors|pkl|arrow|zip|gz|npy|npz");
    }
    return false;
  }
}
