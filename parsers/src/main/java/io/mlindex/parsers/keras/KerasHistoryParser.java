package io.mlindex.parsers.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.FileTooLargeException;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.MalformedFileException;
import io.mlindex.parsers.util.MetricCsv;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.SeriesBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Keras training history: the CSVLogger's file ({@code history.csv}, {@code training.log}: an
 * {@code epoch} column and one column per metric) or a {@code history.json} dump of {@code
 * model.fit(...).history} (an object of equal-length number lists). Each metric becomes a series
 * stepped by its epoch, or by its row when there is no epoch. See {@link KerasHistoryFiles} for
 * which files count.
 */
public final class KerasHistoryParser implements FileParser {
  /** Above the generic CSV/JSON readers, below specific formats and Git LFS pointers. */
  static final int PRIORITY = 50;
  private static final Set<String> INDEX_COLUMNS = Set.of("epoch", "");

  @Override
  public String name() {
    return "keras-csv";
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return KerasHistoryFiles.kindOf(file) != null;
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.RUN, "keras-csv", PosixPaths.of(file.path()));
    Path parent = file.path().getParent();
    r.setName(parent != null && parent.getFileName() != null ? parent.getFileName().toString() : file.name());
    r.source(r.getPath());
    r.setSize(file.size());
    r.getCode().getFrameworks().add("keras");
    if (KerasHistoryFiles.kindOf(file) == KerasHistoryFiles.Kind.JSON) {
      readJson(file, r, context);
    } else {
      readCsv(file, r, context);
    }
    return List.of(r);
  }

  private static void readCsv(FileCandidate file, Record r, ParseContext context) throws IOException {
    MetricCsv.Table t = MetricCsv.read(file.path(), "epoch", INDEX_COLUMNS, ',', context);
    t.warnings.forEach(r::warn);
    t.series.forEach((name, s) -> r.metric(name, s.build()));
    r.property("rows", t.rows);
    r.property("columns", t.columns.stream().filter(c -> !INDEX_COLUMNS.contains(c)).toList());
    Double maxEpoch = t.indexMax.get("epoch");
    r.property("max_epoch", maxEpoch == null ? null : maxEpoch.longValue());
  }

  private static void readJson(FileCandidate file, Record r, ParseContext context) throws IOException {
    JsonNode tree;
    try {
      tree = JsonTrees.read(file.path(), context.limits().maxReadBytes());
    } catch (MalformedFileException | FileTooLargeException e) {
      r.warn(e.getMessage());
      return;
    }
    if (!tree.isObject()) {
      r.warn(file.name() + " is not a JSON object of metric lists");
      return;
    }
    JsonNode epochs = tree.path("epoch");
    List<String> columns = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    long rows = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("epoch")) {
        continue;
      }
      SeriesBuilder s = series(e.getValue(), epochs);
      if (s == null) {
        skipped.add(e.getKey());
        continue;
      }
      columns.add(e.getKey());
      rows = Math.max(rows, e.getValue().size());
      r.metric(e.getKey(), s.build());
    }
    r.property("rows", rows);
    r.property("columns", columns);
    if (!skipped.isEmpty()) {
      r.warn(file.name() + ": " + skipped + " are not lists of numbers and were not read as metrics");
    }
    if (columns.stream().map(c -> tree.get(c).size()).distinct().count() > 1) {
      r.warn(file.name() + ": the metric lists differ in length");
    }
  }

  /** A list of numbers (nulls skipped) as a series stepped by the epoch list, or null when it is not one. */
  private static SeriesBuilder series(JsonNode list, JsonNode epochs) {
    if (!list.isArray() || list.isEmpty()) {
      return null;
    }
    SeriesBuilder s = new SeriesBuilder();
    for (int i = 0; i < list.size(); i++) {
      JsonNode v = list.get(i);
      if (v.isNull()) {
        continue;
      }
      Double d = Flatten.number(v);
      if (d == null) {
        return null;
      }
      JsonNode epoch = epochs.path(i);
      s.add(epoch.canConvertToLong() ? epoch.asLong() : i, d);
    }
    return s.isEmpty() ? null : s;
  }
}
