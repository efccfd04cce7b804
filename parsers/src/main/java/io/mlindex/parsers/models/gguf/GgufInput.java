package io.mlindex.parsers.models.gguf;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Buffered little- (or big-) endian reads over a file channel, where every length taken from the
 * file is checked against what is left of the file before anything is read or skipped.
 */
final class GgufInput implements Closeable {
  private static final int BUFFER = 64 * 1024;

  private final SeekableByteChannel channel;
  private final long size;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
  private long bufferStart;

  GgufInput(SeekableByteChannel channel) throws IOException {
    this.channel = channel;
    this.size = channel.size();
    buffer.limit(0);
    buffer.order(ByteOrder.LITTLE_ENDIAN);
  }

  void order(ByteOrder order) {
    buffer.order(order);
  }

  long size() {
    return size;
  }

  long position() {
    return bufferStart + buffer.position();
  }

  long remaining() {
    return size - position();
  }

  private void need(int n) throws IOException {
    if (buffer.remaining() >= n) {
      return;
    }
    if (remaining() < n) {
      throw new EOFException("the file ends at byte " + size + ", inside a value at byte " + position());
    }
    long at = position();
    channel.position(at);
    buffer.clear();
    while (buffer.position() < n) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("the file ends at byte " + channel.position());
      }
    }
    buffer.flip();
    bufferStart = at;
  }

  int u8() throws IOException {
    need(1);
    return buffer.get() & 0xFF;
  }

  int i8() throws IOException {
    need(1);
    return buffer.get();
  }

  int u16() throws IOException {
    need(2);
    return buffer.getShort() & 0xFFFF;
  }

  int i16() throws IOException {
    need(2);
    return buffer.getShort();
  }

  long u32() throws IOException {
    need(4);
    return buffer.getInt() & 0xFFFFFFFFL;
  }

  int i32() throws IOException {
    need(4);
    return buffer.getInt();
  }

  /** A 64-bit value; as a count or length it is unsigned, and a negative long means "huge". */
  long u64() throws IOException {
    need(8);
    return buffer.getLong();
  }

  float f32() throws IOException {
    need(4);
    return buffer.getFloat();
  }

  double f64() throws IOException {
    need(8);
    return buffer.getDouble();
  }

  /** Checks that {@code n} more bytes exist; a negative {@code n} is an unsigned 64-bit count, so never. */
  void require(long n, String what) throws IOException {
    if (n < 0 || n > remaining()) {
      throw new EOFException(what + " claims " + Long.toUnsignedString(n) + " bytes at byte " + position()
          + ", but only " + remaining() + " are left in the file");
    }
  }

  void skip(long n) throws IOException {
    require(n, "a value");
    if (n <= buffer.remaining()) {
      buffer.position(buffer.position() + (int) n);
    } else {
      long target = position() + n;
      buffer.limit(0);
      buffer.position(0);
      bufferStart = target;
    }
  }

  /** Text of {@code length} bytes, of which at most {@code max} are read (the rest skipped). */
  String text(long length, int max) throws IOException {
    require(length, "a string");
    int keep = (int) Math.min(length, max);
    byte[] bytes = new byte[keep];
    int done = 0;
    while (done < keep) {
      need(Math.min(BUFFER, keep - done));
      int n = Math.min(buffer.remaining(), keep - done);
      buffer.get(bytes, done, n);
      done += n;
    }
    skip(length - keep);
    String s = new String(bytes, StandardCharsets.UTF_8);
    return keep < length ? s + "…" : s;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
