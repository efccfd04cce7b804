package io.mlindex.parsers.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TomlTreesTest {
  @Test
  void readsTablesArraysAndSpecialFloats() throws IOException {
    JsonNode t = TomlTrees.parse(
        "title = \"x\"\n[train]\nlr = 1e-3\nlayers = [64, 128]\nbad = nan\nbig = -inf\n[train.opt]\nname = 'adam'\n",
        "params.toml");
    assertEquals("x", t.get("title").asText());
    assertEquals(0.001, t.get("train").get("lr").asDouble());
    assertEquals(128, t.get("train").get("layers").get(1).asInt());
    assertTrue(Double.isNaN(t.get("train").get("bad").asDouble()));
    assertEquals(Double.NEGATIVE_INFINITY, t.get("train").get("big").asDouble());
    assertEquals("adam", t.get("train").get("opt").get("name").asText());
  }

  @Test
  void emptyDocumentIsAnEmptyTable() throws IOException {
    assertTrue(TomlTrees.parse("", "e.toml").isEmpty());
  }

  @Test
  void syntaxErrorNamesFileAndLine() {
    IOException e = assertThrows(IOException.class, () -> TomlTrees.parse("a = 1\n[b\nc = 2\n", "m.toml"));
    assertTrue(e.getMessage().startsWith("m.toml is not valid TOML (line 2"), e.getMessage());
  }
}
