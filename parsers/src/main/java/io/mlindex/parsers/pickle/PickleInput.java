package io.mlindex.parsers.pickle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a pickle stream, read with bounds: a declared length never becomes an allocation
 * larger than {@link #MAX_KEPT_BYTES}, the rest is skipped, and reading past {@code limit} bytes
 * stops the scan.
 */
final class PickleInput {
  /** Most bytes of one string or line kept in memory; longer ones are skipped past. */
  static final int MAX_KEPT_BYTES = 64 * 1024;

  private final InputStream in;
  private final long limit;
  private final boolean limitIsEnd;
  private long position;

  /**
   * @param limit bytes that may be read
   * @param limitIsEnd whether the limit is the stream's known length (reading past it is a
   *     truncation) rather than a cap on a stream of unknown length
   */
  PickleInput(InputStream in, long limit, boolean limitIsEnd) {
    this.in = in;
    this.limit = limit;
    this.limitIsEnd = limitIsEnd;
  }

  /** Bytes consumed so far. */
  long position() {
    return position;
  }

  /** The next byte (0-255), or -1 at the end of the stream. */
  int readOpcode() throws IOException {
    if (limitIsEnd && position >= limit) {
      return -1;
    }
    checkLimit(1);
    int b = in.read();
    if (b >= 0) {
      position++;
    }
    return b;
  }

  int readUnsignedByte() throws IOException {
    checkLimit(1);
    int b = in.read();
    if (b < 0) {
      throw truncated();
    }
    position++;
    return b;
  }

  /** Little-endian unsigned integer of {@code n} bytes (n at most 8). */
  long readLittleEndian(int n) throws IOException {
    byte[] b = readExactly(n);
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  int readInt32() throws IOException {
    return (int) readLittleEndian(4);
  }

  double readBigEndianDouble() throws IOException {
    byte[] b = readExactly(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return Double.longBitsToDouble(v);
  }

  /** Exactly n bytes (n is small and checked by the caller). */
  byte[] readExactly(int n) throws IOException {
    checkLimit(n);
    byte[] b = in.readNBytes(n);
    position += b.length;
    if (b.length < n) {
      throw truncated();
    }
    return b;
  }

  /**
   * A payload of a declared length: the first {@link #MAX_KEPT_BYTES} are returned, the rest is
   * skipped. A negative or impossible length is a truncation.
   */
  byte[] readPayload(long length) throws IOException {
    if (length < 0) {
      throw new MalformedPickleException("negative length " + length + " at byte " + position);
    }
    int kept = (int) Math.min(length, MAX_KEPT_BYTES);
    byte[] b = readExactly(kept);
    skip(length - kept);
    return b;
  }

  /** Skips n bytes; fewer available is a truncation. */
  void skip(long n) throws IOException {
    if (n <= 0) {
      return;
    }
    checkLimit(n);
    try {
      in.skipNBytes(n);
      position += n;
    } catch (EOFException e) {
      throw truncated();
    }
  }

  /** A text line (protocol 0 arguments) without its newline; only the first bytes are kept. */
  String readLine() throws IOException {
    byte[] buf = new byte[256];
    int n = 0;
    while (true) {
      checkLimit(1);
      int b = in.read();
      if (b < 0) {
        throw truncated();
      }
      position++;
      if (b == '\n') {
        break;
      }
      if (n < MAX_KEPT_BYTES) {
        if (n == buf.length) {
          buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_KEPT_BYTES));
        }
        buf[n++] = (byte) b;
      }
    }
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  private void checkLimit(long n) throws IOException {
    if (n > limit - position) {
      if (limitIsEnd) {
        throw new TruncatedPickleException(
            "at byte " + position + " the pickle needs " + n + " more bytes, but the stream has " + (limit - position));
      }
      throw new ScanLimitException("scan stopped at the read limit of " + limit + " bytes");
    }
  }

  TruncatedPickleException truncated() {
    return new TruncatedPickleException("the stream ends at byte " + position + " inside the pickle");
  }
}
