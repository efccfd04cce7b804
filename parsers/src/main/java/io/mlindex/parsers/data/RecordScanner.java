package io.mlindex.parsers.data;

import io.mlindex.parsers.util.BoundedReads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of delimited text (CSV, TSV, JSON Lines) without holding a record in memory:
 * fields are kept only when asked and only up to a byte bound, so a file with one 2 GB line costs a
 * scan, not a 2 GB string. RFC 4180 quoting: a field that starts with {@code "} may hold
 * delimiters and line ends, and {@code ""} inside it is one quote.
 *
 * <p>It works on bytes: in ASCII-compatible encodings (UTF-8, Latin-1) delimiters, quotes and line
 * ends are single bytes that never occur inside a multi-byte character.
 */
final class RecordScanner {
  /** For line-per-record formats (JSON Lines): the whole line is one field. */
  static final int NO_DELIMITER = -1;

  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final int delimiter;
  private final boolean quoting;
  private final int maxFieldBytes;
  private final int maxFields;
  private final long budget;
  private final Runnable onRefill;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int len;
  private long position;
  private boolean eof;
  private boolean skipLineFeed;

  private final List<String> fields = new ArrayList<>();
  private final ByteArrayOutputStream field = new ByteArrayOutputStream();
  private boolean keep;
  private int fieldCount;
  private long recordBytes;
  private boolean fieldCut;
  private boolean fieldsCut;
  private boolean unterminatedQuote;
  private boolean stoppedAtBudget;

  /**
   * @param budget read at most this many bytes (the sample); {@link Long#MAX_VALUE} for all
   * @param onRefill called before each buffer refill (a deadline check)
   */
  RecordScanner(
      InputStream in, int delimiter, boolean quoting, int maxFieldBytes, int maxFields, long budget,
      Runnable onRefill) {
    this.in = in;
    this.delimiter = delimiter;
    this.quoting = quoting;
    this.maxFieldBytes = maxFieldBytes;
    this.maxFields = maxFields;
    this.budget = budget;
    this.onRefill = onRefill;
  }

  /**
   * Reads the next record, keeping its fields if {@code keepFields}. Returns false when the input
   * ended before a record began, or when the byte budget ran out inside a record ({@link
   * #stoppedAtBudget()}). A last record without a line end is complete at the end of the input.
   */
  boolean next(boolean keepFields) throws IOException {
    startRecord(keepFields);
    boolean inQuotes = false;
    boolean quotePending = false; // saw '"' inside quotes: a closing quote or the first of ""
    boolean atFieldStart = true;
    boolean any = false;
    while (true) {
      int b = read();
      if (b == -2) {
        stoppedAtBudget = true;
        return false;
      }
      if (b == -1) {
        if (!any) {
          return false;
        }
        unterminatedQuote |= inQuotes && !quotePending;
        endField();
        return true;
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (b == '\n') {
          continue;
        }
      }
      any = true;
      recordBytes++;
      if (quotePending) {
        quotePending = false;
        if (b == '"') {
          append(b);
          continue;
        }
        inQuotes = false;
      }
      if (inQuotes) {
        if (b == '"') {
          quotePending = true;
        } else {
          append(b);
        }
        continue;
      }
      if (b == '\n' || b == '\r') {
        skipLineFeed = b == '\r';
        recordBytes--;
        endField();
        return true;
      }
      if (b == delimiter) {
        endField();
        atFieldStart = true;
        continue;
      }
      if (atFieldStart && quoting && b == '"') {
        inQuotes = true;
      } else {
        append(b);
      }
      atFieldStart = false;
    }
  }

  private void startRecord(boolean keepFields) {
    keep = keepFields;
    fields.clear();
    field.reset();
    fieldCount = 0;
    recordBytes = 0;
    fieldCut = false;
    fieldsCut = false;
  }

  private void append(int b) {
    if (!keep || fields.size() >= maxFields) {
      return;
    }
    if (field.size() < maxFieldBytes) {
      field.write(b);
    } else {
      fieldCut = true;
    }
  }

  private void endField() {
    fieldCount++;
    if (keep) {
      if (fields.size() < maxFields) {
        fields.add(BoundedReads.decodeUtf8(field.toByteArray()));
      } else {
        fieldsCut = true;
      }
    }
    field.reset();
  }

  /** The next byte, -1 at the end of the input, -2 when the budget is spent. */
  private int read() throws IOException {
    if (pos == len) {
      if (eof) {
        return -1;
      }
      if (position >= budget) {
        return -2;
      }
      onRefill.run();
      int want = (int) Math.min(BUFFER, budget - position);
      len = in.read(buf, 0, want);
      pos = 0;
      if (len <= 0) {
        len = 0;
        eof = true;
        return -1;
      }
    }
    position++;
    return buf[pos++] & 0xFF;
  }

  /** The fields of the last record, if kept (decoded as UTF-8, each cut at the byte bound). */
  List<String> fields() {
    return fields;
  }

  /** How many fields the last record had (counted even when not kept). */
  int fieldCount() {
    return fieldCount;
  }

  /** Whether the last record was an empty line. */
  boolean blank() {
    return recordBytes == 0 && fieldCount <= 1;
  }

  /** Whether a kept field of the last record was longer than the bound and cut. */
  boolean fieldCut() {
    return fieldCut;
  }

  /** Whether the last record had more fields than are kept. */
  boolean fieldsCut() {
    return fieldsCut;
  }

  /** Whether some record ran to the end of the input inside quotes. */
  boolean unterminatedQuote() {
    return unterminatedQuote;
  }

  /** Whether reading stopped because the byte budget ran out. */
  boolean stoppedAtBudget() {
    return stoppedAtBudget;
  }

  /** Bytes consumed so far (after {@link #next} returned true: the offset after that record). */
  long position() {
    return position;
  }
}
