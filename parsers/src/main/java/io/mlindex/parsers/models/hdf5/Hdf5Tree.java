package io.mlindex.parsers.models.hdf5;

import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.parsers.util.MalformedFileException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Group members and dataset shapes of an HDF5 file: old-style groups (symbol table message,
 * version 1 B-tree, symbol table nodes, local heap) and compact new-style groups (link messages).
 * Groups with dense link storage (fractal heap) are counted as not walked. Every object is visited
 * at most once and the walk is bounded in objects and depth.
 */
public final class Hdf5Tree {
  private static final int MAX_OBJECTS = 100_000;
  private static final int MAX_DEPTH = 64;
  private static final int MAX_LOCAL_HEAP = 16 << 20;

  /** A named member of a group. */
  public record Link(String name, long address) {}

  /** Totals over the datasets of a walk. */
  public static final class Totals {
    public long datasets;
    public long elements;
    public boolean elementsUnknown;
    public long groupsNotWalked;
    public final Map<String, Long> dtypes = new TreeMap<>();
  }

  private final Hdf5File file;
  private final Runnable tick;
  private final Set<Long> visited = new HashSet<>();

  /** {@code tick} is called for every object (the parse deadline check). */
  public Hdf5Tree(Hdf5File file, Runnable tick) {
    this.file = file;
    this.tick = tick;
  }

  /** Whether an object's messages describe a group. */
  public static boolean isGroup(List<Hdf5File.Message> messages) {
    return messages.stream().anyMatch(m -> m.type() == Hdf5File.SYMBOL_TABLE || m.type() == Hdf5File.LINK
        || m.type() == Hdf5File.LINK_INFO);
  }

  /** Whether an object's messages describe a dataset. */
  public static boolean isDataset(List<Hdf5File.Message> messages) {
    return messages.stream().anyMatch(m -> m.type() == Hdf5File.LAYOUT);
  }

  /** The members of a group, given its messages; {@code totals} counts a group it cannot list. */
  public List<Link> members(List<Hdf5File.Message> messages, Totals totals) throws IOException {
    List<Link> out = new ArrayList<>();
    for (Hdf5File.Message m : messages) {
      switch (m.type()) {
        case Hdf5File.SYMBOL_TABLE -> {
          Hdf5Cursor c = new Hdf5Cursor(m.data());
          long btree = file.offset(c);
          long heap = file.offset(c);
          byte[] names = localHeap(heap);
          symbolTable(btree, names, out, 0);
        }
        case Hdf5File.LINK -> link(m.data(), out);
        case Hdf5File.LINK_INFO -> {
          Hdf5Cursor c = new Hdf5Cursor(m.data());
          c.u8();
          int flags = c.u8();
          c.skip((flags & 0x01) != 0 ? 8 : 0);
          if (file.offset(c) >= 0 && totals != null) {
            totals.groupsNotWalked++; // links in a fractal heap
          }
        }
        default -> { }
      }
    }
    return out;
  }

  /** Sums the datasets under a group, entering members whose path {@code enter} accepts. */
  public Totals datasets(long groupAddress, Predicate<String> enter) throws IOException {
    Totals totals = new Totals();
    walk(groupAddress, "", enter, totals, 0);
    return totals;
  }

  private void walk(long address, String path, Predicate<String> enter, Totals totals, int depth) throws IOException {
    if (depth > MAX_DEPTH || !visited.add(address)) {
      return;
    }
    if (visited.size() > MAX_OBJECTS) {
      throw new MalformedFileException("more than " + MAX_OBJECTS + " HDF5 objects; the walk stopped");
    }
    tick.run();
    List<Hdf5File.Message> messages = file.messages(address);
    if (isDataset(messages)) {
      dataset(messages, totals);
    } else if (isGroup(messages)) {
      for (Link l : members(messages, totals)) {
        String child = path.isEmpty() ? l.name() : path + "/" + l.name();
        if (enter.test(child)) {
          walk(l.address(), child, enter, totals, depth + 1);
        }
      }
    }
  }

