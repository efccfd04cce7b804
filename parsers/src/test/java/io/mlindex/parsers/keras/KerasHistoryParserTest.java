package io.mlindex.parsers.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KerasHistoryParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final KerasHistoryParser parser = new KerasHistoryParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private FileCandidate file(String path, String text) {
    return TestTrees.candidate(TestTrees.write(fs.getPath(path), text));
  }

  private Record parse(FileCandidate f) throws IOException {
    assertTrue(parser.supports(f), f.path().toString());
    return parser.parse(f, new ParseContext()).get(0);
  }

  @Test
  void csvLoggerFileIsSteppedByEpoch() throws IOException {
    Record r = parse(file("/exp/cnn/training.log",
        "epoch,accuracy,loss,val_accuracy,val_loss\n"
            + "0,0.5,1.2,0.55,1.1\n"
            + "1,0.7,0.8,0.68,0.9\n"
            + "2,0.8,0.5,0.71,0.85\n"));

    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("keras-csv", r.getFormat());
    assertEquals("cnn", r.getName());
    Metric valLoss = r.getMetrics().get("val_loss");
    assertEquals(0.85, valLoss.last(), 0);
    assertEquals(2L, valLoss.lastStep());
    assertEquals(3, valLoss.steps());
    assertFalse(r.getMetrics().containsKey("epoch"));
    assertEquals(3L, r.getProperties().get("rows"));
    assertEquals(List.of("accuracy", "loss", "val_accuracy", "val_loss"), r.getProperties().get("columns"));
    assertEquals(2L, r.getProperties().get("max_epoch"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void historyWithoutEpochIsSteppedByRow() throws IOException {
    Record r = parse(file("/exp/history.csv", "loss,val_loss\n0.9,1.0\n0.5,0.7\n"));
    assertEquals(0.7, r.getMetrics().get("val_loss").last(), 0);
    assertEquals(1L, r.getMetrics().get("val_loss").lastStep());
    assertEquals(List.of("loss", "val_loss"), r.getProperties().get("columns"));
  }

  @Test
  void pandasIndexColumnIsNotAMetric() throws IOException {
    Record r = parse(file("/exp/model_history.csv", ",loss,accuracy\n0,0.9,0.4\n1,0.5,0.6\n"));
    assertEquals(List.of("loss", "accuracy"), List.copyOf(r.getMetrics().keySet()));
  }

  @Test
  void appendedLogsWarn() throws IOException {
    Record r = parse(file("/exp/log.csv", "epoch,loss\n0,0.9\n1,0.5\nepoch,loss\n0,0.8\n"));
    assertEquals(0.8, r.getMetrics().get("loss").last(), 0);
    assertEquals(3L, r.getProperties().get("rows"));
    assertTrue(r.getWarnings().get(0).startsWith("log.csv column loss: 1 value(s) logged at a step not after"),
        r.getWarnings().toString());
  }

  @Test
  void historyJsonDumpIsRead() throws IOException {
    Record r = parse(file("/exp/run1/history.json",
        "{\"loss\": [0.9, 0.5, 0.3], \"val_loss\": [1.0, NaN, 0.6], \"lr\": [0.01, 0.01, 0.001]}"));
    assertEquals(0.3, r.getMetrics().get("loss").last(), 0);
    assertEquals(2L, r.getMetrics().get("loss").lastStep());
    assertEquals(3, r.getMetrics().get("val_loss").steps());
    assertEquals(1.0, r.getMetrics().get("val_loss").max(), 0);
    assertEquals(3L, r.getProperties().get("rows"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void historyJsonWithStrayKeysWarns() throws IOException {
    Record r = parse(file("/exp/training_history.json", "{\"loss\": [0.9, 0.5], \"note\": \"hi\", \"acc\": [0.1]}"));
    assertEquals(0.5, r.getMetrics().get("loss").last(), 0);
    String w = String.join("\n", r.getWarnings());
    assertTrue(w.contains("[note] are not lists of numbers"), w);
    assertTrue(w.contains("differ in length"), w);
  }

  @Test
  void dataFilesAreNotClaimed() {
    assertFalse(parser.supports(file("/d/iris.csv", "sepal_length,sepal_width,species\n5.1,3.5,setosa\n")));
    assertFalse(parser.supports(file("/d/history.csv", "Date,Open,Close\n2020-01-01,1.0,2.0\n")));
    assertFalse(parser.supports(file("/d/history.csv", "year,population\n1990,1000\n")));
    assertFalse(parser.supports(file("/d/train.log", "[INFO] epoch 1 loss 0.5\n")));
    assertFalse(parser.supports(file("/d/scores.csv", "id,loss\n1,0.5\n")));
    assertFalse(parser.supports(file("/d/metrics.csv", "epoch,step,train_loss\n0,1,0.5\n")), "Lightning writes step");
    assertFalse(parser.supports(file("/d/history.json", "{\"events\": [\"a\", \"b\"]}")));
    assertFalse(parser.supports(file("/d/config.json", "{\"loss\": [0.1]}")));
    assertFalse(parser.supports(file("/d/history.csv", "")));
  }

  @Test
  void epochHeaderAnyNameIsClaimed() {
    assertTrue(parser.supports(file("/d/run_42.csv", "epoch,loss,val_loss\n0,1.0,1.1\n")));
  }
}
