package io.mlindex.parsers.notebook;

import io.mlindex.parsers.util.Numbers;
import io.mlindex.record.Record;
import io.mlindex.record.SeriesBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metrics read from what a notebook printed: {@code accuracy: 0.93}, {@code Test loss = 0.12},
 * {@code F1 score 0.88}; Keras epoch lines as series over epochs (only the final update of each
 * epoch); XGBoost / LightGBM evaluation lines ({@code [10] train-rmse:0.5}) as series over
 * iterations; scikit-learn {@code classification_report} tables (per class and averages); and
 * {@code execute_result} scalars of cells that end in a metric-named expression. Names are
 * normalised ({@link MetricNames}); the name as printed is kept in {@code printed_names.<name>}.
 * Every value is a guess from text, so values of the same name form one series in output order.
 */
final class PrintedMetrics {
  private static final int MAX_METRICS = 500;
  private static final String NUMBER = "[-+]?(?:\\d+\\.\\d*|\\.\\d+|\\d+)(?:[eE][-+]?\\d+)?";
  private static final String NUMBER_END = "(?![\\d.]*\\d|[A-Za-z_])";

  private static final Pattern GENERIC =
      Pattern.compile(
          "(?i)(?<![\\w.])((?:(?:" + MetricNames.PREFIXES + ")[ _-]?){0,2}(?:" + MetricNames.BASES + "))"
              + "(?![\\w-])\\s*(?:\\([^)\\n]{0,20}\\))?\\s*(?:[:=]|\\bis\\b)?\\s*(?:np\\.float\\d*\\()?"
              + "(" + NUMBER + ")" + NUMBER_END + "(\\s*%)?");
  private static final Pattern EPOCH = Pattern.compile("^\\s*Epoch\\s+(\\d+)\\s*/\\s*(\\d+)\\s*$");
  private static final Pattern KERAS_PROGRESS = Pattern.compile("^\\s*(\\d+)/(\\d+)\\b");
  private static final Pattern KERAS_PAIR =
      Pattern.compile("(?:^|\\s-\\s)([A-Za-z_][\\w]*):\\s+(" + NUMBER + "|nan|inf)" + NUMBER_END);
  private static final Pattern BOOSTING_LINE = Pattern.compile("^\\[(\\d+)\\]\\s+(.+)$");
  private static final Pattern XGB_PAIR = Pattern.compile("([A-Za-z_]\\w*-[\\w@-]+):(" + NUMBER + ")" + NUMBER_END);
  private static final Pattern LGB_PAIR =
      Pattern.compile("([A-Za-z_]\\w*)'s ([\\w@-]+):\\s*(" + NUMBER + ")" + NUMBER_END);
  private static final Pattern REPORT_HEADER = Pattern.compile("^\\s*precision\\s+recall\\s+f1-score\\s+support\\s*$");
  private static final Pattern REPORT_ROW =
      Pattern.compile("^\\s*(\\S.*?)\\s+(\\d+(?:\\.\\d+)?)\\s+(\\d+(?:\\.\\d+)?)\\s+(\\d+(?:\\.\\d+)?)\\s+(\\d+)\\s*$");
  private static final Pattern REPORT_ACCURACY = Pattern.compile("^\\s*accuracy\\s+(\\d+(?:\\.\\d+)?)\\s+(\\d+)\\s*$");
  private static final Pattern SCALAR_RESULT =
      Pattern.compile("^(?:(?:np|numpy)\\.float\\d*\\(|tensor\\()?\\s*(" + NUMBER + ")\\s*\\)?$");
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007]*\u0007");

  private final Map<String, SeriesBuilder> series = new LinkedHashMap<>();
  private final Map<String, String> printed = new LinkedHashMap<>();
  private long epoch = -1;
  private long stepsPerEpoch = -1;
  private Map<String, Double> pendingEpoch;
  private boolean pendingHasEta;
  private boolean inReport;

  /** One stream output (stdout or stderr). */
  void stream(String text) {
    for (String raw : text.split("\n", -1)) {
      line(displayed(raw));
    }
    inReport = false;
  }

  /** An {@code execute_result}: a number whose cell ends in a metric-named expression counts. */
  void result(String plain, String cellSource) {
    Matcher m = SCALAR_RESULT.matcher(plain.strip());
    if (!m.matches()) {
      return;
    }
    String name = CellEnd.expressionName(cellSource);
    if (name != null && (MetricNames.isMetric(name) || name.equals("score"))) {
      add(name, Numbers.parseDouble(m.group(1)), -1);
    }
  }

  /** A cell ended: an epoch still open is complete. */
  void endCell() {
    flushEpoch();
    epoch = -1;
    stepsPerEpoch = -1;
  }

  /** What a terminal would show of a line: ANSI codes dropped, the text after the last carriage return or backspace run. */
  private static String displayed(String raw) {
    String s = raw.indexOf('\u001B') >= 0 ? ANSI.matcher(raw).replaceAll("") : raw;
    for (char redraw : new char[] {'\r', '\b'}) {
      int at = s.lastIndexOf(redraw);
      while (at >= 0) {
        String tail = s.substring(at + 1);
        if (!tail.isBlank()) {
          s = tail;
          break;
        }
        s = s.substring(0, at);
        at = s.lastIndexOf(redraw);
      }
    }
    return s;
  }

  private void line(String line) {
    if (line.isBlank()) {
      return;
    }
    Matcher m = EPOCH.matcher(line);
    if (m.matches()) {
      flushEpoch();
      epoch = Long.parseLong(m.group(1));
      return;
    }
    if (REPORT_HEADER.matcher(line).matches()) {
      inReport = true;
      return;
    }
    if (inReport && reportRow(line)) {
      return;
    }
    inReport = false;
    if (kerasLine(line) || boostingLine(line)) {
      return;
    }
    Matcher g = GENERIC.matcher(line);
    while (g.find()) {
      Double v = Numbers.parseDouble(g.group(2));
      if (v != null && g.group(3) != null) {
        v = v / 100;
      }
      add(g.group(1), v, -1);
    }
  }

  private boolean kerasLine(String line) {
    Matcher progress = KERAS_PROGRESS.matcher(line);
    if (!progress.find() || !line.contains(" - ")) {
      return false;
    }
    Map<String, Double> pairs = new LinkedHashMap<>();
    Matcher p = KERAS_PAIR.matcher(line);
    while (p.find()) {
      pairs.put(p.group(1), Numbers.parseDouble(p.group(2)));
    }
    if (pairs.isEmpty()) {
      return false;
    }
    boolean eta = line.contains("ETA");
    long total = Long.parseLong(progress.group(2));
    if (epoch >= 0 && stepsPerEpoch >= 0 && total != stepsPerEpoch && !eta) {
      flushEpoch(); // an evaluate() after fit(): not part of the epoch series
      epoch = -1;
    }
    if (epoch >= 0) {
      stepsPerEpoch = total;
      if (pendingEpoch == null || !eta || pendingHasEta) {
        pendingEpoch = pairs;
        pendingHasEta = eta;
      }
    } else if (!eta) {
      pairs.forEach((k, v) -> add(k, v, -1));
    }
    return true;
  }

  private void flushEpoch() {
    if (pendingEpoch != null) {
      pendingEpoch.forEach((k, v) -> add(k, v, epoch));
      pendingEpoch = null;
    }
  }

  private boolean boostingLine(String line) {
    Matcher m = BOOSTING_LINE.matcher(line.strip());
    if (!m.matches()) {
      return false;
    }
    long step = Long.parseLong(m.group(1));
    boolean any = false;
    Matcher x = XGB_PAIR.matcher(m.group(2));
    while (x.find()) {
      add(x.group(1), Numbers.parseDouble(x.group(2)), step);
      any = true;
    }
    Matcher l = LGB_PAIR.matcher(m.group(2));
    while (l.find()) {
      add(l.group(1) + "." + l.group(2), Numbers.parseDouble(l.group(3)), step);
      any = true;
    }
    return any;
  }

  private boolean reportRow(String line) {
    Matcher acc = REPORT_ACCURACY.matcher(line);
    if (acc.matches()) {
      add("accuracy", Numbers.parseDouble(acc.group(1)), -1);
      return true;
    }
    Matcher row = REPORT_ROW.matcher(line);
    if (!row.matches()) {
      return false;
    }
    String label = row.group(1).strip();
    String prefix = label.matches("(?i)(macro|micro|weighted|samples) avg")
        ? label.toLowerCase(java.util.Locale.ROOT).replace(' ', '_')
        : "class." + label.replace(' ', '_');
    String[] columns = {"precision", "recall", "f1"};
    for (int c = 0; c < columns.length; c++) {
      addExact(prefix + "." + columns[c], label + " " + (c == 2 ? "f1-score" : columns[c]),
          Numbers.parseDouble(row.group(c + 2)));
    }
    return true;
  }

  private void add(String printedName, Double value, long step) {
    addExact(printedName.contains(".") ? printedName.toLowerCase(java.util.Locale.ROOT) : MetricNames.normalise(printedName),
        printedName.strip(), value, step);
  }

  private void addExact(String name, String printedName, Double value) {
    addExact(name, printedName, value, -1);
  }

  private void addExact(String name, String printedName, Double value, long step) {
    if (value == null || name.isEmpty()) {
      return;
    }
    SeriesBuilder b = series.get(name);
    if (b == null) {
      if (series.size() >= MAX_METRICS) {
        return;
      }
      b = new SeriesBuilder();
      series.put(name, b);
    }
    if (step >= 0) {
      b.add(step, value);
    } else {
      b.add(value);
    }
    if (!printedName.equals(name)) {
      printed.putIfAbsent(name, printedName);
    }
  }

  void apply(Record r) {
    series.forEach((name, b) -> r.metric(name, b.build()));
    printed.forEach((name, p) -> r.property("printed_names." + name, p));
  }
}
