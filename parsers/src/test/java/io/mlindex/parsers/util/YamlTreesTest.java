package io.mlindex.parsers.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class YamlTreesTest {
  @Test
  void readsPlainData() throws IOException {
    YamlTrees.Result r = YamlTrees.parse("a: 1\nb: [x, 2.5]\nc:\n  d: true\n  e: null\n", "t.yaml");
    JsonNode t = r.tree();
    assertEquals(1, t.get("a").asInt());
    assertEquals(2.5, t.get("b").get(1).asDouble());
    assertTrue(t.get("c").get("d").asBoolean());
    assertTrue(t.get("c").get("e").isNull());
    assertTrue(r.warnings().isEmpty());
  }

  @Test
  void pythonObjectTagsBecomeTextWithAWarning() throws IOException {
    String yaml =
        "lr: 0.01\n"
            + "args: !!python/object:argparse.Namespace\n"
            + "  batch: 32\n"
            + "  name: x\n"
            + "betas: !!python/tuple\n"
            + "- 0.9\n"
            + "- 0.999\n"
            + "after: 3\n";
    YamlTrees.Result r = YamlTrees.parse(yaml, "hparams.yaml");
    JsonNode t = r.tree();
    assertEquals(0.01, t.get("lr").asDouble());
    assertTrue(t.get("args").isTextual(), t.toString());
    assertTrue(t.get("args").asText().contains("batch: 32"), t.get("args").asText());
    assertTrue(t.get("betas").isTextual());
    assertTrue(t.get("betas").asText().contains("0.999"), t.get("betas").asText());
    assertEquals(3, t.get("after").asInt());
    assertEquals(2, r.warnings().size(), r.warnings().toString());
    assertTrue(r.warnings().get(0).contains("python/object:argparse.Namespace"), r.warnings().get(0));
    assertTrue(r.warnings().get(0).contains("line 2"), r.warnings().get(0));
  }

  @Test
  void taggedScalarBecomesText() throws IOException {
    YamlTrees.Result r = YamlTrees.parse("dtype: !!python/name:torch.float32 ''\nn: 1\n", "x.yaml");
    assertTrue(r.tree().get("dtype").asText().contains("torch.float32"), r.tree().toString());
    assertEquals(1, r.tree().get("n").asInt());
  }

  @Test
  void syntaxErrorNamesFileAndLine() {
    IOException e =
        assertThrows(IOException.class, () -> YamlTrees.parse("a: 1\nb: [unclosed\nc: 2\n", "dvc.yaml"));
    assertTrue(e.getMessage().startsWith("dvc.yaml is not valid YAML (line"), e.getMessage());
  }

  @Test
  void emptyDocumentIsEmptyMapping() throws IOException {
    assertTrue(YamlTrees.parse("", "e.yaml").tree().isEmpty());
    assertTrue(YamlTrees.parse("# only a comment\n", "e.yaml").tree().isEmpty());
  }
}
