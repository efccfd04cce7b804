package io.mlindex.parsers.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** How joblib compressed a dump, told by its first bytes (joblib writes each codec's own magic). */
enum Compression {
  NONE,
  ZLIB,
  GZIP,
  BZ2,
  XZ,
  LZMA,
  LZ4;

  static Compression detect(byte[] h) {
    if (h.length < 4) {
      return NONE;
    }
    int b0 = h[0] & 0xFF;
    int b1 = h[1] & 0xFF;
    if (b0 == 0x1F && b1 == 0x8B) {
      return GZIP;
    }
    if (b0 == 0x78 && ((b0 << 8) | b1) % 31 == 0) {
      return ZLIB; // deflate, 32 KiB window, valid header check (0x78 is no pickle opcode)
    }
    if (b0 == 'B' && b1 == 'Z' && h[2] == 'h') {
      return BZ2;
    }
    if (b0 == 0xFD && b1 == '7' && h[2] == 'z' && h[3] == 'X') {
      return XZ;
    }
    if (b0 == 0x04 && b1 == 0x22 && (h[2] & 0xFF) == 0x4D && h[3] == 0x18) {
      return LZ4;
    }
    if (b0 == 0x5D && b1 == 0 && h[2] == 0) {
      return LZMA;
    }
    return NONE;
  }

  boolean readable() {
    return this == NONE || this == ZLIB || this == GZIP;
  }

  InputStream open(InputStream raw) throws IOException {
    return switch (this) {
      case ZLIB -> new InflaterInputStream(raw);
      case GZIP -> new GZIPInputStream(raw);
      default -> raw;
    };
  }
}
