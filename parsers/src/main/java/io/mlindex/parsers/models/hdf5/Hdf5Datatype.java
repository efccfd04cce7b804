package io.mlindex.parsers.models.hdf5;

import io.mlindex.parsers.util.MalformedFileException;

/**
 * An HDF5 datatype message (section IV.A.2.d): class, bit fields and element size, with the base
 * type of a variable-length type.
 *
 * @param typeClass 0 fixed-point, 1 floating-point, 3 string, 9 variable-length, ...
 * @param bits the 24 class bit fields
 * @param size bytes per element
 * @param base the element type of a variable-length type, else null
 */
record Hdf5Datatype(int typeClass, int bits, long size, Hdf5Datatype base) {
  static final int FIXED_POINT = 0;
  static final int FLOATING_POINT = 1;
  static final int STRING = 3;
  static final int VARIABLE_LENGTH = 9;

  static Hdf5Datatype parse(byte[] data) throws MalformedFileException {
    return parse(new Hdf5Cursor(data), 0);
  }

  private static Hdf5Datatype parse(Hdf5Cursor c, int depth) throws MalformedFileException {
    if (depth > 4) {
      throw new MalformedFileException("HDF5 datatype nested too deeply");
    }
    int classAndVersion = c.u8();
    int bits = c.u8() | c.u8() << 8 | c.u8() << 16;
    long size = c.u32();
    int typeClass = classAndVersion & 0x0F;
    Hdf5Datatype base = null;
    if (typeClass == VARIABLE_LENGTH) {
      base = parse(c, depth + 1);
    }
    return new Hdf5Datatype(typeClass, bits, size, base);
  }

  boolean bigEndian() {
    return (bits & 0x01) != 0;
  }

  boolean signed() {
    return (bits & 0x08) != 0;
  }

  /** For a variable-length type: whether it is a string rather than a sequence. */
  boolean isVariableString() {
    return typeClass == VARIABLE_LENGTH && (bits & 0x0F) == 1;
  }

  /** For a fixed-length string: whether it is padded with spaces (else with NULs). */
  boolean spacePadded() {
    return (bits & 0x0F) == 2;
  }

  /** A short name such as {@code float32}, {@code int64}, {@code string}. */
  String name() {
    return switch (typeClass) {
      case FIXED_POINT -> (signed() ? "int" : "uint") + size * 8;
      case FLOATING_POINT -> "float" + size * 8;
      case STRING -> "string";
      case 2 -> "time";
      case 4 -> "bitfield";
      case 5 -> "opaque";
      case 6 -> "compound";
      case 7 -> "reference";
      case 8 -> "enum";
      case VARIABLE_LENGTH -> isVariableString() ? "string" : "vlen";
      case 10 -> "array";
      default -> "class" + typeClass;
    };
  }
}
