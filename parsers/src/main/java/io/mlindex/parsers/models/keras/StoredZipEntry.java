package io.mlindex.parsers.models.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Where the bytes of an uncompressed ("stored") zip entry sit inside the archive file, found from
 * the central directory, so that a large weights file inside a {@code .keras} archive can be read
 * with random access without copying it. Keras writes its archives stored. Compressed entries and
 * zip64 archives give null (the caller falls back to reading the entry whole, within the limit).
 */
record StoredZipEntry(long offset, long size) {
  private static final int END_RECORD = 0x06054b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int LOCAL_HEADER = 0x04034b50;
  private static final int MAX_CENTRAL_DIRECTORY = 16 << 20;

  static StoredZipEntry find(SeekableByteChannel channel, String name) throws IOException {
    long fileSize = channel.size();
    int tailLength = (int) Math.min(fileSize, 22 + 65_535);
    ByteBuffer tail = read(channel, fileSize - tailLength, tailLength);
    int end = -1;
    for (int i = tailLength - 22; i >= 0 && end < 0; i--) {
      if (tail.getInt(i) == END_RECORD) {
        end = i;
      }
    }
    if (end < 0) {
      return null;
    }
    long directorySize = tail.getInt(end + 12) & 0xFFFFFFFFL;
    long directoryOffset = tail.getInt(end + 16) & 0xFFFFFFFFL;
    if (directorySize > MAX_CENTRAL_DIRECTORY || directoryOffset + directorySize > fileSize) {
      return null; // zip64 (0xFFFFFFFF markers) or damaged
    }
    ByteBuffer dir = read(channel, directoryOffset, (int) directorySize);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at + 46 <= dir.limit() && dir.getInt(at) == CENTRAL_HEADER; ) {
      int nameLength = dir.getShort(at + 28) & 0xFFFF;
      int next = at + 46 + nameLength + (dir.getShort(at + 30) & 0xFFFF) + (dir.getShort(at + 32) & 0xFFFF);
      if (at + 46 + nameLength <= dir.limit() && sameName(dir, at + 46, nameLength, wanted)) {
        return stored(channel, dir, at, fileSize);
      }
      at = next;
    }
    return null;
  }

  private static StoredZipEntry stored(SeekableByteChannel channel, ByteBuffer dir, int at, long fileSize) throws IOException {
    int method = dir.getShort(at + 10) & 0xFFFF;
    long compressed = dir.getInt(at + 20) & 0xFFFFFFFFL;
    long size = dir.getInt(at + 24) & 0xFFFFFFFFL;
    long local = dir.getInt(at + 42) & 0xFFFFFFFFL;
    if (method != 0 || compressed != size || local + 30 > fileSize) {
      return null;
    }
    ByteBuffer header = read(channel, local, 30);
    if (header.getInt(0) != LOCAL_HEADER) {
      return null;
    }
    long data = local + 30 + (header.getShort(26) & 0xFFFF) + (header.getShort(28) & 0xFFFF);
    return data + size <= fileSize ? new StoredZipEntry(data, size) : null;
  }

  private static boolean sameName(ByteBuffer dir, int at, int length, byte[] wanted) {
    if (length != wanted.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (dir.get(at + i) != wanted[i]) {
        return false;
      }
    }
    return true;
  }

  private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    channel.position(position);
    while (b.hasRemaining() && channel.read(b) > 0) {
      // fill
    }
    return b.flip();
  }
}
