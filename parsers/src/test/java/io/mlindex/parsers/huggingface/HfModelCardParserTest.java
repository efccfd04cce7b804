package io.mlindex.parsers.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HfModelCardParserTest {
  static final String CARD = """
      ---
      library_name: transformers
      license: apache-2.0
      base_model:
      - distilbert-base-uncased
      tags:
      - generated_from_trainer
      datasets:
      - imdb
      model-index:
      - name: distilbert-imdb
        results:
        - task:
            type: text-classification
            name: Text Classification
          dataset:
            name: imdb
            type: imdb
            split: test
          metrics:
          - type: accuracy
            value: 0.93
            name: Accuracy
          - type: f1
            value: "0.91"
        - dataset:
            name: sst2
          metrics:
          - type: accuracy
            value: 0.88
          - type: loss
            value: n/a
      widget:
      - text: I loved it
      ---

      # distilbert-imdb

      This model is a fine-tuned version of distilbert-base-uncased on the imdb dataset.

      ## Training procedure

      ### Training hyperparameters

      The following hyperparameters were used during training:
      - learning_rate: 2e-05
      - train_batch_size: 16
      - optimizer: Use adamw_torch with betas=(0.9,0.999) and epsilon=1e-08
      - num_epochs: 3
      - mixed_precision_training: Native AMP

      ### Training results

      | Training Loss | Epoch | Step | Validation Loss |
      |:-------------:|:-----:|:----:|:---------------:|
      | 0.25          | 1.0   | 100  | 0.22            |

      ### Framework versions

      - Transformers 4.44.2
      - Pytorch 2.4.0+cu121
      - Datasets 2.21.0
      """;

  private FileSystem fs;
  private final HfModelCardParser parser = new HfModelCardParser();

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

  private boolean supports(String path, String text) {
    return parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath(path), text)));
  }

  @Test
  void frontMatterIsPropertiesAndLineage() throws IOException {
    Path f = TestTrees.write(fs.getPath("/hub/distilbert-imdb/README.md"), CARD);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    Record r = parse(f);
    assertEquals(RecordKind.MODEL, r.getKind());
    assertEquals("huggingface", r.getFormat());
    assertEquals("distilbert-imdb", r.getName());
    assertEquals("transformers", r.getProperties().get("library_name"));
    assertEquals("apache-2.0", r.getProperties().get("license"));
    assertEquals(List.of("generated_from_trainer"), r.getProperties().get("tags"));
    assertFalse(r.getProperties().keySet().stream().anyMatch(k -> k.startsWith("model-index") || k.startsWith("widget")));
    assertEquals(List.of(LineageRef.named("distilbert-base-uncased", "hf-model", "base_model"),
        LineageRef.named("imdb", "hf-dataset", "datasets")), r.getLineage().getInputs());
    assertTrue(r.getText().startsWith("# distilbert-imdb"));
    assertTrue(r.getText().contains("fine-tuned version of distilbert-base-uncased"));
    assertFalse(r.getText().contains("library_name"));
  }

  @Test
  void modelIndexResultsAreMetrics() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/hub/m/README.md"), CARD));
    assertEquals(0.93, r.getMetrics().get("accuracy").last());
    assertEquals(0.91, r.getMetrics().get("f1").last());
    assertEquals(0.88, r.getMetrics().get("sst2/accuracy").last());
    assertEquals(3, r.getMetrics().size());
    assertEquals(List.of("model-index: 1 metric(s) without a name or a numeric value were skipped"), r.getWarnings());
  }

  @Test
  void trainingHyperparametersAreGuessedParams() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/hub/m/README.md"), CARD));
    assertEquals(2e-05, r.getParams().get("learning_rate"));
    assertEquals(16L, r.getParams().get("train_batch_size"));
    assertEquals(3L, r.getParams().get("num_epochs"));
    assertEquals("Use adamw_torch with betas=(0.9,0.999) and epsilon=1e-08", r.getParams().get("optimizer"));
    assertEquals("Native AMP", r.getParams().get("mixed_precision_training"));
    assertEquals(5, r.getParams().size());
    assertEquals("model card 'Training hyperparameters' list", r.getParamsSource().get("learning_rate"));
    assertEquals(r.getParams().keySet(), r.getParamsSource().keySet());
    assertEquals("4.44.2", r.getProperties().get("framework_versions.Transformers"));
    assertEquals("2.4.0+cu121", r.getProperties().get("framework_versions.Pytorch"));
  }

  @Test
  void aDatasetCardIsADataset() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/data/README.md"), """
        ---
        pretty_name: Reviews
        task_categories:
        - text-classification
        size_categories:
        - 10K<n<100K
        ---
        # Dataset card
        """));
    assertEquals(RecordKind.DATASET, r.getKind());
    assertEquals("Reviews", r.getName());
    assertEquals("Reviews", r.getProperties().get("pretty_name"));
  }

  @Test
  void claimsOnlyReadmesWithHubFrontMatter() {
    assertTrue(supports("/a/README.md", CARD));
    assertTrue(supports("/b/readme.md", "---\r\nlicense: mit\r\n---\r\n# x\r\n"));
    assertFalse(supports("/c/README.md", "# A project\n\nNo front matter here.\n"));
    assertFalse(supports("/d/README.md", "---\ntitle: My blog post\nlayout: post\ntags: [ml]\n---\ntext\n"));
    assertFalse(supports("/e/NOTES.md", CARD));
    assertFalse(supports("/f/README.md", "---\n  license: indented is not top level\n---\n"));
  }

  @Test
  void aReadmeWithoutFrontMatterIsStillAWarningNotAFailure() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/p/README.md"), "# Plain\n\n### Training hyperparameters\n- lr: 0.1\n"));
    assertEquals(List.of("README.md has no YAML front matter with Hub metadata"), r.getWarnings());
    assertEquals(0.1, r.getParams().get("lr"));
    assertEquals("Plain", r.getName());
  }

  @Test
  void invalidFrontMatterIsAWarning() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/q/README.md"), "---\nlicense: [mit\n---\n# Q\n"));
    assertTrue(r.getWarnings().get(0).contains("is not valid YAML"), r.getWarnings().toString());
    assertEquals("Q", r.getName());
    Record empty = parse(TestTrees.write(fs.getPath("/r/README.md"), ""));
    assertEquals(List.of("README.md has no YAML front matter with Hub metadata"), empty.getWarnings());
  }
}
