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
  private final boolean newFormat;
  private boolean continuation;
  private final Map<String, Object> pendingAttrs = new LinkedHashMap<>();

  /** A variable-length string attribute value (stored in the global heap). */
  public record VarString(String value) {}

  public Hdf5Fixture() {
    this(0);
  }

  /** With a user block of this many bytes before the superblock (0, 512, 1024 ...). */
  public Hdf5Fixture(int userBlock) {
    this(userBlock, false);
  }

  /**
   * With {@code newFormat}: superblock version 2, version 2 object headers ("OHDR"), version 3
   * attribute and version 2 dataspace messages, as HDF5 writes with the latest file format.
   */
  public Hdf5Fixture(int userBlock, boolean newFormat) {
    this.userBlock = userBlock;
    this.newFormat = newFormat;
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

  /** Puts the attributes of the next objects in a continuation block of their object header. */
  public Hdf5Fixture attributesInContinuation() {
    continuation = true;
    return this;
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
    List<Msg> messages = new ArrayList<>();
    messages.add(new Msg(0x01, dataspace(dims)));
    messages.add(new Msg(0x03, float32()));
    ByteBuffer layout = le(18).put((byte) 3).put((byte) 1).putLong(UNDEFINED).putLong(0);
    messages.add(new Msg(0x08, layout.array()));
    return objectHeader(messages);
  }

  private record Msg(int type, byte[] data) {}

  /** A new-style group whose members are link messages; its address. */
  public long linkGroup(Map<String, Long> members) {
    return objectHeader(links(members));
  }

  private static List<Msg> links(Map<String, Long> members) {
    List<Msg> messages = new ArrayList<>();
    members.forEach((name, address) -> {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = le(3 + n.length + 8).put((byte) 1).put((byte) 0).put((byte) n.length).put(n).putLong(address);
      messages.add(new Msg(0x06, b.array()));
    });
    return messages;
  }

  /** A new-style group whose attributes are said to be in dense storage (a fractal heap); its address. */
  public long denseAttributeGroup(Map<String, Long> members) {
    List<Msg> messages = links(members);
    messages.add(new Msg(0x15, le(2 + 16).put((byte) 0).put((byte) 0).putLong(0).putLong(UNDEFINED).array()));
    return objectHeader(messages);
  }

  /** Raw bytes in the file (text a scan may find). */
  public Hdf5Fixture raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
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
    return objectHeader(List.of(new Msg(0x11, le(16).putLong(tree).putLong(heap).array())));
  }

  /** The file, with its root group at {@code root}. */
  public byte[] finish(long root) {
    byte[] bytes = out.toByteArray();
    ByteBuffer sb = ByteBuffer.wrap(bytes, userBlock, 96).order(ByteOrder.LITTLE_ENDIAN);
    sb.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'});
    if (newFormat) {
      sb.put(new byte[] {2, 8, 8, 0}).putLong(userBlock).putLong(UNDEFINED).putLong(bytes.length - userBlock).putLong(root);
      return bytes; // the checksum that follows is not verified by readers here
    }
    sb.put(new byte[] {0, 0, 0, 0, 0, 8, 8, 0}).putShort((short) 4).putShort((short) 16).putInt(0);
    sb.putLong(userBlock).putLong(UNDEFINED).putLong(bytes.length - userBlock).putLong(UNDEFINED);
    sb.putLong(0).putLong(root).putInt(0).putInt(0).put(new byte[16]);
    return bytes;
  }

  private long objectHeader(List<Msg> messages) {
    List<Msg> attributes = new ArrayList<>();
    pendingAttrs.forEach((name, value) -> attributes.add(new Msg(0x0C, attribute(name, value))));
    pendingAttrs.clear();
    List<Msg> first = new ArrayList<>(messages);
    boolean split = continuation && !attributes.isEmpty();
    if (split) {
      byte[] encoded = encode(attributes);
      align();
      long block = here();
      if (newFormat) {
        out.writeBytes("OCHK".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(encoded);
        out.writeBytes(new byte[4]);
      } else {
        out.writeBytes(encoded);
      }
      long blockSize = encoded.length + (newFormat ? 8 : 0);
      first.add(new Msg(0x10, le(16).putLong(block).putLong(blockSize).array()));
    } else {
      first.addAll(attributes);
    }
    byte[] encoded = encode(first);
    align();
    long address = here();
    if (newFormat) {
      out.writeBytes("OHDR".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(le(6).put((byte) 2).put((byte) 0x02).putInt(encoded.length).array());
      out.writeBytes(encoded);
      out.writeBytes(new byte[4]);
    } else {
      int count = first.size() + (split ? attributes.size() : 0);
      out.writeBytes(le(16).put((byte) 1).put((byte) 0).putShort((short) count).putInt(1).putInt(encoded.length).putInt(0).array());
      out.writeBytes(encoded);
    }
    return address;
  }

  private byte[] encode(List<Msg> messages) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Msg m : messages) {
      if (newFormat) {
        b.writeBytes(le(4).put((byte) m.type()).putShort((short) m.data().length).put((byte) 0).array());
        b.writeBytes(m.data());
      } else {
        byte[] data = pad8(m.data());
        b.writeBytes(le(8).putShort((short) m.type()).putShort((short) data.length).putInt(0).array());
        b.writeBytes(data);
      }
    }
    return b.toByteArray();
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
    if (newFormat) {
      ByteBuffer v3 = le(9 + n.length + type.length + space.length + data.length);
      v3.put((byte) 3).put((byte) 0).putShort((short) n.length).putShort((short) type.length).putShort((short) space.length);
      v3.put((byte) 0).put(n).put(type).put(space).put(data);
      return v3.array();
    }
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

  private byte[] dataspace(long... dims) {
    if (newFormat) {
      ByteBuffer v2 = le(4 + 8 * dims.length).put((byte) 2).put((byte) dims.length).put((byte) 0).put((byte) (dims.length == 0 ? 0 : 1));
      for (long d : dims) {
        v2.putLong(d);
      }
      return v2.array();
    }
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
