package io.mlindex.parsers.lightning;

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

class LightningVersionParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final LightningVersionParser parser = new LightningVersionParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Record parse(Path dir) throws IOException {
    assertTrue(parser.claims(TestTrees.view(dir)), dir.toString());
    List<Record> records = parser.parse(TestTrees.view(dir), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void csvLoggerMetricsAreSeriesSteppedByTheStepColumn() throws IOException {
    Path dir = fs.getPath("/exp/my_model/version_3");
    TestTrees.write(dir.resolve("hparams.yaml"), "lr: 0.001\nmodel:\n  layers: 4\n  dims: [64, 32]\n");
    TestTrees.write(dir.resolve("metrics.csv"),
        "epoch,step,train_loss,val_acc\n"
            + "0,49,0.9,\n"
            + "0,99,0.7,\n"
            + "0,99,,0.5\n"
            + "1,149,0.4,\n"
            + "1,199,,0.75\n");
    Record r = parse(dir);

    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("lightning", r.getFormat());
    assertEquals("version_3", r.getName());
    assertEquals("my_model", r.getExperiment());
    assertEquals(0.001, r.getParams().get("lr"));
    assertEquals(4L, r.getParams().get("model.layers"));
    assertEquals(List.of(64L, 32L), r.getParams().get("model.dims"));
    Metric loss = r.getMetrics().get("train_loss");
    assertEquals(3, loss.steps()); // empty cells skipped
    assertEquals(0.4, loss.last(), 0);
    assertEquals(149L, loss.lastStep());
    Metric acc = r.getMetrics().get("val_acc");
    assertEquals(0.75, acc.last(), 0);
    assertEquals(199L, acc.lastStep());
    assertFalse(r.getMetrics().containsKey("epoch"));
    assertFalse(r.getMetrics().containsKey("step"));
    assertEquals(1L, r.getProperties().get("max_epoch"));
    assertEquals(199L, r.getProperties().get("max_step"));
    assertEquals(5L, r.getProperties().get("csv_rows"));
    assertEquals(List.of("epoch", "step", "train_loss", "val_acc"), r.getProperties().get("csv_columns"));
    assertEquals(List.of("/exp/my_model/version_3/hparams.yaml", "/exp/my_model/version_3/metrics.csv"), r.getSources());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void pythonTaggedValuesBecomeTextWithAWarning() throws IOException {
    Path dir = fs.getPath("/lightning_logs/version_0");
    TestTrees.write(dir.resolve("hparams.yaml"),
        "lr: 0.1\n"
            + "args: !!python/object:argparse.Namespace\n"
            + "  batch_size: 32\n"
            + "betas: !!python/tuple\n"
            + "- 0.9\n"
            + "- 0.999\n"
            + "seed: 7\n");
    Record r = parse(dir);

    assertEquals(0.1, r.getParams().get("lr"));
    assertEquals(7L, r.getParams().get("seed"));
    assertTrue(r.getParams().get("args").toString().contains("batch_size: 32"), r.getParams().toString());
    assertTrue(r.getParams().get("betas").toString().contains("0.999"), r.getParams().toString());
    assertEquals(2, r.getWarnings().size(), r.getWarnings().toString());
    assertTrue(r.getWarnings().get(0).startsWith("hparams.yaml: YAML tag"), r.getWarnings().get(0));
    assertTrue(r.getWarnings().get(0).contains("python/object:argparse.Namespace"), r.getWarnings().get(0));
  }

  @Test
  void wholeDocumentNamespaceIsReadAsItsMapping() throws IOException {
    Path dir = fs.getPath("/logs/version_1");
    TestTrees.write(dir.resolve("hparams.yaml"), "!!python/object:argparse.Namespace\nbatch_size: 32\nlr: 0.01\n");
    Record r = parse(dir);
    assertEquals(32L, r.getParams().get("batch_size"));
    assertEquals(0.01, r.getParams().get("lr"));
    assertFalse(r.getWarnings().isEmpty());
  }

  @Test
  void emptyHparamsIsFine() throws IOException {
    Path dir = fs.getPath("/lightning_logs/version_5");
    TestTrees.write(dir.resolve("hparams.yaml"), "");
    Record r = parse(dir);
    assertTrue(r.getParams().isEmpty());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
    assertEquals(List.of("/lightning_logs/version_5/hparams.yaml"), r.getSources());
  }

  @Test
  void eventFilesAreNamedButLeftToTheirOwnParser() throws IOException {
    Path dir = fs.getPath("/lightning_logs/version_2");
    TestTrees.write(dir.resolve("hparams.yaml"), "{}\n");
    TestTrees.write(dir.resolve("events.out.tfevents.1700000000.host.1.0"), new byte[] {1});
    Record r = parse(dir);
    assertEquals(List.of("events.out.tfevents.1700000000.host.1.0"), r.getProperties().get("event_files"));
    assertEquals(List.of("/lightning_logs/version_2/hparams.yaml"), r.getSources());
  }

  @Test
  void badInputBecomesWarnings() throws IOException {
    Path dir = fs.getPath("/lightning_logs/version_9");
    TestTrees.write(dir.resolve("hparams.yaml"), "lr: [unclosed\n");
    TestTrees.write(dir.resolve("metrics.csv"), "step,loss\n1,0.5\n2,oops\n3,nan\n4\n");
    Record r = parse(dir);

    assertTrue(r.getParams().isEmpty());
    Metric loss = r.getMetrics().get("loss");
    assertEquals(2, loss.steps());
    assertTrue(Double.isNaN(loss.last()));
    assertEquals(0.5, loss.max(), 0);
    String warnings = String.join("\n", r.getWarnings());
    assertTrue(warnings.contains("hparams.yaml could not be read"), warnings);
    assertTrue(warnings.contains("1 cell(s) are not numbers"), warnings);
    assertTrue(warnings.contains("different number of cells"), warnings);
    assertNull(r.getProperties().get("max_epoch"));
  }

  @Test
  void claimsVersionFoldersAndCustomNamesWithBothFiles() {
    Path a = fs.getPath("/x/version_0");
    TestTrees.write(a.resolve("metrics.csv"), "step,loss\n");
    Path b = fs.getPath("/x/run-final");
    TestTrees.write(b.resolve("metrics.csv"), "step,loss\n");
    TestTrees.write(b.resolve("hparams.yaml"), "");
    Path c = fs.getPath("/x/configs");
    TestTrees.write(c.resolve("hparams.yaml"), "lr: 1\n");
    Path d = fs.getPath("/x/version_1");
    TestTrees.write(d.resolve("events.out.tfevents.1.h.1.0"), "x");

    assertTrue(parser.claims(TestTrees.view(a)));
    assertTrue(parser.claims(TestTrees.view(b)));
    assertFalse(parser.claims(TestTrees.view(c)), "a lone hparams.yaml outside a version folder is generic");
    assertFalse(parser.claims(TestTrees.view(d)), "event files alone belong to the TensorBoard parser");
  }
}
