package io.mlindex.parsers.models.hdf5;

import io.mlindex.parsers.util.MalformedFileException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The parts of an HDF5 file (format specification 3.0) needed to read attributes and walk groups
 * without a native library: the superblock (versions 0 to 3) and object headers (versions 1 and 2,
 * with continuation blocks). Every address and size read from the file is checked before use, and
 * the total bytes read are capped so that a crafted file cannot keep a reader busy.
 */
public final class Hdf5File {
  public static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};

  /**
   * Bytes a reader may take in small reads of headers, heaps and tree nodes (not data): a bound on
   * time for crafted files whose structures point at each other, far above what real files need.
   */
  public static final long READ_BUDGET = 256L << 20;

  /** Message types used here (specification section IV.A.2). */
  static final int DATASPACE = 0x01;
  static final int LINK_INFO = 0x02;
  static final int DATATYPE = 0x03;
  static final int LINK = 0x06;
  static final int LAYOUT = 0x08;
  static final int ATTRIBUTE = 0x0C;
  static final int CONTINUATION = 0x10;
  static final int SYMBOL_TABLE = 0x11;
  static final int ATTRIBUTE_INFO = 0x15;

  private static final int MAX_MESSAGES = 4096;
  private static final int MAX_BLOCK = 16 << 20;
  private static final int MAX_BLOCKS = 1024;

  /** One object header message; {@code data} excludes the message header. */
  public record Message(int type, byte[] data) {}

  private final ByteSource source;
  private final long readBudget;
  private final long signatureAt;
  private final int superblockVersion;
  private final int offsetSize;
  private final int lengthSize;
  private final long base;
  private final long rootAddress;

  private Hdf5File(ByteSource source, long readBudget, long signatureAt, byte[] superblock) throws IOException {
    this.source = source;
    this.readBudget = readBudget;
    this.signatureAt = signatureAt;
    Hdf5Cursor c = new Hdf5Cursor(superblock);
    c.skip(8);
    superblockVersion = c.u8();
    long root;
    if (superblockVersion <= 1) {
      c.skip(4); // free-space, root symbol table entry, reserved, shared header versions
      offsetSize = c.u8();
      lengthSize = c.u8();
      checkSizes();
      c.skip(1 + 2 + 2 + 4 + (superblockVersion == 1 ? 4 : 0)); // reserved, group K values, flags
      base = c.unsigned(offsetSize);
      c.skip(3L * offsetSize); // free-space info, end of file, driver info addresses
      c.skip(offsetSize); // root entry: link name offset
      root = c.unsigned(offsetSize); // root entry: object header address
    } else if (superblockVersion <= 3) {
      offsetSize = c.u8();
      lengthSize = c.u8();
      checkSizes();
      c.skip(1); // flags
      base = c.unsigned(offsetSize);
      c.skip(2L * offsetSize); // superblock extension, end of file
      root = c.unsigned(offsetSize);
    } else {
      throw new MalformedFileException("HDF5 superblock version " + superblockVersion + " is not supported");
    }
    rootAddress = absolute(root);
  }

  private void checkSizes() throws MalformedFileException {
    if (!(offsetSize == 2 || offsetSize == 4 || offsetSize == 8) || !(lengthSize == 2 || lengthSize == 4 || lengthSize == 8)) {
      throw new MalformedFileException("HDF5 superblock gives offset size " + offsetSize + " and length size " + lengthSize);
    }
  }

  /** The byte at which the HDF5 signature sits (0, 512, 1024, 2048 ...), or -1 when there is none. */
  public static long findSignature(ByteSource source) throws IOException {
    for (long at = 0; at + SIGNATURE.length <= source.size(); at = at == 0 ? 512 : at * 2) {
      if (Arrays.equals(source.read(at, SIGNATURE.length), SIGNATURE)) {
        return at;
      }
    }
    return -1;
  }

  /** Opens the file's structure; {@code readBudget} caps the bytes all later reads may take. */
  public static Hdf5File open(ByteSource source, long readBudget) throws IOException {
    long at = findSignature(source);
    if (at < 0) {
      throw new MalformedFileException("no HDF5 signature at byte 0, 512, 1024, ...: not an HDF5 file");
    }
    byte[] superblock = source.read(at, Math.min(256, source.size() - at));
    return new Hdf5File(source, readBudget, at, superblock);
  }

  public long signatureAt() {
    return signatureAt;
  }

  public int superblockVersion() {
    return superblockVersion;
  }

  public long rootAddress() {
    return rootAddress;
  }

  int offsetSize() {
    return offsetSize;
  }

  int lengthSize() {
    return lengthSize;
  }

  /** An address read from the file made absolute, or -1 for the "undefined address" (all ones). */
  long absolute(long address) throws MalformedFileException {
    if (offsetSize < 8 ? address == (1L << (8 * offsetSize)) - 1 : address == -1L) {
      return -1;
    }
    long abs = base + address;
    if (address < 0 || abs < 0 || abs >= source.size()) {
      throw new MalformedFileException("HDF5 address " + Long.toUnsignedString(address) + " is outside the file");
    }
    return abs;
  }

  long offset(Hdf5Cursor c) throws MalformedFileException {
    return absolute(c.unsigned(offsetSize));
  }

  long length(Hdf5Cursor c) throws MalformedFileException {
    long v = c.unsigned(lengthSize);
    if (v < 0) {
      throw new MalformedFileException("HDF5 length " + Long.toUnsignedString(v) + " is out of range");
    }
    return v;
  }

  /** Bytes at an absolute position, counted against the read budget. */
  byte[] read(long position, long length) throws IOException {
    if (length > MAX_BLOCK) {
      throw new MalformedFileException("HDF5 block of " + length + " bytes at " + position + " is larger than " + MAX_BLOCK);
    }
    if (source.bytesRead() + length > readBudget) {
      throw new MalformedFileException("reading the HDF5 structure took more than " + readBudget + " bytes; stopped");
    }
    return source.read(position, length);
  }

  /** Bytes at a position, cut at the end of the file. */
  byte[] readUpTo(long position, long length) throws IOException {
    return read(position, Math.min(length, source.size() - position));
  }

  /** The messages of the object header at an absolute address (continuations followed). */
  public List<Message> messages(long address) throws IOException {
    byte[] prefix = readUpTo(address, 64);
    Hdf5Cursor c = new Hdf5Cursor(prefix);
    List<Message> out = new ArrayList<>();
    Deque<long[]> continuations = new ArrayDeque<>();
    if (c.signature("OHDR")) {
      int version = c.u8();
      int flags = c.u8();
      if (version != 2) {
        throw new MalformedFileException("object header version " + version + " at " + address);
      }
      c.skip(((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0));
      long chunk = c.unsigned(1 << (flags & 3));
      int headerSize = (flags & 0x04) != 0 ? 6 : 4;
      byte[] first = read(address + c.position(), chunk);
      readV2Messages(new Hdf5Cursor(first), headerSize, out, continuations);
      for (int blocks = 0; !continuations.isEmpty() && out.size() < MAX_MESSAGES; blocks++) {
        long[] b = continuations.poll();
        tooManyBlocks(blocks, address);
        byte[] block = read(b[0], b[1]);
        Hdf5Cursor bc = new Hdf5Cursor(block, 0, block.length - 4); // ends with a checksum
        if (!bc.signature("OCHK")) {
          throw new MalformedFileException("object header continuation at " + b[0] + " has no OCHK signature");
        }
        readV2Messages(bc, headerSize, out, continuations);
      }
    } else {
      int version = c.u8();
      if (version != 1) {
        throw new MalformedFileException("no object header at " + address + " (version byte " + version + ")");
      }
      c.skip(1);
      int count = c.u16();
      c.skip(4);
      long size = c.u32();
      continuations.add(new long[] {address + 16, size});
      for (int blocks = 0; !continuations.isEmpty() && out.size() < Math.min(count, MAX_MESSAGES); blocks++) {
        long[] b = continuations.poll();
        tooManyBlocks(blocks, address);
        readV1Messages(new Hdf5Cursor(read(b[0], b[1])), out, continuations);
      }
    }
    return out;
  }

  private static void tooManyBlocks(int blocks, long address) throws MalformedFileException {
    if (blocks > MAX_BLOCKS) {
      throw new MalformedFileException("object header at " + address + " has more than " + MAX_BLOCKS + " continuation blocks");
    }
  }

  private void readV1Messages(Hdf5Cursor c, List<Message> out, Deque<long[]> continuations) throws IOException {
    while (c.remaining() >= 8 && out.size() < MAX_MESSAGES) {
      int type = c.u16();
      int size = c.u16();
      int flags = c.u8();
      c.skip(3);
      add(type, flags, c.bytes(size), out, continuations);
    }
  }

  private void readV2Messages(Hdf5Cursor c, int headerSize, List<Message> out, Deque<long[]> continuations)
      throws IOException {
    while (c.remaining() >= headerSize && out.size() < MAX_MESSAGES) {
      int type = c.u8();
      int size = c.u16();
      int flags = c.u8();
      c.skip(headerSize - 4);
      add(type, flags, c.bytes(size), out, continuations);
    }
  }

  private void add(int type, int flags, byte[] data, List<Message> out, Deque<long[]> continuations)
      throws IOException {
    if (type == CONTINUATION) {
      Hdf5Cursor c = new Hdf5Cursor(data);
      long at = offset(c);
      long length = length(c);
      if (at >= 0 && continuations.size() < MAX_MESSAGES) {
        continuations.add(new long[] {at, length});
      }
    } else if (type != 0 && (flags & 0x02) == 0) {
      out.add(new Message(type, data)); // shared messages (flag 0x02) point elsewhere: not followed
    }
  }
}
