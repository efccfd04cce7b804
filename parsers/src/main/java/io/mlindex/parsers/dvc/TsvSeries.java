package io.mlindex.parsers.dvc;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.StepOrder;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.SeriesBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * DVCLive's metric series: one TSV per metric with a header row, a {@code step} column (the row
 * number where there is none), an optional {@code timestamp} and the value in the last column.
 * Files are streamed line by line, whatever their size.
 */
final class TsvSeries {
  /** Most series files read from one folder tree. */
  static final int MAX_FILES = 1000;
  private static final int MAX_DEPTH = 8;

  private final ParseContext context;

  TsvSeries(ParseContext context) {
    this.context = context;
  }

  /** Every {@code *.tsv} under the folder, named by its path below it without the extension. */
  void readFolder(Path folder, Record r) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder, MAX_DEPTH)) {
      walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".tsv"))
          .sorted()
          .limit(MAX_FILES + 1L)
          .forEach(files::add);
    } catch (IOException | RuntimeException e) {
      r.warn(folder.getFileName() + " could not be listed: " + e.getMessage());
      return;
    }
    if (files.size() > MAX_FILES) {
      files = files.subList(0, MAX_FILES);
      r.warn(folder.getFileName() + ": more than " + MAX_FILES + " series; only the first were read");
    }
    for (Path f : files) {
      String rel = folder.relativize(f).toString().replace('\\', '/');
      readFile(f, rel.substring(0, rel.length() - 4), r);
    }
  }

  void readFile(Path file, String name, Record r) {
    r.source(PosixPaths.of(file));
    SeriesBuilder series = new SeriesBuilder();
    StepOrder order = new StepOrder();
    int stepColumn = -1;
    int valueColumn = -1;
    long row = 0;
    long bad = 0;
    String firstBad = null;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || header.isBlank()) {
        r.warn(name + ".tsv is empty");
        return;
      }
      String[] columns = header.split("\t", -1);
      for (int i = 0; i < columns.length; i++) {
        String c = columns[i].trim();
        if (c.equals("step")) {
          stepColumn = i;
        } else if (!c.equals("timestamp")) {
          valueColumn = i;
        }
      }
      if (valueColumn < 0) {
        r.warn(name + ".tsv has no value column (header '" + abbreviate(header) + "')");
        return;
      }
      String line;
      while ((line = in.readLine()) != null) {
        if ((++row & 0xfff) == 0) {
          context.checkDeadline();
        }
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        Double value = valueColumn < cells.length ? Numbers.parseDouble(cells[valueColumn]) : null;
        Long step = stepColumn < 0 ? Long.valueOf(series.count())
            : stepColumn < cells.length ? step(cells[stepColumn]) : null;
        if (value == null || step == null) {
          if (bad++ == 0) {
            firstBad = "row " + row + " '" + abbreviate(line) + "'";
          }
          continue;
        }
        order.see(step);
        series.add(step, value);
      }
    } catch (IOException e) {
      r.warn(name + ".tsv could not be read: " + e.getMessage());
    }
    if (bad > 0) {
      r.warn(name + ".tsv: skipped " + bad + " row(s) without a number, first " + firstBad);
    }
    String w = order.warning(name + ".tsv");
    if (w != null) {
      r.warn(w);
    }
    Metric m = series.build();
    if (m != null) {
      r.metric(name, m);
    }
  }

  /** A step as DVCLive writes it: an integer, sometimes as a float ({@code 3.0}). */
  private static Long step(String cell) {
    Long l = Numbers.parseLong(cell);
    if (l != null) {
      return l;
    }
    Double d = Numbers.parseDouble(cell);
    return d != null && Double.isFinite(d) && d == Math.rint(d) ? Long.valueOf(d.longValue()) : null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
