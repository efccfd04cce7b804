package io.mlindex.parsers.models.hdf5;

import io.mlindex.parsers.util.MalformedFileException;
import java.nio.charset.StandardCharsets;

/** Little-endian reads over a block of HDF5 bytes; running off the end is a MalformedFileException. */
final class Hdf5Cursor {
  private final byte[] bytes;
  private int pos;
  private final int end;

  Hdf5Cursor(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  Hdf5Cursor(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.pos = start;
    this.end = Math.min(end, bytes.length);
  }

  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  private void need(long n) throws MalformedFileException {
    if (n < 0 || n > end - pos) {
      throw new MalformedFileException("HDF5 structure runs past its block (needs " + n + " bytes, " + (end - pos) + " left)");
    }
  }

  void skip(long n) throws MalformedFileException {
    need(n);
    pos += (int) n;
  }

  /** Moves to the next multiple of 8 from {@code origin}. */
  void align8(int origin) throws MalformedFileException {
    int rel = pos - origin;
    int pad = (8 - (rel & 7)) & 7;
    skip(Math.min(pad, remaining()));
  }

  int u8() throws MalformedFileException {
    need(1);
    return bytes[pos++] & 0xFF;
  }

  int u16() throws MalformedFileException {
    return (int) unsigned(2);
  }

  long u32() throws MalformedFileException {
    return unsigned(4);
  }

  /** An unsigned little-endian number of 1 to 8 bytes (8-byte values above Long.MAX_VALUE come out negative). */
  long unsigned(int size) throws MalformedFileException {
    if (size < 1 || size > 8) {
      throw new MalformedFileException("HDF5 field size " + size + " is not 1 to 8 bytes");
    }
    need(size);
    long v = 0;
    for (int i = 0; i < size; i++) {
      v |= (bytes[pos + i] & 0xFFL) << (8 * i);
    }
    pos += size;
    return v;
  }

  /** A signed little-endian number of 1, 2, 4 or 8 bytes. */
  long signed(int size) throws MalformedFileException {
    long v = unsigned(size);
    int shift = 64 - 8 * size;
    return (v << shift) >> shift;
  }

  byte[] bytes(int n) throws MalformedFileException {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(bytes, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** Text of {@code n} bytes, ending at the first NUL. */
  String text(int n) throws MalformedFileException {
    need(n);
    int stop = pos;
    while (stop < pos + n && bytes[stop] != 0) {
      stop++;
    }
    String s = new String(bytes, pos, stop - pos, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /** Whether the next bytes are this ASCII signature (consumed when they are). */
  boolean signature(String sig) throws MalformedFileException {
    need(sig.length());
    for (int i = 0; i < sig.length(); i++) {
      if (bytes[pos + i] != sig.charAt(i)) {
        return false;
      }
    }
    pos += sig.length();
    return true;
  }
}
