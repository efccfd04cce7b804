package io.mlindex.parsers.keras;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.util.MetricCsv;
import io.mlindex.parsers.util.Numbers;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which files are Keras training histories, decided from the name and the first bytes only. Being
 * wrong costs a dataset its proper record, so the rules are narrow: a file named like a history or
 * training log whose header names metrics and whose first row is numbers, or any CSV whose header
 * is exactly {@code epoch} followed by metric names.
 */
final class KerasHistoryFiles {
  private static final Pattern HISTORY_NAME =
      Pattern.compile("(.*[_-])?(train(ing)?[_-]?)?(history|log|logs)([_-].*)?\\.(csv|log)|training\\.log");
  private static final Pattern HISTORY_JSON = Pattern.compile("(.*[_-])?(train(ing)?[_-]?)?history([_-].*)?\\.json");
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]{0,99}");
  private static final Pattern METRIC_WORD = Pattern.compile(
      "(?i).*(loss|acc|accuracy|error|mae|mse|rmse|auc|precision|recall|f1|iou|dice|lr|learning_rate|perplexity|top_?\\d).*");
  /** A JSON object whose first member is a list of numbers: {@code {"loss": [0.9, ...}. */
  private static final Pattern JSON_HEAD =
      Pattern.compile("\\A\\s*\\{\\s*\"[^\"]{1,100}\"\\s*:\\s*\\[\\s*(-?[0-9]|NaN|-?Infinity|null)");

  private KerasHistoryFiles() {}

  enum Kind { CSV, JSON }

  /** The kind of history the file is, or null when it is not one. */
  static Kind kindOf(FileCandidate file) {
    String name = file.lowerName();
    if (file.size() == 0) {
      return null;
    }
    if (name.endsWith(".json")) {
      return HISTORY_JSON.matcher(name).matches() && looksLikeJsonHistory(file.headText()) ? Kind.JSON : null;
    }
    if (!(name.endsWith(".csv") || name.endsWith(".log"))) {
      return null;
    }
    List<String> lines = firstLines(file.headText());
    if (lines.isEmpty()) {
      return null;
    }
    List<String> header = MetricCsv.split(lines.get(0), ',');
    boolean named = HISTORY_NAME.matcher(name).matches();
    boolean epochFirst = header.size() >= 2 && header.get(0).equals("epoch");
    if (!(named || epochFirst) || !metricHeader(header)) {
      return null;
    }
    return lines.size() < 2 || numericRow(MetricCsv.split(lines.get(1), ','), header.size()) ? Kind.CSV : null;
  }

  /**
   * Every column a plain name (the first may be empty: a pandas index), no duplicates, no {@code
   * step} (Lightning's CSVLogger writes one, Keras's never does), and at least one metric-like name.
   */
  private static boolean metricHeader(List<String> header) {
    boolean metric = false;
    for (int i = 0; i < header.size(); i++) {
      String c = header.get(i);
      if (c.equals("step") || !(COLUMN.matcher(c).matches() || (i == 0 && c.isEmpty()))) {
        return false;
      }
      metric |= !c.equals("epoch") && METRIC_WORD.matcher(c).matches();
    }
    return metric && header.stream().distinct().count() == header.size();
  }

  private static boolean numericRow(List<String> cells, int columns) {
    if (cells.size() != columns) {
      return false;
    }
    for (String c : cells) {
      if (!c.isEmpty() && Numbers.parseDouble(c) == null) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksLikeJsonHistory(String head) {
    return JSON_HEAD.matcher(head).find() && METRIC_WORD.matcher(head.substring(0, Math.min(head.length(), 4096))).find();
  }

  /** The complete lines in the head (the last one may be cut by the head's end, so it is dropped unless it is the only one). */
  private static List<String> firstLines(String head) {
    String[] parts = head.split("\r?\n", 3);
    if (parts.length <= 1) {
      return parts.length == 1 && !parts[0].isBlank() ? List.of(parts[0].trim()) : List.of();
    }
    return parts.length == 2 && !head.endsWith("\n") ? List.of(parts[0].trim()) : List.of(parts[0].trim(), parts[1].trim());
  }

}
