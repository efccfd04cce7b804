package io.mlindex.parsers.data.parquet;

import io.mlindex.parsers.util.MalformedFileException;
import java.nio.charset.StandardCharsets;

/**
 * A bounded reader of the Thrift compact protocol over a byte array, enough to walk Parquet's
 * {@code FileMetaData}. Every length is checked against the bytes that remain and nesting depth is
 * bounded, so a corrupt footer ends in a {@link MalformedFileException}, never a huge allocation or
 * a stack overflow.
 *
 * <p>Usage: {@link #beginStruct()}, then {@link #nextField()} until it returns false, reading
 * or {@link #skip skipping} each field by {@link #fieldType()}, then {@link #endStruct()}.
 */
final class ThriftCompactReader {
  static final int STOP = 0;
  static final int BOOLEAN_TRUE = 1;
  static final int BOOLEAN_FALSE = 2;
  static final int BYTE = 3;
  static final int I16 = 4;
  static final int I32 = 5;
  static final int I64 = 6;
  static final int DOUBLE = 7;
  static final int BINARY = 8;
  static final int LIST = 9;
  static final int SET = 10;
  static final int MAP = 11;
  static final int STRUCT = 12;
  static final int UUID = 13;

  private static final int MAX_DEPTH = 64;

  private final byte[] bytes;
  private int pos;
  private final short[] lastFieldIds = new short[MAX_DEPTH + 1];
  private int depth;
  private int skipDepth;
  private int fieldType;
  private short fieldId;

  ThriftCompactReader(byte[] bytes) {
    this.bytes = bytes;
  }

  void beginStruct() throws MalformedFileException {
    if (depth == MAX_DEPTH) {
      throw new MalformedFileException("Thrift structures nested deeper than " + MAX_DEPTH + " at byte " + pos);
    }
    lastFieldIds[++depth] = 0;
  }

  void endStruct() {
    depth--;
  }

  /** Reads the next field header of the current struct; false at its end (STOP). */
  boolean nextField() throws MalformedFileException {
    int header = readByte() & 0xFF;
    int type = header & 0x0F;
    if (type == STOP) {
      return false;
    }
    int delta = header >>> 4;
    fieldId = delta == 0 ? (short) zigzag(readVarint(5)) : (short) (lastFieldIds[depth] + delta);
    lastFieldIds[depth] = fieldId;
    fieldType = type;
    return true;
  }

  short fieldId() {
    return fieldId;
  }

  int fieldType() {
    return fieldType;
  }

  /** A boolean field's value, which the compact protocol keeps in the field header. */
  boolean fieldBoolean() {
    return fieldType == BOOLEAN_TRUE;
  }

  int readI32() throws MalformedFileException {
    return (int) zigzag(readVarint(5));
  }

  long readI64() throws MalformedFileException {
    return zigzag(readVarint(10));
  }

  /** A binary or string value as UTF-8 text. */
  String readString() throws MalformedFileException {
    int n = readLength();
    String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /** The header of a list or set: its element type and size (bounded by the bytes left). */
  int[] readListHeader() throws MalformedFileException {
    int header = readByte() & 0xFF;
    int size = header >>> 4;
    if (size == 15) {
      size = checkedCount(readVarint(5));
    }
    return new int[] {header & 0x0F, size};
  }

  /** Skips a value of the given type (nesting bounded). */
  void skip(int type) throws MalformedFileException {
    if (++skipDepth > MAX_DEPTH) {
      throw new MalformedFileException("Thrift values nested deeper than " + MAX_DEPTH + " at byte " + pos);
    }
    try {
      skipValue(type);
    } finally {
      skipDepth--;
    }
  }

  private void skipValue(int type) throws MalformedFileException {
    switch (type) {
      case BOOLEAN_TRUE, BOOLEAN_FALSE -> { }
      case BYTE -> readByte();
      case I16, I32, I64 -> readVarint(10);
      case DOUBLE -> advance(8);
      case UUID -> advance(16);
      case BINARY -> advance(readLength());
      case LIST, SET -> {
        int[] h = readListHeader();
        for (int i = 0; i < h[1]; i++) {
          skipElement(h[0]);
        }
      }
      case MAP -> {
        int size = checkedCount(readVarint(5));
        if (size > 0) {
          int types = readByte() & 0xFF;
          for (int i = 0; i < size; i++) {
            skipElement(types >>> 4);
            skipElement(types & 0x0F);
          }
        }
      }
      case STRUCT -> {
        beginStruct();
        while (nextField()) {
          skip(fieldType);
        }
        endStruct();
      }
      default -> throw new MalformedFileException("unknown Thrift type " + type + " at byte " + pos);
    }
  }

  /** Inside lists, sets and maps a boolean takes one byte instead of living in a field header. */
  private void skipElement(int type) throws MalformedFileException {
    if (type == BOOLEAN_TRUE || type == BOOLEAN_FALSE) {
      readByte();
    } else {
      skip(type);
    }
  }

  private byte readByte() throws MalformedFileException {
    if (pos >= bytes.length) {
      throw new MalformedFileException("the footer ends early, at byte " + pos);
    }
    return bytes[pos++];
  }

  private void advance(int n) throws MalformedFileException {
    if (n < 0 || n > bytes.length - pos) {
      throw new MalformedFileException("a value of " + n + " bytes runs past the footer end at byte " + pos);
    }
    pos += n;
  }

  private int readLength() throws MalformedFileException {
    long n = readVarint(5);
    if (n > bytes.length - pos) {
      throw new MalformedFileException("a string of " + n + " bytes runs past the footer end at byte " + pos);
    }
    return (int) n;
  }

  /** Every element takes at least one byte, so a count above the bytes left is corrupt. */
  private int checkedCount(long n) throws MalformedFileException {
    if (n < 0 || n > bytes.length - pos) {
      throw new MalformedFileException("a collection of " + n + " elements cannot fit in the footer (byte " + pos + ")");
    }
    return (int) n;
  }

  private long readVarint(int maxBytes) throws MalformedFileException {
    long v = 0;
    for (int i = 0; i < maxBytes; i++) {
      int b = readByte() & 0xFF;
      v |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new MalformedFileException("a variable-length integer is too long at byte " + pos);
  }

  private static long zigzag(long n) {
    return (n >>> 1) ^ -(n & 1);
  }

  int position() {
    return pos;
  }
}
