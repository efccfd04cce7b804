package io.mlindex.parsers;

import io.mlindex.record.Record;
import java.io.IOException;
import java.util.List;

/**
 * Reads a folder that a tool wrote as one unit (an MLflow run, a Lightning {@code version_N}, a
 * W&B run). Files listed in the records' {@code sources} belong to this unit: no file parser reads
 * them again. The crawler still descends into the folder for everything else (checkpoints, event
 * files, notebooks).
 */
public interface DirectoryParser extends Parser {
  /** Whether this folder is a unit of this format; decide from the listing and cheap checks. */
  boolean claims(DirectoryView dir);

  /** Reads the folder; the same rules as {@link FileParser#parse} apply. */
  List<Record> parse(DirectoryView dir, ParseContext context) throws IOException;
}
