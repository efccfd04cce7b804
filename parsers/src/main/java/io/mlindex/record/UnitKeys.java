package io.mlindex.record;

/**
 * Encodes absolute POSIX paths as keys whose byte order equals the crawler's walk order: the
 * separator becomes U+0000, which sorts below every character a file name can hold, so that
 * {@code a/b} sorts before {@code a-c} just as the walk visits folder {@code a} (and everything in
 * it) before the file {@code a-c}.
 */
public final class UnitKeys {
  public static final char SEPARATOR = '\0';

  private UnitKeys() {}

  public static String encode(String posixPath) {
    return posixPath.replace('/', SEPARATOR);
  }

  public static String decode(String key) {
    return key.replace(SEPARATOR, '/');
  }

  /** The prefix every unit strictly inside this folder starts with. */
  public static String childPrefix(String folderKey) {
    return folderKey.endsWith(String.valueOf(SEPARATOR)) ? folderKey : folderKey + SEPARATOR;
  }

  /** Whether {@code key} is the folder itself or lies inside it. */
  public static boolean isWithin(String key, String folderKey) {
    return key.equals(folderKey) || key.startsWith(childPrefix(folderKey));
  }

  /**
   * Compares names as the walk orders them: by Unicode code point, which is UTF-8 byte order (and
   * so the order of the index's terms).
   */
  public static int compareNames(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
