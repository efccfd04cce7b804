package io.mlindex.crawler;

import io.mlindex.parsers.util.ContentHash;
import io.mlindex.record.Record;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Recognises a file that moved: a new file whose content hash equals that of an indexed file that
 * no longer exists takes over that file's record id, so that its identity (and everything that
 * refers to it) follows it. A copy (the old file still exists) gets a record of its own.
 */
final class MoveDetection {
  /** Files up to this size get a content hash computed by the crawler when no parser gave one. */
  static final long HASH_LIMIT = 16L << 20;

  private MoveDetection() {}

  /** The record's full SHA-256 if a parser computed one; else one computed here for small files; else null. */
  static String contentHash(Path file, long size, List<Record> records) {
    for (Record r : records) {
      if (r.getHash() != null && r.getHash().startsWith(ContentHash.FULL)) {
        return r.getHash();
      }
    }
    if (size > HASH_LIMIT || size == 0) {
      return null;
    }
    try {
      return ContentHash.of(file, HASH_LIMIT);
    } catch (IOException e) {
      return null;
    }
  }

  /** An indexed file unit with this content whose file is gone and that made as many records, or null. */
  static UnitState vanishedWithSameContent(IndexedUnits indexed, String hash, FileSystem fs, int records) throws IOException {
    for (UnitState u : indexed.unitsWithContentHash(hash)) {
      if (!u.directory() && u.recordIds().size() == records && records == 1 && Files.notExists(fs.getPath(u.path()))) {
        return u;
      }
    }
    return null;
  }

  static void keepIdentity(UnitState from, List<Record> records) {
    records.get(0).setId(from.recordIds().get(0));
  }
}
