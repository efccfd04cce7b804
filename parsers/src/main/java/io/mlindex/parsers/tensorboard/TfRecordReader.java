package io.mlindex.parsers.tensorboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads TFRecord framing one record at a time: a little-endian uint64 length, the masked CRC32C of
 * those 8 bytes, the payload, and the masked CRC32C of the payload. Only one record is held in
 * memory, and never more than {@code maxRecordBytes} of it: a longer record is checked and skipped
 * in chunks, and a length that runs past the end of the file is reported as a truncated tail before
 * anything is allocated.
 */
final class TfRecordReader {
  /** What {@link #next()} found. */
  enum Status {
    /** A record whose payload is in {@link #payload()}. */
    RECORD,
    /** The clean end of the file. */
    END,
    /** The file ends inside a record. */
    TRUNCATED,
    /** The length field fails its CRC: the framing cannot be trusted past this point. */
    BAD_LENGTH_CRC,
    /** The payload fails its CRC; the framing is intact, so reading can go on. */
    BAD_DATA_CRC,
    /** A record longer than the bound, checked and skipped without being held in memory. */
    TOO_LARGE
  }

  static final int HEADER_BYTES = 12;
  static final int FOOTER_BYTES = 4;
  private static final int MASK_DELTA = 0xa282ead8;
  private static final int SKIP_CHUNK = 1 << 16;

  private final InputStream in;
  private final long fileSize;
  private final int maxRecordBytes;
  private final byte[] header = new byte[HEADER_BYTES];
  private final byte[] footer = new byte[FOOTER_BYTES];
  private final CRC32C crc = new CRC32C();
  private byte[] payload = new byte[4096];
  private int length;
  private long declaredLength;
  private long recordStart;
  private long position;

  /**
   * @param in the stream, positioned at the start of the file (buffer it)
   * @param fileSize the file's size, to tell a truncated tail from a long record before allocating
   * @param maxRecordBytes the longest payload held in memory
   */
  TfRecordReader(InputStream in, long fileSize, int maxRecordBytes) {
    this.in = in;
    this.fileSize = fileSize;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Reads the next record. After anything but RECORD, BAD_DATA_CRC and TOO_LARGE, stop reading. */
  Status next() throws IOException {
    recordStart = position;
    length = 0;
    int n = in.readNBytes(header, 0, HEADER_BYTES);
    position += n;
    if (n == 0) {
      return Status.END;
    }
    if (n < HEADER_BYTES) {
      return Status.TRUNCATED;
    }
    declaredLength = littleEndianLong(header, 0);
    if (masked(header, 0, 8) != littleEndianInt(header, 8)) {
      return Status.BAD_LENGTH_CRC;
    }
    long remaining = fileSize - position;
    if (declaredLength < 0 || declaredLength + FOOTER_BYTES > remaining) {
      return Status.TRUNCATED;
    }
    if (declaredLength > maxRecordBytes) {
      return skipChecked(declaredLength);
    }
    length = (int) declaredLength;
    if (payload.length < length) {
      payload = Arrays.copyOf(payload, Math.max(length, Math.min(maxRecordBytes, payload.length * 2)));
    }
    int got = in.readNBytes(payload, 0, length);
    position += got;
    if (got < length || !readFooter()) {
      return Status.TRUNCATED;
    }
    return masked(payload, 0, length) == littleEndianInt(footer, 0) ? Status.RECORD : Status.BAD_DATA_CRC;
  }

  private Status skipChecked(long len) throws IOException {
    crc.reset();
    byte[] chunk = new byte[SKIP_CHUNK];
    long left = len;
    while (left > 0) {
      int got = in.readNBytes(chunk, 0, (int) Math.min(left, chunk.length));
      if (got <= 0) {
        return Status.TRUNCATED;
      }
      crc.update(chunk, 0, got);
      position += got;
      left -= got;
    }
    if (!readFooter()) {
      return Status.TRUNCATED;
    }
    return mask((int) crc.getValue()) == littleEndianInt(footer, 0) ? Status.TOO_LARGE : Status.BAD_DATA_CRC;
  }

  private boolean readFooter() throws IOException {
    int got = in.readNBytes(footer, 0, FOOTER_BYTES);
    position += got;
    return got == FOOTER_BYTES;
  }

  /** The payload of the last RECORD: bytes {@code [0, length())} of this array. */
  byte[] payload() {
    return payload;
  }

  int length() {
    return length;
  }

  /** The length the last record's header declared. */
  long declaredLength() {
    return declaredLength;
  }

  /** The byte offset at which the last record started. */
  long recordStart() {
    return recordStart;
  }

  private int masked(byte[] bytes, int off, int len) {
    crc.reset();
    crc.update(bytes, off, len);
    return mask((int) crc.getValue());
  }

  /** TFRecord's CRC mask: rotate right by 15 bits and add a constant. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  static long littleEndianLong(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  static int littleEndianInt(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }
}
