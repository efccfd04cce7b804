package io.mlindex.parsers.data;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.Path;

/** What every data-file record starts with: kind dataset, name, size, content hash, source. */
public final class DatasetRecords {
  /** Data parsers rank below every specific format (a Keras {@code history.csv}, a Lightning log). */
  public static final int PRIORITY = -50;

  private DatasetRecords() {}

  public static Record start(FileCandidate file, String format, ParseContext context) {
    return FileRecords.start(RecordKind.DATASET, format, file, context);
  }

  /** Copies in notebook checkpoint folders are not datasets of their own. */
  public static boolean inCheckpointFolder(Path file) {
    return FileRecords.inCheckpointFolder(file);
  }
}
