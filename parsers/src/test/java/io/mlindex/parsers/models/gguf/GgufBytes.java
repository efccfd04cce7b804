package io.mlindex.parsers.models.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes GGUF fixtures (version 2/3 layout unless told otherwise), little-endian by default. */
final class GgufBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteOrder order;
  private final int version;

  GgufBytes(int version, long tensors, long kvs) {
    this(version, tensors, kvs, ByteOrder.LITTLE_ENDIAN);
  }

  GgufBytes(int version, long tensors, long kvs, ByteOrder order) {
    this.order = order;
    this.version = version;
    out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    u32(version);
    count(tensors);
    count(kvs);
  }

  private ByteBuffer buf(int n) {
    return ByteBuffer.allocate(n).order(order);
  }

  GgufBytes u8(int v) {
    out.write(v);
    return this;
  }

  GgufBytes u32(long v) {
    out.writeBytes(buf(4).putInt((int) v).array());
    return this;
  }

  GgufBytes u64(long v) {
    out.writeBytes(buf(8).putLong(v).array());
    return this;
  }

  GgufBytes f32(float v) {
    out.writeBytes(buf(4).putFloat(v).array());
    return this;
  }

  GgufBytes f64(double v) {
    out.writeBytes(buf(8).putDouble(v).array());
    return this;
  }

  GgufBytes count(long v) {
    return version == 1 ? u32(v) : u64(v);
  }

  GgufBytes string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    count(b.length);
    out.writeBytes(b);
    return this;
  }

  /** A key and its value type; write the value next. */
  GgufBytes key(String key, int type) {
    return string(key).u32(type);
  }

  GgufBytes kv(String key, String value) {
    return key(key, 8).string(value);
  }

  GgufBytes kvU32(String key, long value) {
    return key(key, 4).u32(value);
  }

  GgufBytes tensor(String name, int type, long offset, long... dims) {
    string(name).u32(dims.length);
    for (long d : dims) {
      if (version == 1) {
        u32(d);
      } else {
        u64(d);
      }
    }
    return u32(type).u64(offset);
  }

  GgufBytes pad(int alignment) {
    while (out.size() % alignment != 0) {
      out.write(0);
    }
    return this;
  }

  GgufBytes zeros(int n) {
    out.writeBytes(new byte[n]);
    return this;
  }

  byte[] build() {
    return out.toByteArray();
  }
}
