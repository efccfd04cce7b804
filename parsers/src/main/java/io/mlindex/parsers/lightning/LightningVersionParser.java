package io.mlindex.parsers.lightning;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.MetricCsv;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PyTorch Lightning logger folder ({@code version_N/}, under {@code lightning_logs/} or any other
 * name): {@code hparams.yaml} as flattened params and the CSVLogger's {@code metrics.csv} as one
 * series per column, stepped by its {@code step} column ({@code epoch} is an index, reported as
 * {@code max_epoch}). Event files beside them are left to the TensorBoard parser and only named
 * here. Python-tagged YAML is read as text, never constructed.
 */
public final class LightningVersionParser implements DirectoryParser {
  static final String HPARAMS = "hparams.yaml";
  static final String METRICS = "metrics.csv";
  private static final Pattern VERSION_DIR = Pattern.compile("version_[A-Za-z0-9._-]+");
  private static final Set<String> INDEX_COLUMNS = Set.of("step", "epoch");

  @Override
  public String name() {
    return "lightning";
  }

  /**
   * A {@code version_*} folder with either file, or any folder with both (a custom version name):
   * {@code hparams.yaml} alone elsewhere is a generic params file, not a Lightning run.
   */
  @Override
  public boolean claims(DirectoryView dir) {
    boolean hparams = dir.hasFile(HPARAMS);
    boolean metrics = dir.hasFile(METRICS);
    return (hparams && metrics) || ((hparams || metrics) && VERSION_DIR.matcher(dir.name()).matches());
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.RUN, "lightning", PosixPaths.of(dir.path()));
    r.setName(dir.name());
    Path parent = dir.path().getParent();
    if (parent != null && parent.getFileName() != null) {
      r.setExperiment(parent.getFileName().toString());
    }
    r.getCode().getFrameworks().add("lightning");
    if (dir.hasFile(HPARAMS)) {
      readHparams(dir.resolve(HPARAMS), r, context);
    }
    if (dir.hasFile(METRICS)) {
      readMetrics(dir.resolve(METRICS), r, context);
    }
    List<String> events = new ArrayList<>();
    for (String f : dir.files()) {
      if (f.startsWith("events.out.tfevents.")) {
        events.add(f);
      }
    }
    if (!events.isEmpty()) {
      r.property("event_files", events);
    }
    return List.of(r);
  }

  private static void readHparams(Path file, Record r, ParseContext context) {
    r.source(PosixPaths.of(file));
    try {
      YamlTrees.Result y = YamlTrees.read(file, context.limits().maxReadBytes());
      y.warnings().forEach(w -> r.warn(HPARAMS + ": " + w));
      JsonNode tree = untagTopLevel(y.tree(), r);
      if (tree.isObject()) {
        Flatten.into(r.getParams(), "", tree);
      } else if (!tree.isNull()) {
        r.warn(HPARAMS + " is not a mapping of names to values; it was not read as params");
      }
    } catch (IOException e) {
      r.warn(HPARAMS + " could not be read: " + e.getMessage());
    }
  }

  /**
   * Old Lightning versions dumped an {@code argparse.Namespace} whole: the document is one tagged
   * mapping, which YamlTrees returns as text. Its body is plain YAML again, so read that (nested
   * tags still become text) rather than lose every param.
   */
  private static JsonNode untagTopLevel(JsonNode tree, Record r) {
    if (!tree.isTextual()) {
      return tree;
    }
    String text = tree.asText();
    if (text.startsWith("!")) {
      int bodyStart = text.indexOf('\n');
      text = bodyStart < 0 ? "" : text.substring(bodyStart + 1);
    }
    try {
      YamlTrees.Result body = YamlTrees.parse(text, HPARAMS);
      if (body.tree().isObject() && !body.tree().isEmpty()) {
        body.warnings().forEach(w -> r.warn(HPARAMS + ": " + w));
        return body.tree();
      }
    } catch (IOException e) {
      // not a tagged mapping after all: keep the text
    }
    return tree;
  }

  private static void readMetrics(Path file, Record r, ParseContext context) {
    r.source(PosixPaths.of(file));
    try {
      MetricCsv.Table t = MetricCsv.read(file, "step", INDEX_COLUMNS, ',', context);
      t.warnings.forEach(r::warn);
      t.series.forEach((name, series) -> r.metric(name, series.build()));
      r.property("csv_rows", t.rows);
      r.property("csv_columns", t.columns);
      Double maxEpoch = t.indexMax.get("epoch");
      Double maxStep = t.indexMax.get("step");
      r.property("max_epoch", maxEpoch == null ? null : maxEpoch.longValue());
      r.property("max_step", maxStep == null ? null : maxStep.longValue());
      if (!t.columns.isEmpty() && !t.columns.contains("step")) {
        r.warn(METRICS + " has no step column; rows are numbered instead");
      }
    } catch (IOException e) {
      r.warn(METRICS + " could not be read: " + e.getMessage());
    }
  }
}
