package io.mlindex.cli;

import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search hits as rows: id, kind, format, name, then every metric, param or property the query or
 * sort mentions, then the path.
 */
final class RecordTable {
  private static final Pattern FIELD = Pattern.compile("\\b(metric|param|properties)\\.((?:[^\\s:\\\\()]|\\\\.)+)");
  private static final int MAX_CELL = 60;

  private final List<String> header = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  static RecordTable of(List<Record> hits, String query, String sort) {
    Set<String> fields = new LinkedHashSet<>();
    for (String text : new String[] {sort, query}) {
      if (text == null) {
        continue;
      }
      Matcher m = FIELD.matcher(text);
      while (m.find()) {
        String name = m.group(2).replaceAll("\\\\(.)", "$1");
        if (name.endsWith(":desc") || name.endsWith(":asc")) {
          name = name.substring(0, name.lastIndexOf(':'));
        }
        fields.add(m.group(1) + "." + name);
      }
    }
    RecordTable t = new RecordTable();
    t.header.addAll(List.of("ID", "KIND", "FORMAT", "NAME"));
    t.header.addAll(fields);
    t.header.add("PATH");
    for (Record r : hits) {
      List<String> row = new ArrayList<>();
      row.add(r.getId());
      row.add(r.getKind() == null ? "" : r.getKind().id());
      row.add(nz(r.getFormat()));
      row.add(nz(r.getName()));
      for (String f : fields) {
        row.add(valueOf(r, f));
      }
      row.add(nz(r.getPath()));
      t.rows.add(row);
    }
    return t;
  }

  static String valueOf(Record r, String field) {
    int dot = field.indexOf('.');
    String space = field.substring(0, dot);
    String name = field.substring(dot + 1);
    Object v =
        switch (space) {
          case "metric" -> {
            Metric m = r.getMetrics().get(name);
            yield m == null ? null : m.last();
          }
          case "param" -> r.getParams().get(name);
          default -> r.getProperties().get(name);
        };
    return format(v);
  }

  static String format(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return String.valueOf(d.longValue());
      }
      return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }
    return String.valueOf(v);
  }

  void writeTable(PrintWriter out) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    writeTable(out, all);
  }

  /** Rows (the first is the header) as aligned columns, long cells cut except in the last column. */
  static void writeTable(PrintWriter out, List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = rows.get(0).get(i).length(); // headers are never cut
    }
    for (List<String> row : rows.subList(1, rows.size())) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.min(MAX_CELL, Math.max(widths[i], row.get(i).length()));
      }
    }
    for (List<String> row : rows) {
      line(out, row, widths);
    }
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      boolean last = i == cells.size() - 1;
      if (!last && c.length() > widths[i]) {
        c = c.substring(0, widths[i] - 1) + "…";
      }
      sb.append(c);
      if (!last) {
        sb.append(" ".repeat(widths[i] - c.length() + 2));
      }
    }
    out.println(sb.toString().stripTrailing());
  }

  void writeCsv(PrintWriter out) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    writeCsv(out, all);
  }

  static void writeCsv(PrintWriter out, List<List<String>> rows) {
    for (List<String> row : rows) {
      out.println(csvLine(row));
    }
  }

  private static String csvLine(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String c = cells.get(i);
      if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
