package io.mlindex.parsers.wandb;

import io.mlindex.parsers.util.MalformedFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Reads the records of a W&B transaction log ({@code run-<id>.wandb}) one at a time: LevelDB's log
 * format (google/leveldb {@code doc/log_format.md}) behind a 7-byte file header.
 *
 * <p>Layout, as wandb's {@code wandb/sdk/internal/datastore.py} writes it: the header is {@code
 * ":W&B"}, the magic {@code 0xBEE1} (uint16, little-endian) and the version byte 0. Blocks of 32
 * KiB are counted from the start of the file (the header lies in the first one). Each chunk is a
 * checksum (uint32 LE), a length (uint16 LE), a type (1 FULL, 2 FIRST, 3 MIDDLE, 4 LAST) and the
 * data; a block tail shorter than a chunk header is zero padding. W&B's checksum is zlib's CRC-32
 * (IEEE) over the type byte and the data, unmasked, where LevelDB proper uses a masked CRC-32C:
 * both are accepted.
 *
 * <p>Damage never stops the reader: a chunk with a bad checksum is skipped, a chunk that claims
 * more bytes than its block holds skips the rest of the block, and a truncated tail ends the log;
 * {@link #problems()} describes what was skipped. No buffer is sized from a length in the file
 * beyond one block, and a record assembled from fragments is bounded by {@code maxRecordBytes}.
 */
final class LevelDbLogReader implements AutoCloseable {
  static final int BLOCK_BYTES = 32 * 1024;
  static final int CHUNK_HEADER_BYTES = 7;
  static final byte[] IDENT = {':', 'W', '&', 'B'};
  static final int MAGIC = 0xBEE1;
  /** A Git LFS pointer file ("version https://git-lfs.github.com/spec/v1 ...") starts so. */
  private static final byte[] LFS_POINTER_START = {'v', 'e', 'r', 's', 'i', 'o', 'n'};
  static final int FULL = 1;
  static final int FIRST = 2;
  static final int MIDDLE = 3;
  static final int LAST = 4;

  private final InputStream in;
  private final long maxRecordBytes;
  private final Runnable everyFewChunks;
  private long chunks;
  private long position;
  private long records;
  private int badChecksums;
  private long firstBadChecksumAt = -1;
  private int badLengths;
  private int orphanFragments;
  private int oversizedRecords;
  private int unknownTypes;
  private String truncation;

  private LevelDbLogReader(InputStream in, long maxRecordBytes, Runnable everyFewChunks) {
    this.in = in;
    this.maxRecordBytes = maxRecordBytes;
    this.everyFewChunks = everyFewChunks;
  }

  /**
   * Checks the file header and returns a reader positioned at the first chunk; {@code
   * everyFewChunks} runs every 256 chunks (a deadline check).
   */
  static LevelDbLogReader open(InputStream in, long maxRecordBytes, Runnable everyFewChunks) throws IOException {
    LevelDbLogReader reader = new LevelDbLogReader(in, maxRecordBytes, everyFewChunks);
    byte[] header = reader.read(CHUNK_HEADER_BYTES);
    if (header.length == 0) {
      throw new MalformedFileException("the file is empty");
    }
    if (Arrays.equals(header, LFS_POINTER_START)) {
      throw new MalformedFileException("Git LFS pointer: content not present");
    }
    if (header.length < CHUNK_HEADER_BYTES || !Arrays.equals(header, 0, 4, IDENT, 0, 4)) {
      throw new MalformedFileException("no W&B log header (expected ':W&B' and magic 0xBEE1)");
    }
    int magic = (header[4] & 0xff) | (header[5] & 0xff) << 8;
    if (magic != MAGIC) {
      throw new MalformedFileException(String.format(Locale.ROOT, "unknown W&B log magic 0x%04X", magic));
    }
    return reader;
  }

  /** The next whole record, or null at the end of the log. */
  byte[] next() throws IOException {
    ByteArrayOutputStream partial = null;
    boolean dropping = false;
    while (true) {
      int left = BLOCK_BYTES - (int) (position % BLOCK_BYTES);
      if (left < CHUNK_HEADER_BYTES) {
        if (skip(left) < left) {
          return end(partial);
        }
        continue;
      }
      if ((++chunks & 0xff) == 0) {
        everyFewChunks.run();
      }
      long chunkAt = position;
      byte[] header = read(CHUNK_HEADER_BYTES);
      if (header.length == 0) {
        return end(partial);
      }
      if (header.length < CHUNK_HEADER_BYTES) {
        truncation = "the log ends inside a chunk header at byte " + chunkAt;
        return null;
      }
      long checksum = (header[0] & 0xffL) | (header[1] & 0xffL) << 8 | (header[2] & 0xffL) << 16 | (header[3] & 0xffL) << 24;
      int length = (header[4] & 0xff) | (header[5] & 0xff) << 8;
      int type = header[6] & 0xff;
      if (type == 0 && length == 0 && checksum == 0) {
        skip(left - CHUNK_HEADER_BYTES); // zero fill: the writer padded or preallocated the block
        continue;
      }
      if (length > left - CHUNK_HEADER_BYTES) {
        badLengths++;
        partial = null;
        skip(left - CHUNK_HEADER_BYTES);
        continue;
      }
      byte[] data = read(length);
      if (data.length < length) {
        truncation = "the log ends inside a chunk at byte " + chunkAt + " (" + data.length + " of " + length + " bytes)";
        return null;
      }
      if (!checksumMatches(checksum, type, data)) {
        if (badChecksums++ == 0) {
          firstBadChecksumAt = chunkAt;
        }
        partial = null;
        continue;
      }
      switch (type) {
        case FULL -> {
          if (partial != null) {
            orphanFragments++;
          }
          records++;
          return data;
        }
        case FIRST -> {
          if (partial != null) {
            orphanFragments++;
          }
          dropping = false;
          partial = new ByteArrayOutputStream(Math.max(64, data.length * 2));
          partial.write(data, 0, data.length);
        }
        case MIDDLE, LAST -> {
          if (dropping) {
            dropping = type == MIDDLE;
          } else if (partial == null) {
            orphanFragments++;
          } else if (partial.size() + (long) data.length > maxRecordBytes) {
            oversizedRecords++;
            partial = null;
            dropping = type == MIDDLE;
          } else {
            partial.write(data, 0, data.length);
            if (type == LAST) {
              records++;
              return partial.toByteArray();
            }
          }
        }
        default -> {
          unknownTypes++;
          partial = null;
        }
      }
    }
  }

  private byte[] end(ByteArrayOutputStream partial) {
    if (partial != null) {
      truncation = "the log ends inside a record that spans blocks (" + partial.size() + " bytes read)";
    }
    return null;
  }

  static boolean checksumMatches(long stored, int type, byte[] data) {
    CRC32 ieee = new CRC32();
    ieee.update(type);
    ieee.update(data, 0, data.length);
    if (ieee.getValue() == stored) {
      return true;
    }
    CRC32C castagnoli = new CRC32C();
    castagnoli.update(type);
    castagnoli.update(data, 0, data.length);
    return mask(castagnoli.getValue()) == stored;
  }

  /** LevelDB's checksum masking (so that a CRC of data holding CRCs stays well distributed). */
  static long mask(long crc) {
    return ((crc >>> 15 | crc << 17) + 0xa282ead8L) & 0xffffffffL;
  }

  /** Whole records returned so far. */
  long records() {
    return records;
  }

  /** What was skipped or cut off, one sentence each; empty for an intact log. */
  List<String> problems() {
    List<String> out = new ArrayList<>();
    if (badChecksums > 0) {
      out.add(badChecksums + " chunk(s) with a bad checksum were skipped (first at byte " + firstBadChecksumAt + ")");
    }
    if (badLengths > 0) {
      out.add(badLengths + " chunk(s) claimed more bytes than their block holds; the rest of those blocks was skipped");
    }
    if (orphanFragments > 0) {
      out.add(orphanFragments + " record fragment(s) without their first or last part were dropped");
    }
    if (oversizedRecords > 0) {
      out.add(oversizedRecords + " record(s) larger than " + maxRecordBytes + " bytes were skipped");
    }
    if (unknownTypes > 0) {
      out.add(unknownTypes + " chunk(s) of an unknown type were skipped");
    }
    if (truncation != null) {
      out.add("truncated: " + truncation);
    }
    return out;
  }

  private byte[] read(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    position += b.length;
    return b;
  }

  private long skip(long n) throws IOException {
    long done = 0;
    while (done < n) {
      long s = in.skip(n - done);
      if (s <= 0) {
        if (in.read() < 0) {
          break;
        }
        s = 1;
      }
      done += s;
    }
    position += done;
    return done;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
