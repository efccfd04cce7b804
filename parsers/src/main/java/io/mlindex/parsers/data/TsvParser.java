package io.mlindex.parsers.data;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.record.Record;
import java.io.IOException;
import java.util.List;

/** A tab-separated table ({@code .tsv}, {@code .tab}) as a dataset: columns, rows, hash. */
public final class TsvParser implements FileParser {
  @Override
  public String name() {
    return "tsv";
  }

  @Override
  public int priority() {
    return DatasetRecords.PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".tsv", ".tab") && !DatasetRecords.inCheckpointFolder(file.path());
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = DatasetRecords.start(file, "tsv", context);
    DelimitedTable.read(file, (int) '\t', r, context);
    return List.of(r);
  }
}
