package io.mlindex.parsers.data;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.ContentHash;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Path;

/** What every data-file record starts with: kind dataset, name, size, content hash, source. */
public final class DatasetRecords {
  /** Data parsers rank below every specific format (a Keras {@code history.csv}, a Lightning log). */
  public static final int PRIORITY = -50;

  private DatasetRecords() {}

  public static Record start(FileCandidate file, String format, ParseContext context) {
    Record r = new Record(RecordKind.DATASET, format, PosixPaths.of(file.path()));
    r.setName(file.name());
    r.source(r.getPath());
    r.setSize(file.size());
    try {
      r.setHash(ContentHash.of(file.path(), context.limits().hashFullBytes()));
    } catch (IOException e) {
      r.warn(file.name() + ": content hash not computed: " + e.getMessage());
    }
    return r;
  }

  /** Copies in notebook checkpoint folders are not datasets of their own. */
  public static boolean inCheckpointFolder(Path file) {
    for (Path p : file) {
      if (p.toString().equals(".ipynb_checkpoints")) {
        return true;
      }
    }
    return false;
  }
}
