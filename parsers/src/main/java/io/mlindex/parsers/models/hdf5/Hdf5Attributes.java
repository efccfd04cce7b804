package io.mlindex.parsers.models.hdf5;

import io.mlindex.parsers.util.MalformedFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the attributes of an HDF5 object (attribute message, section IV.A.2.m, versions 1 to 3)
 * whose values are strings (fixed or variable length, the latter from the global heap), integers
 * or floats; other types come out as null. Attributes kept in dense storage (a fractal heap) are
 * not read: {@link #denseStorage} says when an object has them.
 */
public final class Hdf5Attributes {
  private static final int MAX_ELEMENTS = 100_000;
  private static final int MAX_PROBLEMS = 10;

  private final Hdf5File file;
  private final long maxValueBytes;
  private final Map<Long, byte[]> heaps = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  /** {@code maxValueBytes} bounds one attribute's value (and one global heap collection). */
  public Hdf5Attributes(Hdf5File file, long maxValueBytes) {
    this.file = file;
    this.maxValueBytes = maxValueBytes;
  }

  /** Why some attributes could not be read (one line each), for warnings. */
  public List<String> problems() {
    return problems;
  }

  private void problem(String what) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(what);
    }
  }

  /** Whether the object keeps (more) attributes in dense storage, which is not read here. */
  public boolean denseStorage(List<Hdf5File.Message> messages) throws MalformedFileException {
    for (Hdf5File.Message m : messages) {
      if (m.type() == Hdf5File.ATTRIBUTE_INFO) {
        Hdf5Cursor c = new Hdf5Cursor(m.data());
        c.u8();
        int flags = c.u8();
        c.skip((flags & 0x01) != 0 ? 2 : 0);
        if (file.offset(c) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The object's attributes by name, in header order. */
  public Map<String, Object> of(List<Hdf5File.Message> messages) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Hdf5File.Message m : messages) {
      if (m.type() != Hdf5File.ATTRIBUTE) {
        continue;
      }
      try {
        decode(m.data(), out);
      } catch (MalformedFileException e) {
        problem(e.getMessage());
      }
    }
    return out;
  }

  private void decode(byte[] data, Map<String, Object> out) throws IOException {
    Hdf5Cursor c = new Hdf5Cursor(data);
    int version = c.u8();
    int flags = c.u8();
    int nameSize = c.u16();
    int typeSize = c.u16();
    int spaceSize = c.u16();
    if (version < 1 || version > 3) {
      throw new MalformedFileException("attribute message version " + version);
    }
    if (version == 3) {
      c.u8(); // name character set
    }
    int pad = version == 1 ? 8 : 1;
    String name = c.text(nameSize);
    c.skip(padding(nameSize, pad));
    byte[] type = c.bytes(typeSize);
    c.skip(padding(typeSize, pad));
    byte[] space = c.bytes(spaceSize);
    c.skip(padding(spaceSize, pad));
    if (version > 1 && (flags & 0x03) != 0) {
      out.put(name, null); // shared datatype or dataspace: not followed
      return;
    }
    Hdf5Datatype t = Hdf5Datatype.parse(type);
    long count = Hdf5Dataspace.parse(space, file.lengthSize()).elements();
    out.put(name, value(c, t, count, name));
  }

  private static int padding(int size, int multiple) {
    return (multiple - size % multiple) % multiple;
  }

  private Object value(Hdf5Cursor c, Hdf5Datatype t, long count, String name) throws IOException {
    if (count < 0 || count > MAX_ELEMENTS) {
      problem("attribute " + name + " has " + count + " elements; not read");
      return null;
    }
    List<Object> values = new ArrayList<>();
    long bytes = 0;
    for (long i = 0; i < count; i++) {
      Object v;
      switch (t.typeClass()) {
        case Hdf5Datatype.STRING -> {
          if (t.size() > maxValueBytes) {
            throw new MalformedFileException("attribute " + name + " has strings of " + t.size() + " bytes");
          }
          String s = c.text((int) t.size());
          v = t.spacePadded() ? s.stripTrailing() : s;
        }
        case Hdf5Datatype.VARIABLE_LENGTH -> {
          if (!t.isVariableString()) {
            return null;
          }
          long length = c.u32();
          long collection = file.offset(c);
          long index = c.u32();
          v = heapString(collection, index, length);
        }
        case Hdf5Datatype.FIXED_POINT -> v = integer(c, t);
        case Hdf5Datatype.FLOATING_POINT -> v = floating(c, t);
        default -> {
          return null;
        }
      }
      bytes += v instanceof String s ? s.length() : 8;
      if (bytes > maxValueBytes) {
        throw new MalformedFileException("attribute " + name + " is larger than " + maxValueBytes + " bytes");
      }
      values.add(v);
    }
    return count == 1 ? values.get(0) : values;
  }

  private static Object integer(Hdf5Cursor c, Hdf5Datatype t) throws MalformedFileException {
    int size = (int) t.size();
    if (size != 1 && size != 2 && size != 4 && size != 8) {
      c.skip(t.size());
      return null;
    }
    long raw = c.unsigned(size);
    if (t.bigEndian()) {
      raw = Long.reverseBytes(raw) >>> (64 - 8 * size);
    }
    if (t.signed()) {
      int shift = 64 - 8 * size;
      return (raw << shift) >> shift;
    }
    return raw;
  }

  private static Object floating(Hdf5Cursor c, Hdf5Datatype t) throws MalformedFileException {
    int size = (int) t.size();
    if (size != 4 && size != 8) {
      c.skip(t.size());
      return null;
    }
    long raw = c.unsigned(size);
    if (t.bigEndian()) {
      raw = Long.reverseBytes(raw) >>> (64 - 8 * size);
    }
    return size == 4 ? (double) Float.intBitsToFloat((int) raw) : Double.longBitsToDouble(raw);
  }

  /** A variable-length string: object {@code index} of the global heap collection at an address. */
  private String heapString(long collection, long index, long length) throws IOException {
    if (collection < 0 || length == 0) {
      return "";
    }
    byte[] heap = heaps.get(collection);
    if (heap == null) {
      Hdf5Cursor h = new Hdf5Cursor(file.readUpTo(collection, 16));
      if (!h.signature("GCOL")) {
        throw new MalformedFileException("no global heap collection at " + collection);
      }
      h.skip(4);
      long size = file.length(h);
      if (size > maxValueBytes + 4096) {
        throw new MalformedFileException("global heap collection of " + size + " bytes at " + collection);
      }
      heap = file.readUpTo(collection, size);
      heaps.put(collection, heap);
    }
    Hdf5Cursor c = new Hdf5Cursor(heap);
    c.skip(8 + file.lengthSize());
    while (c.remaining() >= 8 + file.lengthSize()) {
      int id = c.u16();
      c.skip(6);
      long size = file.length(c);
      if (id == 0 || size > c.remaining()) {
        break;
      }
      byte[] object = c.bytes((int) size);
      c.align8(0);
      if (id == index) {
        int n = (int) Math.min(length, object.length);
        return new String(object, 0, n, StandardCharsets.UTF_8);
      }
    }
    throw new MalformedFileException("global heap object " + index + " not found in collection at " + collection);
  }
}
