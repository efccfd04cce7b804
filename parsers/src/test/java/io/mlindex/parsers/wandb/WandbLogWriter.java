package io.mlindex.parsers.wandb;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Writes binary W&B transaction logs ({@code run-<id>.wandb}) for tests: the 7-byte header, then
 * each record framed in 32 KiB blocks as FULL or FIRST/MIDDLE/LAST chunks with wandb's checksum
 * (CRC-32 of type and data), or LevelDB's masked CRC-32C on request. Static helpers build the
 * protobuf messages of wandb_internal.proto that the decoder reads.
 */
final class WandbLogWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final boolean leveldbChecksums;

  WandbLogWriter() {
    this(false);
  }

  WandbLogWriter(boolean leveldbChecksums) {
    this.leveldbChecksums = leveldbChecksums;
    out.writeBytes(new byte[] {':', 'W', '&', 'B', (byte) 0xE1, (byte) 0xBE, 0});
  }

  WandbLogWriter record(ProtoMsg record) {
    return record(record.bytes());
  }

  /** Frames one record, splitting it over blocks where it does not fit. */
  WandbLogWriter record(byte[] data) {
    int block = LevelDbLogReader.BLOCK_BYTES;
    int header = LevelDbLogReader.CHUNK_HEADER_BYTES;
    int left = block - out.size() % block;
    if (left < header) {
      out.writeBytes(new byte[left]);
      left = block;
    }
    if (data.length + header <= left) {
      chunk(LevelDbLogReader.FULL, data);
      return this;
    }
    int used = left - header;
    chunk(LevelDbLogReader.FIRST, Arrays.copyOfRange(data, 0, used));
    while (data.length - used > block - header) {
      chunk(LevelDbLogReader.MIDDLE, Arrays.copyOfRange(data, used, used + block - header));
      used += block - header;
    }
    chunk(LevelDbLogReader.LAST, Arrays.copyOfRange(data, used, data.length));
    return this;
  }

  private void chunk(int type, byte[] data) {
    long crc;
    if (leveldbChecksums) {
      CRC32C c = new CRC32C();
      c.update(type);
      c.update(data);
      crc = LevelDbLogReader.mask(c.getValue());
    } else {
      CRC32 c = new CRC32();
      c.update(type);
      c.update(data);
      crc = c.getValue();
    }
    out.write((int) crc);
    out.write((int) (crc >>> 8));
    out.write((int) (crc >>> 16));
    out.write((int) (crc >>> 24));
    out.write(data.length);
    out.write(data.length >>> 8);
    out.write(type);
    out.writeBytes(data);
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  // Messages of wandb_internal.proto (field numbers as in WandbLogDecoder).

  static ProtoMsg item(String key, String valueJson) {
    return new ProtoMsg().str(1, key).str(16, valueJson);
  }

  static ProtoMsg nestedItem(List<String> path, String valueJson) {
    ProtoMsg m = new ProtoMsg();
    path.forEach(p -> m.str(2, p));
    return m.str(16, valueJson);
  }

  static ProtoMsg history(long step, ProtoMsg... items) {
    ProtoMsg h = new ProtoMsg();
    for (ProtoMsg i : items) {
      h.msg(1, i);
    }
    return step < 0 ? h : h.msg(2, new ProtoMsg().i64(1, step));
  }

  /** A summary or config record: updates (field 1) then removals (field 2). */
  static ProtoMsg updates(List<ProtoMsg> update, List<ProtoMsg> remove) {
    ProtoMsg m = new ProtoMsg();
    update.forEach(i -> m.msg(1, i));
    remove.forEach(i -> m.msg(2, i));
    return m;
  }

  static ProtoMsg git(String remote, String commit) {
    return new ProtoMsg().str(1, remote).str(2, commit);
  }

  static ProtoMsg timestamp(long seconds) {
    return new ProtoMsg().i64(1, seconds).i64(2, 500_000_000);
  }

  /** A Record with its number and one payload field. */
  static ProtoMsg record(long num, int field, ProtoMsg payload) {
    return new ProtoMsg().i64(1, num).msg(field, payload);
  }
}
