package io.mlindex.parsers.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content hashes for model and data files, so that copies in different places are recognised as
 * one artifact. Files up to a limit get a streamed SHA-256 ({@code sha256:<hex>}); bigger ones a
 * cheaper sampled fingerprint ({@code sha256-sampled:<hex>}) over the size and sixteen 1 MiB
 * slices spread across the file, which is marked as such because two different files could share it.
 */
public final class ContentHash {
  public static final String FULL = "sha256:";
  public static final String SAMPLED = "sha256-sampled:";
  private static final int SLICES = 16;
  private static final int SLICE_BYTES = 1 << 20;

  private ContentHash() {}

  /** The hash of a file: full SHA-256 up to {@code fullLimit} bytes, sampled above it. */
  public static String of(Path file, long fullLimit) throws IOException {
    long size = Files.size(file);
    return size <= fullLimit ? full(file) : sampled(file, size);
  }

  /** Whether a hash came from sampling rather than from every byte. */
  public static boolean isSampled(String hash) {
    return hash != null && hash.startsWith(SAMPLED);
  }

  static String full(Path file) throws IOException {
    MessageDigest d = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    }
    return FULL + HexFormat.of().formatHex(d.digest());
  }

  static String sampled(Path file, long size) throws IOException {
    MessageDigest d = sha256();
    d.update(ByteBuffer.allocate(8).putLong(0, size));
    ByteBuffer buf = ByteBuffer.allocate(SLICE_BYTES);
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      for (int i = 0; i < SLICES; i++) {
        long at = (size - SLICE_BYTES) / (SLICES - 1) * i;
        ch.position(Math.max(0, at));
        buf.clear();
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // fill the slice
        }
        buf.flip();
        d.update(buf);
      }
    }
    return SAMPLED + HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
