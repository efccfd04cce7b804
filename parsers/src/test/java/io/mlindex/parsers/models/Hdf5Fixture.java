package io.mlindex.parsers.models;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small HDF5 files for tests, byte by byte after the format specification: superblock
 * version 0, version 1 object headers, attributes (fixed and variable-length strings, integers),
 * groups (symbol table or link messages) and float32 datasets (shapes only, no data).
 */
public final class Hdf5Fixture {
  private static final long UNDEFINED = -1L;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final int userBlock;
  private final Map<String, Object> pendingAttrs = new LinkedHashMap<>();

  /** A variable-length string attribute value (stored in the global heap). */
  public record VarString(String value) {}

  public Hdf5Fixture() {
    this(0);
  }

  /** With a user block of this many bytes before the superblock (0, 512, 1024 ...). */
  public Hdf5Fixture(int userBlock) {
    this.userBlock = userBlock;
    out.writeBytes(new byte[userBlock + 96]); // the superblock is written by finish()
  }

  private long here() {
    return out.size() - userBlock;
  }

  private void align() {
    while (out.size() % 8 != 0) {
      out.write(0);
    }
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Where the next object without attributes will be written. */
  public long nextAddress() {
    return (out.size() + 7) / 8 * 8 - userBlock;
  }

  /** Sets attributes for the next object written. */
  public Hdf5Fixture attr(String name, Object value) {
    pendingAttrs.put(name, value);
    return this;
  }

  /** A float32 dataset of this shape; its address. */
  public long dataset(long... dims) {
    List<byte[]> messages = new ArrayList<>();
    messages.add(message(0x01, dataspace(dims)));
    messages.add(message(0x03, float32()));
    ByteBuffer layout = le(18).put((byte) 3).put((byte) 1).putLong(UNDEFINED).putLong(0);
    messages.add(message(0x08, layout.array()));
    return objectHeader(messages);
  }

  /** A new-style group whose members are link messages; its address. */
  public long linkGroup(Map<String, Long> members) {
    List<byte[]> messages = new ArrayList<>();
    members.forEach((name, address) -> {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = le(3 + n.length + 8).put((byte) 1).put((byte) 0).put((byte) n.length).put(n).putLong(address);
      messages.add(message(0x06, b.array()));
    });
    return objectHeader(messages);
  }

  /** An old-style group (symbol table, B-tree, symbol node, local heap); its address. */
  public long symbolTableGroup(Map<String, Long> members) {
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    names.writeBytes(new byte[8]); // offset 0: the empty name
    List<long[]> entries = new ArrayList<>();
    members.forEach((name, address) -> {
      entries.add(new long[] {names.size(), address});
      names.writeBytes(name.getBytes(StandardCharsets.UTF_8));
      do {
        names.write(0);
      } while (names.size() % 8 != 0);
    });
    align();
    long data = here();
    out.writeBytes(names.toByteArray());
    long heap = here();
    out.writeBytes(le(32).put("HEAP".getBytes(StandardCharsets.US_ASCII)).putInt(0)
        .putLong(names.size()).putLong(UNDEFINED).putLong(data).array());
    long snod = here();
    ByteBuffer node = le(8 + 40 * entries.size()).put("SNOD".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1).put((byte) 0).putShort((short) entries.size());
    for (long[] e : entries) {
      node.putLong(e[0]).putLong(e[1]).putInt(0).putInt(0).put(new byte[16]);
    }
    out.writeBytes(node.array());
    long tree = here();
    long lastKey = entries.isEmpty() ? 0 : entries.get(entries.size() - 1)[0];
    out.writeBytes(le(8 + 16 + 24).put("TREE".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0)
        .putShort((short) 1).putLong(UNDEFINED).putLong(UNDEFINED).putLong(0).putLong(snod).putLong(lastKey).array());
    return objectHeader(List.of(message(0x11, le(16).putLong(tree).putLong(heap).array())));
  }

  /** The file, with its root group at {@code root}. */
  public byte[] finish(long root) {
    byte[] bytes = out.toByteArray();
    ByteBuffer sb = ByteBuffer.wrap(bytes, userBlock, 96).order(ByteOrder.LITTLE_ENDIAN);
    sb.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'});
    sb.put(new byte[] {0, 0, 0, 0, 0, 8, 8, 0}).putShort((short) 4).putShort((short) 16).putInt(0);
    sb.putLong(userBlock).putLong(UNDEFINED).putLong(bytes.length - userBlock).putLong(UNDEFINED);
    sb.putLong(0).putLong(root).putInt(0).putInt(0).put(new byte[16]);
    return bytes;
  }

  private long objectHeader(List<byte[]> messages) {
    List<byte[]> all = new ArrayList<>(messages);
    pendingAttrs.forEach((name, value) -> all.add(message(0x0C, attribute(name, value))));
    pendingAttrs.clear();
    int size = all.stream().mapToInt(m -> m.length).sum();
    align();
    long address = here();
    out.writeBytes(le(16).put((byte) 1).put((byte) 0).putShort((short) all.size()).putInt(1).putInt(size).putInt(0).array());
    all.forEach(out::writeBytes);
    return address;
  }

  private static byte[] message(int type, byte[] data) {
    int padded = (data.length + 7) / 8 * 8;
    return le(8 + padded).putShort((short) type).putShort((short) padded).put((byte) 0).put(new byte[3]).put(data).array();
  }

  private static byte[] pad8(byte[] b) {
    return java.util.Arrays.copyOf(b, (b.length + 7) / 8 * 8);
  }

  private byte[] attribute(String name, Object value) {
    byte[] type;
    byte[] space;
    byte[] data;
    if (value instanceof String s) {
      byte[] text = s.getBytes(StandardCharsets.UTF_8);
      type = le(8).put((byte) 0x13).put((byte) 0).putShort((short) 0).putInt(text.length).array();
      space = dataspace();
      data = text;
    } else if (value instanceof VarString v) {
      byte[] text = v.value().getBytes(StandardCharsets.UTF_8);
      long heap = globalHeap(text);
      type = le(20).put((byte) 0x19).put((byte) 0x01).put((byte) 0x01).put((byte) 0).putInt(16)
          .put((byte) 0x10).put(new byte[3]).putInt(1).putShort((short) 0).putShort((short) 8).array();
      space = dataspace();
      data = le(16).putInt(text.length).putLong(heap).putInt(1).array();
    } else if (value instanceof List<?> list) {
      int width = list.stream().mapToInt(o -> o.toString().length()).max().orElse(1);
      type = le(8).put((byte) 0x13).put((byte) 0).putShort((short) 0).putInt(width).array();
      space = dataspace(list.size());
      ByteBuffer b = le(width * list.size());
      list.forEach(o -> b.put(java.util.Arrays.copyOf(o.toString().getBytes(StandardCharsets.UTF_8), width)));
      data = b.array();
    } else {
      type = le(12).put((byte) 0x10).put((byte) 0x08).putShort((short) 0).putInt(8).putShort((short) 0).putShort((short) 64).array();
      space = dataspace();
      data = le(8).putLong(((Number) value).longValue()).array();
    }
    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = le(8 + pad8(n).length + pad8(type).length + pad8(space).length + data.length);
    b.put((byte) 1).put((byte) 0).putShort((short) n.length).putShort((short) type.length).putShort((short) space.length);
    b.put(pad8(n)).put(pad8(type)).put(pad8(space)).put(data);
    return b.array();
  }

  private long globalHeap(byte[] object) {
    align();
    long address = here();
    int padded = (object.length + 7) / 8 * 8;
    int size = 16 + 16 + padded + 16;
    out.writeBytes(le(16).put("GCOL".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]).putLong(size).array());
    out.writeBytes(le(16).putShort((short) 1).putShort((short) 1).putInt(0).putLong(object.length).array());
    out.writeBytes(pad8(object));
    out.writeBytes(le(16).putShort((short) 0).putShort((short) 0).putInt(0).putLong(0).array());
    return address;
  }

  private static byte[] dataspace(long... dims) {
    ByteBuffer b = le(8 + 8 * dims.length).put((byte) 1).put((byte) dims.length).put((byte) 0).put((byte) 0).putInt(0);
    for (long d : dims) {
      b.putLong(d);
    }
    return b.array();
  }

  private static byte[] float32() {
    return le(20).put((byte) 0x11).put((byte) 0x20).put((byte) 31).put((byte) 0).putInt(4)
        .putShort((short) 0).putShort((short) 32).put((byte) 23).put((byte) 8).put((byte) 0).put((byte) 23).putInt(127).array();
  }
}
