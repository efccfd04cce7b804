package io.mlindex.parsers.data;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.record.Record;
import java.io.IOException;
import java.util.List;

/**
 * A comma-separated (or semicolon, tab, pipe: detected) table as a dataset: columns, rows, hash.
 * Ranks below every specific format, so a Keras {@code history.csv} or a Lightning {@code
 * metrics.csv} goes to its own parser.
 */
public final class CsvParser implements FileParser {
  @Override
  public String name() {
    return "csv";
  }

  @Override
  public int priority() {
    return DatasetRecords.PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".csv") && !DatasetRecords.inCheckpointFolder(file.path());
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = DatasetRecords.start(file, "csv", context);
    DelimitedTable.read(file, null, r, context);
    return List.of(r);
  }
}
