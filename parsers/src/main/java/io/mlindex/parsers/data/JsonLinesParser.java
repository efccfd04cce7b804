package io.mlindex.parsers.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.MalformedFileException;
import io.mlindex.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON Lines file ({@code .jsonl}, {@code .ndjson}) as a dataset: rows (counted exactly up to
 * {@code limits.max_read_bytes}, estimated above), and the top-level keys of the first rows as
 * columns. Lines are streamed; only the first few, each up to a bound, are parsed.
 */
public final class JsonLinesParser implements FileParser {
  static final int SAMPLE_LINES = 20;
  static final int MAX_LINE_BYTES = 1 << 20;
  private static final int MAX_PROBLEMS = 3;

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public int priority() {
    return DatasetRecords.PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".jsonl", ".ndjson") && !DatasetRecords.inCheckpointFolder(file.path());
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = DatasetRecords.start(file, "jsonl", context);
    if (file.size() == 0) {
      r.warn(file.name() + ": empty file, no rows");
      r.property("rows", 0L);
      return List.of(r);
    }
    if (TextSniff.isBinary(file.head()) || TextSniff.isUtf16(file.head())) {
      r.warn(file.name() + ": binary content, not JSON Lines; rows not read");
      return List.of(r);
    }
    long limit = context.limits().maxReadBytes();
    boolean whole = file.size() <= limit;
    Set<String> columns = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    long rows = 0;
    long lastEnd = 0;
    try (InputStream in = Files.newInputStream(file.path())) {
      RecordScanner s =
          new RecordScanner(
              in, RecordScanner.NO_DELIMITER, false, MAX_LINE_BYTES, 1,
              whole ? Long.MAX_VALUE : limit, context::checkDeadline);
      long line = 0;
      while (s.next(rows < SAMPLE_LINES)) {
        line++;
        lastEnd = s.position();
        if (s.blank()) {
          continue;
        }
        if (rows < SAMPLE_LINES) {
          readKeys(s, line, columns, problems);
        }
        rows++;
      }
      problems.stream().limit(MAX_PROBLEMS).forEach(p -> r.warn(file.name() + ": " + p));
      if (problems.size() > MAX_PROBLEMS) {
        r.warn(file.name() + ": " + (problems.size() - MAX_PROBLEMS) + " more of the first " + SAMPLE_LINES + " lines are not JSON objects");
      }
      if (!columns.isEmpty()) {
        r.property("columns", new ArrayList<>(columns));
        r.property("column_count", columns.size());
      }
      if (!s.stoppedAtBudget()) {
        r.property("rows", rows);
        r.property("rows_estimated", false);
      } else if (rows == 0) {
        r.warn(file.name() + ": no complete line in the first " + limit
            + " bytes (limits.max_read_bytes); rows not estimated");
      } else {
        r.property("rows", Math.round(rows / (double) lastEnd * file.size()));
        r.property("rows_estimated", true);
      }
    }
    return List.of(r);
  }

  private static void readKeys(RecordScanner s, long line, Set<String> columns, List<String> problems) {
    if (s.fieldCut()) {
      problems.add("line " + line + " is longer than " + MAX_LINE_BYTES + " bytes; its keys are not read");
      return;
    }
    try {
      JsonNode row = JsonTrees.parse(s.fields().get(0), "line " + line);
      if (row.isObject()) {
        row.fieldNames().forEachRemaining(k -> {
          if (columns.size() < DelimitedTable.MAX_COLUMNS) {
            columns.add(k);
          }
        });
      } else {
        problems.add("line " + line + " is JSON but not an object");
      }
    } catch (MalformedFileException e) {
      problems.add(e.getMessage());
    } catch (IOException e) {
      problems.add("line " + line + " could not be read: " + e.getMessage());
    }
  }
}
