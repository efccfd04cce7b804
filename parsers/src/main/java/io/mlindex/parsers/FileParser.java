package io.mlindex.parsers;

import io.mlindex.record.Record;
import java.io.IOException;
import java.util.List;

/** Reads one file into records. */
public interface FileParser extends Parser {
  /** Whether this parser reads the file; decide from the name, size and first bytes only. */
  boolean supports(FileCandidate file);

  /**
   * Reads the file. Return records with warnings for damage that still lets something be read;
   * throw only when nothing could be read at all (the crawler then records the failure).
   */
  List<Record> parse(FileCandidate file, ParseContext context) throws IOException;
}
