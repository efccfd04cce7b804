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

class PeftAdapterConfigParserTest {
  static final String ADAPTER = """
      {
        "alpha_pattern": {},
        "base_model_name_or_path": "meta-llama/Llama-3.2-1B",
        "bias": "none",
        "inference_mode": true,
        "layers_to_transform": null,
        "lora_alpha": 32,
        "lora_dropout": 0.05,
        "loftq_config": {"loftq_bits": 4},
        "peft_type": "LORA",
        "r": 16,
        "target_modules": ["q_proj", "v_proj"],
        "task_type": "CAUSAL_LM"
      }
      """;

  private FileSystem fs;
  private final PeftAdapterConfigParser parser = new PeftAdapterConfigParser();

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
  void settingsAreParamsAndTheBaseModelAnInput() throws IOException {
    Path f = TestTrees.write(fs.getPath("/lora/adapter_config.json"), ADAPTER);
    TestTrees.write(fs.getPath("/lora/adapter_model.safetensors"), "w");
    assertTrue(parser.supports(TestTrees.candidate(f)));
    Record r = parse(f);
    assertEquals(RecordKind.MODEL, r.getKind());
    assertEquals("huggingface", r.getFormat());
    assertEquals("LORA", r.getParams().get("peft_type"));
    assertEquals("CAUSAL_LM", r.getParams().get("task_type"));
    assertEquals(16L, r.getParams().get("r"));
    assertEquals(32L, r.getParams().get("lora_alpha"));
    assertEquals(0.05, r.getParams().get("lora_dropout"));
    assertEquals(List.of("q_proj", "v_proj"), r.getParams().get("target_modules"));
    assertEquals(4L, r.getParams().get("loftq_config.loftq_bits"));
    assertEquals("meta-llama/Llama-3.2-1B", r.getParams().get("base_model_name_or_path"));
    assertFalse(r.getParams().containsKey("layers_to_transform"));
    assertFalse(r.getParams().containsKey("alpha_pattern"));
    assertEquals(List.of(LineageRef.named("meta-llama/Llama-3.2-1B", "hf-model", "base_model_name_or_path")),
        r.getLineage().getInputs());
    assertEquals(List.of(LineageRef.path("/lora/adapter_model.safetensors", "checkpoint")), r.getLineage().getOutputs());
    assertEquals(List.of("peft"), r.getCode().getFrameworks());
  }

  @Test
  void aWindowsBasePathIsAnUncertainPath() throws IOException {
    Record r = parse(TestTrees.write(fs.getPath("/lora/adapter_config.json"),
        "{\"peft_type\": \"LORA\", \"base_model_name_or_path\": \"C:\\\\models\\\\base\"}"));
    assertEquals(List.of(new LineageRef("C:/models/base", null, "foreign", null, null, "base_model_name_or_path", true)),
        r.getLineage().getInputs());
  }

  @Test
  void claimsOnlyPeftConfigs() {
    Path other = TestTrees.write(fs.getPath("/x/adapter_config.json"), "{\"adapter\": \"pfeiffer\"}");
    assertFalse(parser.supports(TestTrees.candidate(other)));
  }

  @Test
  void badFilesGiveARecordWithAWarning() throws IOException {
    Record empty = parse(TestTrees.write(fs.getPath("/a/adapter_config.json"), ""));
    assertTrue(empty.getWarnings().get(0).startsWith("adapter_config.json could not be read"), empty.getWarnings().toString());
    assertTrue(empty.getParams().isEmpty());
  }
}