  private void dataset(List<Hdf5File.Message> messages, Totals totals) throws IOException {
    totals.datasets++;
    String dtype = "?";
    long elements = -1;
    for (Hdf5File.Message m : messages) {
      if (m.type() == Hdf5File.DATASPACE) {
        elements = Hdf5Dataspace.parse(m.data(), file.lengthSize()).elements();
      } else if (m.type() == Hdf5File.DATATYPE) {
        dtype = Hdf5Datatype.parse(m.data()).name();
      }
    }
    totals.dtypes.merge(dtype, 1L, Long::sum);
    if (elements < 0) {
      totals.elementsUnknown = true;
    } else {
      totals.elements = ModelFileRecords.saturatedAdd(totals.elements, elements);
    }
  }

  private byte[] localHeap(long address) throws IOException {
    Hdf5Cursor c = new Hdf5Cursor(file.readUpTo(address, 8 + 2L * file.lengthSize() + file.offsetSize()));
    if (!c.signature("HEAP")) {
      throw new MalformedFileException("no local heap at " + address);
    }
    c.skip(4);
    long size = file.length(c);
    c.skip(file.lengthSize()); // free list offset (may be the undefined address)
    long data = file.offset(c);
    if (size > MAX_LOCAL_HEAP || data < 0) {
      throw new MalformedFileException("local heap at " + address + " has " + size + " bytes");
    }
    return file.readUpTo(data, size);
  }

  /** Version 1 B-tree of a group (node type 0): inner nodes point to nodes, leaves to symbol nodes. */
  private void symbolTable(long node, byte[] names, List<Link> out, int depth) throws IOException {
    if (node < 0) {
      return;
    }
    if (depth > MAX_DEPTH || !visited.add(-node - 1)) {
      throw new MalformedFileException("group B-tree at " + node + " loops or is too deep");
    }
    int o = file.offsetSize();
    int l = file.lengthSize();
    Hdf5Cursor h = new Hdf5Cursor(file.readUpTo(node, 8 + 2L * o));
    if (!h.signature("TREE") || h.u8() != 0) {
      throw new MalformedFileException("no group B-tree node at " + node);
    }
    int level = h.u8();
    int entries = h.u16();
    Hdf5Cursor c = new Hdf5Cursor(file.read(node + 8 + 2L * o, (long) entries * (l + o) + l));
    for (int i = 0; i < entries; i++) {
      tick.run();
      c.skip(l); // key: heap offset of the first name below
      long child = file.offset(c);
      if (level > 0) {
        symbolTable(child, names, out, depth + 1);
      } else {
        symbolNode(child, names, out);
      }
    }
  }

  private void symbolNode(long address, byte[] names, List<Link> out) throws IOException {
    int o = file.offsetSize();
    Hdf5Cursor h = new Hdf5Cursor(file.readUpTo(address, 8));
    if (!h.signature("SNOD")) {
      throw new MalformedFileException("no symbol table node at " + address);
    }
    h.skip(2);
    int symbols = h.u16();
    Hdf5Cursor c = new Hdf5Cursor(file.read(address + 8, (long) symbols * (2L * o + 24)));
    for (int i = 0; i < symbols; i++) {
      long nameOffset = c.unsigned(o);
      long object = file.offset(c);
      c.skip(24); // cache type, reserved, scratch pad
      if (nameOffset < 0 || nameOffset >= names.length) {
        throw new MalformedFileException("symbol name offset " + nameOffset + " is outside the local heap");
      }
      Hdf5Cursor n = new Hdf5Cursor(names, (int) nameOffset, names.length);
      out.add(new Link(n.text(Math.min(n.remaining(), 4096)), object));
    }
  }

  /** A link message (section IV.A.2.g); only hard links are kept. */
  private void link(byte[] data, List<Link> out) throws IOException {
    Hdf5Cursor c = new Hdf5Cursor(data);
    c.u8(); // version
    int flags = c.u8();
    int type = (flags & 0x08) != 0 ? c.u8() : 0;
    c.skip(((flags & 0x04) != 0 ? 8 : 0) + ((flags & 0x10) != 0 ? 1 : 0));
    long nameLength = c.unsigned(1 << (flags & 0x03));
    if (nameLength < 0 || nameLength > c.remaining()) {
      throw new MalformedFileException("link name of " + nameLength + " bytes");
    }
    String name = c.text((int) nameLength);
    if (type == 0) {
      out.add(new Link(name, file.offset(c)));
    }
  }
}
