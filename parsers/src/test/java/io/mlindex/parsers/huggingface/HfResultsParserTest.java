package io.mlindex.parsers.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HfResultsParserTest {
  private FileSystem fs;
  private final HfResultsParser parser = new HfResultsParser();

  @BeforeEach
  void setUp() {
    fs = TestTrees.newFileSystem();
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private boolean supports(String path, String json) {
    return parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath(path), json)));
  }

  private Record parse(Path file) throws IOException {
    List<Record> records = parser.parse(TestTrees.candidate(file), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void numericValuesAreFinalMetrics() throws IOException {
    Path f = TestTrees.write(fs.getPath("/out/all_results.json"), """
        {"epoch": 3.0, "eval_loss": 1.25, "eval_samples": 100, "train_loss": NaN,
         "eval_rouge": {"rouge1": 41.5}, "test_note": "ok", "total_flos": -Infinity}
        """);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    Record r = parse(f);
    assertEquals("hf-trainer", r.getFormat());
    assertEquals("out/all_results", r.getName());
    assertEquals("out", r.getExperiment());
    assertEquals(3.0, r.getMetrics().get("epoch").last());
    assertEquals(100.0, r.getMetrics().get("eval_samples").last());
    assertNull(r.getMetrics().get("eval_samples").lastStep());
    assertTrue(Double.isNaN(r.getMetrics().get("train_loss").last()));
    assertEquals(Double.NEGATIVE_INFINITY, r.getMetrics().get("total_flos").last());
    assertEquals(41.5, r.getMetrics().get("eval_rouge.rouge1").last());
    assertEquals("ok", r.getProperties().get("test_note"));
    assertEquals(List.of(), r.getWarnings());
  }

  @Test
  void claimsOnlyTrainerMetricsFiles() {
    assertTrue(supports("/a/eval_results.json", "{\"epoch\": 1.0, \"eval_loss\": 0.3}"));
    assertTrue(supports("/a/train_results.json", "{\"train_loss\": 0.3}"));
    assertTrue(supports("/a/predict_results.json", "{\n  \"predict_accuracy\": 0.9\n}"));
    assertFalse(supports("/b/eval_results.json", "{\"accuracy\": 0.9, \"f1\": 0.8}"), "no eval_ prefix: not the Trainer's");
    assertFalse(supports("/b/all_results.json", "{\"accuracy\": 0.9}"));
    assertFalse(supports("/b/my_results.json", "{\"eval_loss\": 0.9}"), "keys must carry the file's split");
    assertFalse(supports("/b/results.json", "{\"eval_loss\": 0.9}"));
    assertFalse(supports("/b/eval_results.json", "[{\"eval_loss\": 0.9}]"));
  }

  @Test
  void badFilesGiveARecordWithAWarning() throws IOException {
    Record empty = parse(TestTrees.write(fs.getPath("/a/eval_results.json"), ""));
    assertTrue(empty.getWarnings().get(0).startsWith("eval_results.json could not be read"), empty.getWarnings().toString());
    Record noNumbers = parse(TestTrees.write(fs.getPath("/b/eval_results.json"), "{\"eval_split\": \"test\"}"));
    assertEquals(List.of("eval_results.json holds no numeric value"), noNumbers.getWarnings());
    Record cut = parse(TestTrees.write(fs.getPath("/c/eval_results.json"), "{\"eval_loss\": 0.3, \"eval_"));
    assertTrue(cut.getWarnings().get(0).contains("not valid JSON"), cut.getWarnings().toString());
  }
}
