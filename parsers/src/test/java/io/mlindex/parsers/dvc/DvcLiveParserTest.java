package io.mlindex.parsers.dvc;

import static io.mlindex.parsers.TestTrees.view;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DvcLiveParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final DvcLiveParser parser = new DvcLiveParser();
  private final Path live = fs.getPath("/p/dvclive");

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private Record parse(Path dir) throws IOException {
    List<Record> records = parser.parse(view(dir), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void seriesSummaryAndParamsMakeOneRun() throws IOException {
    write(live.resolve("metrics.json"), "{\"train\": {\"acc\": 0.99, \"loss\": 0.03}, \"step\": 2, \"extra\": {\"f1\": 0.5}}");
    write(live.resolve("params.yaml"), "optimizer:\n  lr: 0.001\nepochs: 3\n");
    write(live.resolve("plots/metrics/train/acc.tsv"), "step\ttrain/acc\n0\t0.9\n1\t0.95\n2\t0.99\n");
    write(live.resolve("plots/metrics/train/loss.tsv"), "timestamp\tstep\ttrain/loss\n1700000000\t0\t0.3\n1700000001\t1\t0.1\n1700000002\t2\t0.03\n");
    write(live.resolve("plots/images/confusion.png"), "png");
    Record r = parse(live);
    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("dvc", r.getFormat());
    assertEquals("/p/dvclive", r.getPath());
    Metric acc = r.getMetrics().get("train/acc");
    assertEquals(0.99, acc.last());
    assertEquals(0.9, acc.min());
    assertEquals(3, acc.steps());
    assertEquals(2L, acc.lastStep());
    assertEquals(0.03, r.getMetrics().get("train/loss").last());
    assertFalse(r.getMetrics().containsKey("train.acc"), "summary values with a series are not repeated");
    assertEquals(0.5, r.getMetrics().get("extra.f1").last());
    assertEquals(2.0, r.getMetrics().get("step").last());
    assertEquals(0.001, r.getParams().get("optimizer.lr"));
    assertEquals(3L, r.getParams().get("epochs"));
    assertEquals(List.of("plots/images/confusion.png"), r.getProperties().get("plots"));
    assertTrue(r.getSources().contains("/p/dvclive/metrics.json"));
    assertTrue(r.getSources().contains("/p/dvclive/params.yaml"));
    assertTrue(r.getSources().contains("/p/dvclive/plots/metrics/train/acc.tsv"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void nonFiniteValuesAreKeptAndDuplicateStepsWarned() throws IOException {
    write(live.resolve("plots/metrics/loss.tsv"), "step\tloss\n0\t0.5\n1\tnan\n1\t0.4\n2\tinf\n");
    write(live.resolve("metrics.json"), "{\"loss\": Infinity}");
    Record r = parse(live);
    Metric loss = r.getMetrics().get("loss");
    assertEquals(4, loss.steps());
    assertEquals(Double.POSITIVE_INFINITY, loss.last());
    assertEquals(0.4, loss.min());
    assertEquals(0.5, loss.max());
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("loss.tsv") && w.contains("not after the previous")),
        r.getWarnings().toString());
  }

  @Test
  void emptyAndMalformedSeriesAreWarnings() throws IOException {
    write(live.resolve("plots/metrics/empty.tsv"), "");
    write(live.resolve("plots/metrics/acc.tsv"), "step\tacc\n0\t0.1\nx\ty\n1\t0.2\n");
    write(live.resolve("metrics.json"), "{broken");
    Record r = parse(live);
    String w = String.join("\n", r.getWarnings());
    assertTrue(w.contains("empty.tsv is empty"), w);
    assertTrue(w.contains("acc.tsv: skipped 1 row"), w);
    assertTrue(w.contains("metrics.json is not valid JSON"), w);
    assertEquals(2, r.getMetrics().get("acc").steps());
    assertNull(r.getMetrics().get("empty"));
  }

  @Test
  void legacyLayoutWithScalarsAndSiblingSummary() throws IOException {
    write(live.resolve("scalars/val_loss.tsv"), "timestamp\tstep\tval_loss\n1\t0\t0.7\n2\t1\t0.6\n");
    write(fs.getPath("/p/dvclive.json"), "{\"val_loss\": 0.6, \"acc\": 0.8}");
    Record r = parse(live);
    assertEquals(0.6, r.getMetrics().get("val_loss").last());
    assertEquals(2, r.getMetrics().get("val_loss").steps());
    assertEquals(0.8, r.getMetrics().get("acc").last());
    assertTrue(r.getSources().contains("/p/dvclive.json"));
  }

  @Test
  void claimsDvcLiveFolders() {
    write(live.resolve("metrics.json"), "{}");
    assertTrue(parser.claims(view(live)));
    Path custom = fs.getPath("/p/results");
    write(custom.resolve("metrics.json"), "{}");
    write(custom.resolve("plots/metrics/a.tsv"), "step\ta\n");
    assertTrue(parser.claims(view(custom)));
    Path plain = fs.getPath("/p/other");
    write(plain.resolve("metrics.json"), "{}");
    assertFalse(parser.claims(view(plain)));
  }
}
