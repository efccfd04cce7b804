package io.mlindex.parsers.tensorboard;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * What one {@code TensorProto} holds, as far as indexing needs it: its dtype, rank, element count
 * and its first element as a double (the value of a scalar summary). Reused from value to value.
 */
final class TensorValue {
  static final int DT_FLOAT = 1;
  static final int DT_DOUBLE = 2;
  static final int DT_INT32 = 3;
  static final int DT_STRING = 7;
  static final int DT_INT64 = 9;
  static final int DT_BFLOAT16 = 14;
  static final int DT_HALF = 19;

  private static final String[] DTYPE_NAMES = {
    "invalid", "float", "double", "int32", "uint8", "int16", "int8", "string", "complex64", "int64",
    "bool", "qint8", "quint8", "qint32", "bfloat16", "qint16", "quint16", "uint16", "complex128",
    "half", "resource", "variant", "uint32", "uint64"
  };

  int dtype;
  int rank;
  /** Elements by the shape; a tensor without a shape is a scalar (proto3 default). */
  long elements;
  double first;
  boolean hasFirst;

  void reset() {
    dtype = 0;
    rank = 0;
    elements = 1;
    first = Double.NaN;
    hasFirst = false;
  }

  /** Whether it holds one floating-point number: the TF2 encoding of a scalar summary. */
  boolean isFloatScalar() {
    return hasFirst && elements == 1 && isFloating(dtype);
  }

  static boolean isFloating(int dtype) {
    return dtype == DT_FLOAT || dtype == DT_DOUBLE || dtype == DT_HALF || dtype == DT_BFLOAT16;
  }

  /** The dtype's short name as TensorFlow spells it ({@code float}, {@code double}, {@code half}). */
  static String dtypeName(int dtype) {
    return dtype >= 0 && dtype < DTYPE_NAMES.length ? DTYPE_NAMES[dtype] : "dtype" + dtype;
  }

  /** Reads a TensorProto whose bytes the stream is limited to. */
  void read(CodedInputStream in) throws IOException {
    reset();
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      int wire = WireFormat.getTagWireType(tag);
      switch (field) {
        case 1 -> {
          if (wire != WireFormat.WIRETYPE_VARINT) {
            in.skipField(tag);
          } else {
            dtype = in.readEnum();
          }
        }
        case 2 -> readShape(in, wire, tag);
        case 4 -> readContent(in, wire, tag);
        case 5 -> readRepeated(in, wire, tag, WireFormat.WIRETYPE_FIXED32, DT_FLOAT);
        case 6 -> readRepeated(in, wire, tag, WireFormat.WIRETYPE_FIXED64, DT_DOUBLE);
        case 13 -> readRepeated(in, wire, tag, WireFormat.WIRETYPE_VARINT, DT_HALF);
        default -> in.skipField(tag);
      }
    }
  }

  private void readShape(CodedInputStream in, int wire, int tag) throws IOException {
    if (wire != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      in.skipField(tag);
      return;
    }
    int limit = in.pushLimit(in.readRawVarint32());
    rank = 0;
    elements = 1;
    int t;
    while ((t = in.readTag()) != 0) {
      if (t == Wire.tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        int dimLimit = in.pushLimit(in.readRawVarint32());
        long size = 0;
        int dt;
        while ((dt = in.readTag()) != 0) {
          if (dt == Wire.tag(1, WireFormat.WIRETYPE_VARINT)) {
            size = in.readInt64();
          } else {
            in.skipField(dt);
          }
        }
        in.popLimit(dimLimit);
        rank++;
        elements = size <= 0 ? 0 : multiplyCapped(elements, size);
      } else {
        in.skipField(t);
      }
    }
    in.popLimit(limit);
  }

  private static long multiplyCapped(long a, long b) {
    long r = a * b;
    return (a != 0 && r / a != b) || r < 0 ? Long.MAX_VALUE : r;
  }

  private void readContent(CodedInputStream in, int wire, int tag) throws IOException {
    if (wire != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      in.skipField(tag);
      return;
    }
    int len = in.readRawVarint32();
    int width = switch (dtype) {
      case DT_FLOAT -> 4;
      case DT_DOUBLE -> 8;
      case DT_HALF, DT_BFLOAT16 -> 2;
      default -> 0;
    };
    if (hasFirst || width == 0 || len < width) {
      in.skipRawBytes(len);
      return;
    }
    byte[] b = in.readRawBytes(width);
    in.skipRawBytes(len - width);
    first = switch (dtype) {
      case DT_FLOAT -> Float.intBitsToFloat(TfRecordReader.littleEndianInt(b, 0));
      case DT_DOUBLE -> Double.longBitsToDouble(TfRecordReader.littleEndianLong(b, 0));
      case DT_HALF -> halfToFloat((b[0] & 0xff) | (b[1] & 0xff) << 8);
      default -> Float.intBitsToFloat(((b[0] & 0xff) | (b[1] & 0xff) << 8) << 16);
    };
    hasFirst = true;
  }

  /** float_val / double_val / half_val, packed (the usual) or not. */
  private void readRepeated(CodedInputStream in, int wire, int tag, int elementWire, int kind) throws IOException {
    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      int limit = in.pushLimit(in.readRawVarint32());
      int bytes = in.getBytesUntilLimit();
      if (!hasFirst && bytes > 0) {
        readElement(in, kind);
      }
      in.skipRawBytes(in.getBytesUntilLimit()); // only the first value of a series matters
      in.popLimit(limit);
    } else if (wire == elementWire) {
      readElement(in, kind);
    } else {
      in.skipField(tag);
    }
  }

  private void readElement(CodedInputStream in, int kind) throws IOException {
    double v = switch (kind) {
      case DT_FLOAT -> in.readFloat();
      case DT_DOUBLE -> in.readDouble();
      default -> dtype == DT_BFLOAT16
          ? Float.intBitsToFloat((in.readInt32() & 0xffff) << 16)
          : halfToFloat(in.readInt32() & 0xffff);
    };
    if (!hasFirst) {
      first = v;
      hasFirst = true;
    }
  }

  /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      float value = mantissa / 1024f / 16384f; // subnormal: mantissa * 2^-24
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | (exponent + 112) << 23 | (mantissa << 13));
  }
}
