package io.mlindex.parsers.notebook;

import static io.mlindex.parsers.TestTrees.candidate;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotebookParserTest {
  private FileSystem fs;
  private final NotebookParser parser = new NotebookParser();

  @BeforeEach
  void setUp() {
    fs = TestTrees.newFileSystem();
  }

  @AfterEach
  void tearDown() throws Exception {
    fs.close();
  }

  private Record parse(String name, String json) throws Exception {
    Path p = write(fs.getPath("/w/" + name), json);
    assertTrue(parser.supports(candidate(p)));
    List<Record> records = parser.parse(candidate(p), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  static String cell(String type, String source, String... tags) {
    StringBuilder t = new StringBuilder();
    for (String tag : tags) {
      t.append(t.length() == 0 ? "" : ",").append('"').append(tag).append('"');
    }
    return "{\"cell_type\":\"" + type + "\",\"metadata\":{\"tags\":[" + t + "]},\"source\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(source) + (type.equals("code") ? ",\"execution_count\":1,\"outputs\":[]" : "") + "}";
  }

  static String notebook(String... cells) {
    return "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{\"kernelspec\":{\"name\":\"python3\",\"display_name\":\"Python 3\",\"language\":\"python\"},"
        + "\"language_info\":{\"name\":\"python\",\"version\":\"3.11.4\"}},\"cells\":[" + String.join(",", cells) + "]}";
  }

  @Test
  void readsKernelCellsImportsAndText() throws Exception {
    Record r = parse("train.ipynb", notebook(
        cell("markdown", "# Churn model\nUses gradient boosting"),
        cell("code", "import pandas as pd\nfrom sklearn.ensemble import GradientBoostingClassifier\nimport torch.nn as nn"),
        cell("code", "%%writefile app.py\nimport streamlit")));
    assertEquals(RecordKind.NOTEBOOK, r.getKind());
    assertEquals("python3", r.getProperties().get("kernel"));
    assertEquals("3.11.4", r.getProperties().get("language_version"));
    assertEquals(2, r.getProperties().get("cells.code"));
    assertEquals(1, r.getProperties().get("cells.markdown"));
    assertEquals(List.of("pandas", "sklearn", "torch"), r.getCode().getImports(), "%%writefile cells are not kernel code");
    assertTrue(r.getCode().getFrameworks().containsAll(List.of("sklearn", "pytorch")));
    assertTrue(r.getText().contains("gradient boosting"));
  }

  @Test
  void papermillInjectedParametersWin() throws Exception {
    Record r = parse("run.ipynb", notebook(
        cell("code", "alpha = 0.5\nl1_ratio = 0.1\nname = 'base'\nlayers = [64, 32]", "parameters"),
        cell("code", "alpha = 0.6\n", "injected-parameters"),
        cell("code", "not_a_param = 3")));
    assertEquals(0.6, r.getParams().get("alpha"));
    assertEquals(0.1, r.getParams().get("l1_ratio"));
    assertEquals("base", r.getParams().get("name"));
    assertEquals(List.of(64L, 32L), r.getParams().get("layers"));
    assertFalse(r.getParams().containsKey("not_a_param"));
  }

  @Test
  void cellSourceMayBeAListOfLines() throws Exception {
    String nb = "{\"nbformat\":4,\"metadata\":{},\"cells\":[{\"cell_type\":\"code\",\"metadata\":{},\"source\":[\"import numpy\\n\",\"import os\"],\"outputs\":[]}]}";
    assertEquals(List.of("numpy", "os"), parse("lines.ipynb", nb).getCode().getImports());
  }

  @Test
  void nbformat3WorksheetsAreRead() throws Exception {
    String nb = "{\"nbformat\":3,\"metadata\":{},\"worksheets\":[{\"cells\":[{\"cell_type\":\"code\",\"input\":\"import scipy\",\"language\":\"python\",\"prompt_number\":1}]}]}";
    Record r = parse("old.ipynb", nb);
    assertEquals(List.of("scipy"), r.getCode().getImports());
    assertEquals(1, r.getProperties().get("cells.executed"));
  }

  @Test
  void truncatedOrNonJsonNotebooksGiveARecordWithAWarning() throws Exception {
    Record truncated = parse("cut.ipynb", notebook(cell("code", "import os")).substring(0, 80));
    assertTrue(truncated.getWarnings().get(0).contains("not valid JSON"), truncated.getWarnings().toString());
    Record text = parse("text.ipynb", "hello");
    assertEquals(1, text.getWarnings().size());
    Record empty = parse("empty.ipynb", "");
    assertTrue(empty.getWarnings().get(0).contains("empty"), empty.getWarnings().toString());
    Record noCells = parse("nocells.ipynb", "{\"nbformat\":4,\"metadata\":{}}");
    assertEquals(List.of("nocells.ipynb: the notebook has no cells"), noCells.getWarnings());
  }

  @Test
  void nonPythonKernelsKeepTextAndTheirOwnImportsOnly() throws Exception {
    String nb = "{\"nbformat\":4,\"metadata\":{\"kernelspec\":{\"name\":\"ir\",\"language\":\"R\"},\"language_info\":{\"name\":\"R\"}},"
        + "\"cells\":[" + cell("code", "library(caret)\nimport os") + "]}";
    Record r = parse("r.ipynb", nb);
    assertEquals("R", r.getProperties().get("language"));
    assertEquals(List.of("caret"), r.getCode().getImports(), "R's library(), not Python's import");
    assertTrue(r.getText().contains("library(caret)"));
  }

  @Test
  void checkpointCopiesAreNotSupported() {
    Path copy = write(fs.getPath("/w/.ipynb_checkpoints/train-checkpoint.ipynb"), notebook());
    assertFalse(parser.supports(candidate(copy)));
  }
}
