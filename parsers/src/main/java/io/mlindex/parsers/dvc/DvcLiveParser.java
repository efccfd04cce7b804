package io.mlindex.parsers.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DVCLive output folder as one run: the series under {@code plots/metrics/} (one TSV per metric,
 * named by its path: {@code train/acc}), the summary {@code metrics.json} (values with no series
 * of their own are added, nested names joined with dots), and {@code params.yaml}. The 0.x/1.x
 * layouts ({@code scalars/*.tsv} or TSVs at the top, summary {@code <folder>.json} beside the
 * folder) are read too.
 */
public final class DvcLiveParser implements DirectoryParser {
  private static final String[] SERIES_FOLDERS = {"plots/metrics", "scalars"};
  private static final String[] PLOT_FOLDERS = {"plots/images", "plots/sklearn", "plots/custom"};
  /** Most plot files listed by name. */
  private static final int MAX_PLOTS = 200;

  @Override
  public String name() {
    return "dvclive";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    return isLiveFolder(dir);
  }

  /** DVCLive's folder: called {@code dvclive} with its files, or any folder with its layout. */
  static boolean isLiveFolder(DirectoryView dir) {
    if (dir.hasFile("dvc.lock")) {
      return false;
    }
    boolean summary = dir.hasFile("metrics.json") || dir.hasFile("params.yaml");
    if (dir.name().equals("dvclive")) {
      return summary || dir.hasDir("plots") || dir.hasDir("scalars");
    }
    return summary && dir.hasDir("plots") && Files.isDirectory(dir.resolve("plots").resolve("metrics"));
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Path folder = dir.path();
    Record r = new Record(RecordKind.RUN, DvcProjectParser.FORMAT, PosixPaths.of(folder));
    r.setName(folder.getParent() != null && folder.getParent().getFileName() != null
        ? folder.getParent().getFileName() + "/" + dir.name() : dir.name());
    r.property("tool", "dvclive");
    long limit = context.limits().maxReadBytes();

    TsvSeries tsv = new TsvSeries(context);
    for (String sub : SERIES_FOLDERS) {
      tsv.readFolder(folder.resolve(sub), r);
    }
    for (String f : dir.files()) {
      if (f.endsWith(".tsv")) {
        tsv.readFile(folder.resolve(f), f.substring(0, f.length() - 4), r);
      }
    }

    Path summary = folder.resolve("metrics.json");
    if (!dir.hasFile("metrics.json") && folder.getParent() != null) {
      summary = folder.getParent().resolve(dir.name() + ".json");
    }
    if (Files.isRegularFile(summary)) {
      summary(summary, r, limit);
    }
    if (dir.hasFile("params.yaml")) {
      Path params = folder.resolve("params.yaml");
      r.source(PosixPaths.of(params));
      try {
        YamlTrees.Result y = YamlTrees.read(params, limit);
        y.warnings().forEach(r::warn);
        Map<String, Object> flat = new LinkedHashMap<>();
        Flatten.into(flat, "", y.tree());
        flat.forEach(r::param);
      } catch (IOException e) {
        r.warn(e.getMessage());
      }
    }
    listPlots(folder, r);
    if (dir.hasFile("report.html") || dir.hasFile("report.md")) {
      r.property("report", PosixPaths.of(folder.resolve(dir.hasFile("report.html") ? "report.html" : "report.md")));
    }
    return List.of(r);
  }

  /** Summary values; a value that also has a series ({@code train.acc} = {@code train/acc}) keeps the series. */
  private static void summary(Path file, Record r, long limit) {
    r.source(PosixPaths.of(file));
    JsonNode tree;
    try {
      tree = JsonTrees.read(file, limit);
    } catch (IOException e) {
      r.warn(e.getMessage());
      return;
    }
    Record values = new Record(RecordKind.RUN, DvcProjectParser.FORMAT, r.getPath());
    MetricValues.into(values, tree, file);
    values.getWarnings().forEach(r::warn);
    for (Map.Entry<String, Metric> e : values.getMetrics().entrySet()) {
      String name = e.getKey();
      if (!r.getMetrics().containsKey(name) && !r.getMetrics().containsKey(name.replace('.', '/'))) {
        r.metric(name, e.getValue());
      }
    }
  }

  private static void listPlots(Path folder, Record r) {
    List<String> plots = new ArrayList<>();
    for (String sub : PLOT_FOLDERS) {
      Path p = folder.resolve(sub);
      if (!Files.isDirectory(p)) {
        continue;
      }
      try (var walk = Files.walk(p, 4)) {
        walk.filter(Files::isRegularFile)
            .map(f -> folder.relativize(f).toString().replace('\\', '/'))
            .sorted()
            .limit(MAX_PLOTS - plots.size())
            .forEach(plots::add);
      } catch (IOException | RuntimeException e) {
        r.warn(sub + " could not be listed: " + e.getMessage());
      }
    }
    r.property("plots", plots.isEmpty() ? null : plots);
  }
}
