package io.mlindex.parsers.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;

/** Whole-file reads that refuse files above a limit instead of exhausting the heap. */
public final class BoundedReads {
  private BoundedReads() {}

  /** All bytes, if the file has at most {@code limit} of them (checked while reading, not only by size). */
  public static byte[] readBytes(Path file, long limit) throws IOException {
    long size = Files.size(file);
    if (size > limit) {
      throw new FileTooLargeException(file, size, limit);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 16) + 1);
      if (bytes.length > limit) {
        throw new FileTooLargeException(file, bytes.length, limit);
      }
      return bytes;
    }
  }

  /** The file as UTF-8 text (malformed bytes replaced), if it is at most {@code limit} bytes. */
  public static String readString(Path file, long limit) throws IOException {
    return decodeUtf8(readBytes(file, limit));
  }

  /** Decodes UTF-8 leniently (a stray byte becomes U+FFFD), dropping a leading byte-order mark. */
  public static String decodeUtf8(byte[] bytes) {
    String s;
    try {
      s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      s = new String(bytes, StandardCharsets.UTF_8);
    }
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
