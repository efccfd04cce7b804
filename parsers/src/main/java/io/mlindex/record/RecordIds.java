package io.mlindex.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable record ids: the same format, path and part always give the same id, so re-harvesting a
 * record replaces it rather than adding a copy.
 */
public final class RecordIds {
  private RecordIds() {}

  /** 16 lowercase hex characters (64 bits of SHA-256 over format, path and part). */
  public static String of(String format, String path, String part) {
    String key = format + '\0' + path + (part == null ? "" : '\0' + part);
    return HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)), 0, 8);
  }

  /** Whether a string has the shape of a record id (so that a CLI argument can be told from a path). */
  public static boolean looksLikeId(String s) {
    if (s == null || s.length() != 16) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
