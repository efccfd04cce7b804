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

class HfModelConfigParserTest {
  static final String CONFIG = """
      {
        "_name_or_path": "google-bert/bert-base-uncased",
        "architectures": ["BertForSequenceClassification"],
        "attention_probs_dropout_prob": 0.1,
        "hidden_size": 768,
        "id2label": {"0": "NEGATIVE", "1": "POSITIVE"},
        "label2id": {"NEGATIVE": 0, "POSITIVE": 1},
        "model_type": "bert",
        "num_hidden_layers": 12,
        "quantization_config": {"bits": 4, "quant_method": "gptq"},
        "pad_token_id": null,
        "torch_dtype": "float32",
        "transformers_version": "4.44.2",
        "vocab_size": 30522
      }
      """;

  private FileSystem fs;
  private final HfModelConfigParser parser = new HfModelConfigParser();

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

  private boolean supports(String json) {
    return parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/s/config.json"), json)));
  }

  @Test
  void modelFactsAreProperties() throws IOException {
    Path f = TestTrees.write(fs.getPath("/models/sentiment/config.json"), CONFIG);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    Record r = parse(f);
    assertEquals(RecordKind.MODEL, r.getKind());
    assertEquals("huggingface", r.getFormat());
    assertEquals("sentiment", r.getName());
    assertEquals("bert", r.getProperties().get("model_type"));
    assertEquals(List.of("BertForSequenceClassification"), r.getProperties().get("architectures"));
    assertEquals(768L, r.getProperties().get("hidden_size"));
    assertEquals(12L, r.getProperties().get("num_hidden_layers"));
    assertEquals(30522L, r.getProperties().get("vocab_size"));
    assertEquals("float32", r.getProperties().get("torch_dtype"));
    assertEquals(4L, r.getProperties().get("quantization_config.bits"));
    assertEquals(2L, r.getProperties().get("num_labels"));
    assertFalse(r.getProperties().containsKey("id2label.0"));
    assertFalse(r.getProperties().containsKey("label2id.NEGATIVE"));
    assertFalse(r.getProperties().containsKey("pad_token_id"));
    assertEquals(List.of(LineageRef.named("google-bert/bert-base-uncased", "hf-model", "_name_or_path")),
        r.getLineage().getInputs());
    assertEquals(List.of("transformers"), r.getCode().getFrameworks());
    assertEquals(List.of(), r.getWarnings());
  }

  @Test
  void aLocalNameOrPathIsAnUncertainPath() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/m/out/config.json"),
        "{\"_name_or_path\": \"../base\", \"model_type\": \"gpt2\", \"vocab_size\": 5}"));
    assertEquals(List.of(LineageRef.path("/m/base", "_name_or_path").asUncertain()), r.getLineage().getInputs());
  }

  @Test
  void claimsOnlyTransformersConfigs() {
    assertTrue(supports(CONFIG));
    assertTrue(supports("{\"architectures\": [\"X\"], \"id2label\": {}, \"zzz\": 1}"), "model_type may lie past the head");
    assertFalse(supports("{\"lr\": 0.1, \"batch_size\": 32}"));
    assertFalse(supports("{\"model_type\": \"cnn\", \"lr\": 0.1}"), "model_type alone is too common");
    assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/s/model.json"), CONFIG))));
  }

  @Test
  void badFilesGiveARecordWithAWarning() throws IOException {
    Record empty = parse(TestTrees.write(fs.getPath("/a/config.json"), ""));
    assertTrue(empty.getWarnings().get(0).startsWith("config.json could not be read"), empty.getWarnings().toString());
    Record noType = parse(TestTrees.write(fs.getPath("/b/config.json"), "{\"architectures\": [\"X\"], \"vocab_size\": 5}"));
    assertEquals(List.of("config.json has no model_type"), noType.getWarnings());
    Record array = parse(TestTrees.write(fs.getPath("/c/config.json"), "[]"));
    assertEquals(List.of("config.json is not a JSON object; nothing was read"), array.getWarnings());
  }
}
