package io.mlindex.parsers.util;

import io.mlindex.parsers.ParseContext;
import io.mlindex.record.SeriesBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams a CSV (or TSV) of metric columns, as training loggers write them (Lightning's and Keras's
 * CSVLogger, DVCLive's TSV): a header row, then one row per logging call. Every column but the
 * index columns ({@code step}, {@code epoch}) becomes a series; empty cells are skipped; the step of
 * a row is its step column, or its position when there is none. Memory stays bounded: a line is cut
 * at {@link #MAX_LINE_CHARS}, at most {@link #MAX_COLUMNS} columns are read.
 */
public final class MetricCsv {
  public static final int MAX_COLUMNS = 4096;
  public static final int MAX_LINE_CHARS = 1 << 20;
  private static final int DEADLINE_EVERY = 4096;

  /** What a metric table held. */
  public static final class Table {
    /** The header as written. */
    public final List<String> columns = new ArrayList<>();
    /** A series per metric column that had a value, in header order. */
    public final Map<String, SeriesBuilder> series = new LinkedHashMap<>();
    /** The largest value of each index column. */
    public final Map<String, Double> indexMax = new LinkedHashMap<>();
    /** Data rows read (blank lines and repeated headers not counted). */
    public long rows;
    public final List<String> warnings = new ArrayList<>();
  }

  private MetricCsv() {}

  /**
   * Reads a table.
   *
   * @param stepColumn the column holding each row's step, or null to number the rows 0, 1, 2, ...
   * @param indexColumns columns that are not metrics (the step column is always one)
   * @param delimiter ',' or '\t'
   */
  public static Table read(Path file, String stepColumn, Set<String> indexColumns, char delimiter, ParseContext context)
      throws IOException {
    Table t = new Table();
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    try (BoundedLineReader in = BoundedLineReader.open(file, MAX_LINE_CHARS)) {
      String header = in.readLine();
      while (header != null && header.isBlank()) {
        header = in.readLine();
      }
      if (header == null) {
        t.warnings.add(name + " is empty");
        return t;
      }
      List<String> cols = split(header, delimiter);
      if (cols.size() > MAX_COLUMNS) {
        t.warnings.add(name + " has " + cols.size() + " columns; only the first " + MAX_COLUMNS + " were read");
        cols = cols.subList(0, MAX_COLUMNS);
      }
      t.columns.addAll(cols);
      new Rows(t, name, cols, stepColumn, indexColumns).readAll(in, header, delimiter, context);
    }
    return t;
  }

  /** The state of one pass over the rows. */
  private static final class Rows {
    private final Table t;
    private final String name;
    private final List<String> cols;
    private final int stepIndex;
    private final boolean[] isIndex;
    private final SeriesBuilder[] builders;
    private final StepOrder[] orders;
    private long badCells;
    private String firstBad;
    private long ragged;
    private long cutLines;
    private Long previousStep;

    Rows(Table t, String name, List<String> cols, String stepColumn, Set<String> indexColumns) {
      this.t = t;
      this.name = name;
      this.cols = cols;
      this.stepIndex = stepColumn == null ? -1 : cols.indexOf(stepColumn);
      this.isIndex = new boolean[cols.size()];
      this.builders = new SeriesBuilder[cols.size()];
      this.orders = new StepOrder[cols.size()];
      for (int i = 0; i < cols.size(); i++) {
        isIndex[i] = i == stepIndex || indexColumns.contains(cols.get(i));
      }
    }

    void readAll(BoundedLineReader in, String header, char delimiter, ParseContext context) throws IOException {
      String line;
      while ((line = in.readLine()) != null) {
        if (in.lineNumber() % DEADLINE_EVERY == 0) {
          context.checkDeadline();
        }
        if (line.isBlank() || line.equals(header)) {
          continue;
        }
        if (in.lastLineWasCut()) {
          cutLines++;
        }
        row(split(line, delimiter), in.lineNumber());
      }
      for (int i = 0; i < cols.size(); i++) {
        if (builders[i] != null && !builders[i].isEmpty()) {
          t.series.putIfAbsent(cols.get(i), builders[i]);
        }
      }
      report();
    }

    private void row(List<String> cells, long lineNumber) {
      if (cells.size() != cols.size()) {
        ragged++;
      }
      long step = t.rows;
      if (stepIndex >= 0 && stepIndex < cells.size()) {
        Double s = Numbers.parseDouble(cells.get(stepIndex));
        if (s != null && Double.isFinite(s)) {
          step = (long) s.doubleValue();
        } else if (previousStep != null) {
          step = previousStep;
        }
      }
      previousStep = step;
      t.rows++;
      int n = Math.min(cells.size(), cols.size());
      for (int i = 0; i < n; i++) {
        String cell = cells.get(i);
        if (cell.isBlank()) {
          continue;
        }
        Double v = Numbers.parseDouble(cell);
        if (v == null) {
          if (badCells++ == 0) {
            firstBad = "line " + lineNumber + ", column " + cols.get(i) + ": '" + abbreviate(cell) + "'";
          }
          continue;
        }
        if (isIndex[i]) {
          t.indexMax.merge(cols.get(i), v, Math::max);
        } else {
          if (builders[i] == null) {
            builders[i] = new SeriesBuilder();
            orders[i] = new StepOrder();
          }
          builders[i].add(step, v);
          orders[i].see(step);
        }
      }
    }

    private void report() {
      String firstOutOfOrder = null;
      int outOfOrder = 0;
      for (int i = 0; i < cols.size(); i++) {
        String w = orders[i] == null ? null : orders[i].warning(name + " column " + cols.get(i));
        if (w != null && outOfOrder++ == 0) {
          firstOutOfOrder = w;
        }
      }
      if (outOfOrder > 0) {
        t.warnings.add(firstOutOfOrder + (outOfOrder > 1 ? " (and " + (outOfOrder - 1) + " more column(s) alike)" : ""));
      }
      if (badCells > 0) {
        t.warnings.add(name + ": " + badCells + " cell(s) are not numbers and were skipped (first at " + firstBad + ")");
      }
      if (ragged > 0) {
        t.warnings.add(name + ": " + ragged + " row(s) have a different number of cells than the header");
      }
      if (cutLines > 0) {
        t.warnings.add(name + ": " + cutLines + " line(s) longer than " + MAX_LINE_CHARS + " characters were cut");
      }
    }
  }

  /** Splits one CSV line; fields may be quoted ("a,b", with "" for a quote). */
  public static List<String> split(String line, char delimiter) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.toString().isBlank()) {
        quoted = true;
        cell.setLength(0);
      } else if (c == delimiter) {
        out.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString().trim());
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
