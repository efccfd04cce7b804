package io.mlindex.parsers.data;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the shape of a delimited table (CSV, TSV) into a dataset record: delimiter, header
 * columns, column count and rows. Rows are counted exactly in files up to {@code
 * limits.max_read_bytes}; in bigger files they are estimated from the records in that many leading
 * bytes and marked {@code rows_estimated}. Memory stays bounded whatever the line lengths.
 */
final class DelimitedTable {
  static final int MAX_COLUMNS = 10_000;
  static final int MAX_NAME_BYTES = 1024;

  private DelimitedTable() {}

  /** Fills the record; {@code delimiter} is null to detect it from the first bytes. */
  static void read(FileCandidate file, Integer delimiter, Record r, ParseContext context)
      throws IOException {
    if (file.size() == 0) {
      r.warn(file.name() + ": empty file, no header and no rows");
      r.property("rows", 0L);
      return;
    }
    byte[] head = file.head();
    if (TextSniff.isUtf16(head)) {
      r.warn(file.name() + ": UTF-16 text is not read; columns and rows unknown");
      return;
    }
    if (TextSniff.isBinary(head)) {
      r.warn(file.name() + ": binary content, not delimited text; columns and rows not read");
      return;
    }
    int d = delimiter != null ? delimiter : TextSniff.csvDelimiter(head, head.length < file.size());
    r.property("delimiter", TextSniff.delimiterName(d));
    long limit = context.limits().maxReadBytes();
    boolean whole = file.size() <= limit;
    try (InputStream in = Files.newInputStream(file.path())) {
      RecordScanner s =
          new RecordScanner(
              in, d, true, MAX_NAME_BYTES, MAX_COLUMNS, whole ? Long.MAX_VALUE : limit,
              context::checkDeadline);
      if (!firstRecord(s)) {
        r.warn(file.name() + ": no complete line in the first " + limit
            + " bytes (limits.max_read_bytes); columns and rows not read");
        return;
      }
      readHeader(file, s, r);
      boolean header = Boolean.TRUE.equals(r.getProperties().get("header"));
      long dataStart = header ? s.position() : 0;
      long rows = header ? 0 : 1;
      long lastEnd = s.position();
      while (s.next(false)) {
        lastEnd = s.position();
        if (!s.blank()) {
          rows++;
        }
      }
      if (s.unterminatedQuote()) {
        r.warn(file.name() + ": a quoted field runs to the end of the file; the row count may be wrong");
      }
      if (!s.stoppedAtBudget()) {
        r.property("rows", rows);
        r.property("rows_estimated", false);
      } else if (rows == 0 || lastEnd <= dataStart) {
        r.warn(file.name() + ": no complete row in the first " + limit
            + " bytes (limits.max_read_bytes); rows not estimated");
      } else {
        double perByte = rows / (double) (lastEnd - dataStart);
        r.property("rows", Math.round(perByte * (file.size() - dataStart)));
        r.property("rows_estimated", true);
      }
    }
  }

  /** Skips leading blank lines; false when no complete record fits the budget. */
  private static boolean firstRecord(RecordScanner s) throws IOException {
    while (s.next(true)) {
      if (!s.blank()) {
        return true;
      }
    }
    return false;
  }

  private static void readHeader(FileCandidate file, RecordScanner s, Record r) {
    List<String> first = s.fields();
    r.property("column_count", s.fieldCount());
    boolean header = looksLikeHeader(first);
    r.property("header", header);
    if (header) {
      r.property("columns", new ArrayList<>(first));
    }
    if (s.fieldsCut()) {
      r.warn(file.name() + ": more than " + MAX_COLUMNS + " columns; only the first " + MAX_COLUMNS + " are listed");
    }
    if (s.fieldCut()) {
      r.warn(file.name() + ": a header field is longer than " + MAX_NAME_BYTES + " bytes and was cut");
    }
  }

  /**
   * A first line is taken as a header when none of its fields is a number: pandas and most tools
   * write one, and a line of data nearly always holds a number somewhere.
   */
  static boolean looksLikeHeader(List<String> fields) {
    for (String f : fields) {
      Double v = Numbers.parseDouble(f);
      if (v != null && Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
