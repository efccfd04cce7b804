package io.mlindex.parsers.data.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Writes the Thrift compact protocol, to build Parquet footers in tests. */
final class ThriftCompactWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Deque<Integer> lastIds = new ArrayDeque<>();
  private int lastId;

  ThriftCompactWriter field(int id, int type) {
    int delta = id - lastId;
    if (delta > 0 && delta <= 15) {
      out.write(delta << 4 | type);
    } else {
      out.write(type);
      varint(zigzag(id));
    }
    lastId = id;
    return this;
  }

  ThriftCompactWriter i32(int id, int v) {
    field(id, ThriftCompactReader.I32);
    varint(zigzag(v));
    return this;
  }

  ThriftCompactWriter i64(int id, long v) {
    field(id, ThriftCompactReader.I64);
    varint(zigzag(v));
    return this;
  }

  ThriftCompactWriter string(int id, String s) {
    field(id, ThriftCompactReader.BINARY);
    return rawString(s);
  }

  ThriftCompactWriter rawString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    varint(b.length);
    out.writeBytes(b);
    return this;
  }

  /** A list field header; the elements follow. */
  ThriftCompactWriter list(int id, int elementType, int size) {
    field(id, ThriftCompactReader.LIST);
    return listHeader(elementType, size);
  }

  ThriftCompactWriter listHeader(int elementType, int size) {
    if (size < 15) {
      out.write(size << 4 | elementType);
    } else {
      out.write(0xF0 | elementType);
      varint(size);
    }
    return this;
  }

  /** A struct field; end it with {@link #end()}. */
  ThriftCompactWriter struct(int id) {
    field(id, ThriftCompactReader.STRUCT);
    return begin();
  }

  /** Starts a struct that is a list element. */
  ThriftCompactWriter begin() {
    lastIds.push(lastId);
    lastId = 0;
    return this;
  }

  ThriftCompactWriter end() {
    out.write(0);
    lastId = lastIds.isEmpty() ? 0 : lastIds.pop();
    return this;
  }

  ThriftCompactWriter raw(int b) {
    out.write(b);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  private void varint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long zigzag(long n) {
    return (n << 1) ^ (n >> 63);
  }
}
