package io.mlindex.index;

import io.mlindex.parsers.util.LineagePaths;
import io.mlindex.record.LineageRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Path arithmetic for lineage: which paths are local, how a foreign path (another machine's
 * {@code C:\...}, {@code ~/...}) matches a local one by its trailing components, folders above a
 * path, and what a content hash looks like.
 */
final class PathTails {
  /** Trailing components a foreign path must share with a local one to match it. */
  static final int MIN_COMMON = 2;

  /** Most folders above a path that are looked at (deeper paths are cut at the top). */
  static final int MAX_ANCESTORS = 64;

  private static final Pattern DRIVE_ROOTED = Pattern.compile("^/?[A-Za-z]:/.*");
  private static final Pattern HASH =
      Pattern.compile("^(md5|sha1|sha224|sha256|sha384|sha512|sha256-sampled|etag|checksum|blake2b|xxh64):[^\\s/\\\\]+$");

  /** Hashes of empty content: every empty file shares them, so they join nothing. */
  private static final List<String> EMPTY_CONTENT = List.of(
      "md5:d41d8cd98f00b204e9800998ecf8427e",
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  private PathTails() {}

  /** An absolute POSIX path of this machine (not {@code C:/...} spelled with a leading slash). */
  static boolean isLocal(String path) {
    return path != null && path.startsWith("/") && path.indexOf('\\') < 0 && !DRIVE_ROOTED.matcher(path).matches();
  }

  /** A path from another machine, matched only by its tail. */
  static boolean isForeign(LineageRef ref) {
    return ref.path() != null && ("foreign".equals(ref.kind()) || !isLocal(ref.path()));
  }

  static boolean isHash(String s) {
    return s != null && HASH.matcher(s).matches();
  }

  /** Whether a hash may join copies: not empty content. */
  static boolean joinable(String hash) {
    return hash != null && !hash.isEmpty() && !EMPTY_CONTENT.contains(hash);
  }

  /** Whether two files sharing this hash may still differ (sampled fingerprints). */
  static boolean approximate(String hash) {
    return hash != null && hash.startsWith("sha256-sampled:");
  }

  /** Trailing component sequences of at least {@link #MIN_COMMON} components, longest last. */
  static List<String> tails(String path) {
    List<String> out = new ArrayList<>();
    for (String s : LineagePaths.suffixes(path)) {
      if (components(s) >= MIN_COMMON) {
        out.add(s);
      }
    }
    return out;
  }

  static int components(String suffix) {
    int n = 1;
    for (int i = 0; i < suffix.length(); i++) {
      if (suffix.charAt(i) == '/') {
        n++;
      }
    }
    return n;
  }

  /** The folders above a local path, nearest first, without the file system root. */
  static List<String> ancestors(String path) {
    List<String> out = new ArrayList<>();
    int end = path.length();
    while (out.size() < MAX_ANCESTORS) {
      int slash = path.lastIndexOf('/', end - 1);
      if (slash <= 0) {
        break;
      }
      out.add(path.substring(0, slash));
      end = slash;
    }
    return out;
  }

  /** {@code /a/./b/../c/} as {@code /a/c}; the path must be absolute. */
  static String normalise(String absolute) {
    Deque<String> parts = new ArrayDeque<>();
    for (String p : absolute.split("/+")) {
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

  /** The last component of a path, or the whole text. */
  static String lastComponent(String path) {
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    int slash = p.lastIndexOf('/');
    return slash >= 0 && slash < p.length() - 1 ? p.substring(slash + 1) : p;
  }
}
