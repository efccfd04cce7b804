package io.mlindex.parsers.util;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Path;

/** The start every record about one file shares: identity, name, size, source and content hash. */
public final class FileRecords {
  private FileRecords() {}

  /** A record of this kind and format for the file, with name, size, source and content hash. */
  public static Record start(RecordKind kind, String format, FileCandidate file, ParseContext context) {
    Record r = new Record(kind, format, PosixPaths.of(file.path()));
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

  /** Whether the file is a copy Jupyter keeps in an {@code .ipynb_checkpoints} folder. */
  public static boolean inCheckpointFolder(Path file) {
    for (Path p : file) {
      if (p.toString().equals(".ipynb_checkpoints")) {
        return true;
      }
    }
    return false;
  }
}
