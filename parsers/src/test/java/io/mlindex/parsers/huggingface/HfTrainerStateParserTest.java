package io.mlindex.parsers.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HfTrainerStateParserTest {
  static final String STATE = """
      {
        "best_global_step": 20,
        "best_metric": 0.41,
        "best_model_checkpoint": "out/checkpoint-20",
        "epoch": 2.0,
        "eval_steps": 10,
        "global_step": 30,
        "is_hyper_param_search": false,
        "log_history": [
          {"epoch": 0.5, "grad_norm": 3.5, "learning_rate": 5e-05, "loss": 2.0, "step": 10},
          {"epoch": 0.5, "eval_loss": 0.5, "eval_runtime": 1.2, "step": 10},
          {"epoch": 1.0, "grad_norm": NaN, "learning_rate": 2.5e-05, "loss": 1.5, "step": 20,
           "eval_report": {"f1": 0.6, "label": "pos"}},
          {"epoch": 1.0, "eval_loss": 0.41, "eval_runtime": 1.1, "step": 20, "eval_note": "best so far"},
          {"epoch": 2.0, "step": 30, "total_flos": 1.5e12, "train_loss": 1.7, "train_runtime": Infinity},
          "garbage"
        ],
        "logging_steps": 10,
        "max_steps": 30,
        "num_train_epochs": 2,
        "save_steps": 10,
        "stateful_callbacks": {"TrainerControl": {"args": {"should_save": true}}},
        "total_flos": 1.5e12,
        "train_batch_size": 8,
        "trial_name": null,
        "trial_params": {"learning_rate": 5e-05, "warmup": {"ratio": 0.1}}
      }
      """;

  private FileSystem fs;
  private final HfTrainerStateParser parser = new HfTrainerStateParser();

  @BeforeEach
  void setUp() {
    fs = TestTrees.newFileSystem();
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private Record parse(Path file) throws IOException {
    List<Record> records = parser.parse(TestTrees.candidate(file), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void everyNumericLogHistoryKeyIsASeriesSteppedByItsEntry() throws IOException {
    Path f = TestTrees.write(fs.getPath("/out/trainer_state.json"), STATE);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    Record r = parse(f);
    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("hf-trainer", r.getFormat());
    Metric loss = r.getMetrics().get("loss");
    assertEquals(2, loss.steps());
    assertEquals(1.5, loss.last());
    assertEquals(20L, loss.lastStep());
    assertEquals(2.0, loss.max());
    Metric grad = r.getMetrics().get("grad_norm");
    assertTrue(Double.isNaN(grad.last()), "NaN is kept as the last value");
    assertEquals(3.5, grad.max());
    assertEquals(0.41, r.getMetrics().get("eval_loss").last());
    assertEquals(0.6, r.getMetrics().get("eval_report.f1").last());
    assertEquals(Double.POSITIVE_INFINITY, r.getMetrics().get("train_runtime").last());
    assertEquals(30L, r.getMetrics().get("train_loss").lastStep());
    assertFalse(r.getMetrics().containsKey("epoch"));
    assertFalse(r.getMetrics().containsKey("step"));
    assertFalse(r.getMetrics().containsKey("eval_note"));
  }

  @Test
  void stateScalarsAreProperties() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/out/trainer_state.json"), STATE));
    assertEquals(30L, r.getProperties().get("global_step"));
    assertEquals(2.0, r.getProperties().get("epoch"));
    assertEquals(0.41, r.getProperties().get("best_metric"));
    assertEquals("out/checkpoint-20", r.getProperties().get("best_model_checkpoint"));
    assertEquals(1.5e12, r.getProperties().get("total_flos"));
    assertEquals(false, r.getProperties().get("is_hyper_param_search"));
    assertEquals(6, r.getProperties().get("log_history_entries"));
    assertFalse(r.getProperties().containsKey("trial_name"));
    assertFalse(r.getProperties().containsKey("stateful_callbacks"));
    assertEquals(8L, r.getParams().get("train_batch_size"));
    assertEquals(2L, r.getParams().get("num_train_epochs"));
    assertEquals(30L, r.getParams().get("max_steps"));
    assertEquals(10L, r.getParams().get("logging_steps"));
    assertEquals(5e-05, r.getParams().get("learning_rate"));
    assertEquals(0.1, r.getParams().get("warmup.ratio"));
    assertEquals("out", r.getExperiment());
    assertEquals(List.of("/out/trainer_state.json"), r.getSources());
  }

  @Test
  void nonNumericValuesAreSkippedWithOneWarning() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/out/trainer_state.json"), STATE));
    assertEquals(List.of("trainer_state.json: 2 non-numeric log_history value(s) were skipped, first 'eval_note' at step 20"),
        r.getWarnings());
  }

  @Test
  void restartedStepsAreKeptWithAWarning() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/r/trainer_state.json"), """
        {"global_step": 20, "log_history": [
          {"loss": 2.0, "lr": 1.0, "step": 10}, {"loss": 1.5, "lr": 1.0, "step": 20},
          {"loss": 1.9, "lr": 1.0, "step": 10}, {"loss": 1.4, "lr": 1.0, "step": 20}]}
        """));
    assertEquals(4, r.getMetrics().get("loss").steps());
    assertEquals(1.4, r.getMetrics().get("loss").last());
    assertEquals(List.of("trainer_state.json: loss: 1 value(s) logged at a step not after the previous one (first at step 10);"
        + " duplicate or restarted steps are kept in file order (and 1 more key(s) alike)"), r.getWarnings());
  }

  @Test
  void aCheckpointNamesItsRunAndOutputsItsWeights() throws IOException {
    Path f = TestTrees.write(fs.getPath("/runs/bert-imdb/checkpoint-500/trainer_state.json"), STATE);
    TestTrees.write(fs.getPath("/runs/bert-imdb/checkpoint-500/model.safetensors"), "w");
    TestTrees.write(fs.getPath("/runs/bert-imdb/checkpoint-500/optimizer.pt"), "o");
    Record r = parse(f);
    assertEquals("bert-imdb/checkpoint-500", r.getName());
    assertEquals("bert-imdb", r.getExperiment());
    assertEquals(500L, r.getProperties().get("checkpoint_step"));
    assertEquals(List.of(LineageRef.path("/runs/bert-imdb/checkpoint-500/model.safetensors", "checkpoint")),
        r.getLineage().getOutputs());
  }

  @Test
  void claimsOnlyTrainerStates() {
    Path other = TestTrees.write(fs.getPath("/x/trainer_state.json"), "{\"foo\": 1}");
    assertFalse(parser.supports(TestTrees.candidate(other)));
    Path renamed = TestTrees.write(fs.getPath("/x/state.json"), STATE);
    assertFalse(parser.supports(TestTrees.candidate(renamed)));
  }

  @Test
  void aTruncatedStateKeepsTheEntriesBeforeTheCut() throws IOException {
    String cut = STATE.substring(0, STATE.indexOf("{\"epoch\": 1.0, \"grad_norm\": NaN") + 20);
    Record r = parse(TestTrees.write(fs.getPath("/b/trainer_state.json"), cut));
    assertEquals(1, r.getMetrics().get("loss").steps());
    assertEquals(0.5, r.getMetrics().get("eval_loss").last());
    assertEquals(30L, r.getProperties().get("global_step"));
    assertEquals(1, r.getWarnings().size());
    String w = r.getWarnings().get(0);
    assertTrue(w.startsWith("trainer_state.json is not valid JSON (line ") && w.endsWith("the 2 log_history entries before it were read"), w);
  }

  @Test
  void badFilesGiveARecordWithAWarning() throws IOException {
    Record empty = parse(TestTrees.write(fs.getPath("/a/trainer_state.json"), ""));
    assertEquals(List.of("trainer_state.json is empty; nothing was read"), empty.getWarnings());
    Record array = parse(TestTrees.write(fs.getPath("/b/trainer_state.json"), "[1]"));
    assertEquals(List.of("trainer_state.json is not a JSON object; nothing was read"), array.getWarnings());
    Record notList = parse(TestTrees.write(fs.getPath("/c/trainer_state.json"), "{\"global_step\": 3, \"log_history\": {\"a\": 1}, \"epoch\": 1.5}"));
    assertEquals(List.of("trainer_state.json: log_history is not a list; no metrics were read"), notList.getWarnings());
    assertEquals(3L, notList.getProperties().get("global_step"));
    assertEquals(1.5, notList.getProperties().get("epoch"), "fields after the bad log_history are still read");
    assertNull(notList.getProperties().get("log_history_entries"));
  }
}
