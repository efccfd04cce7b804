package io.mlindex.parsers.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotebookHarvestTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final NotebookParser parser = new NotebookParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Record parse(Path file) throws IOException {
    assertTrue(parser.supports(TestTrees.candidate(file)));
    List<Record> records = parser.parse(TestTrees.candidate(file), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  private Record parse(String json) throws IOException {
    return parse(TestTrees.write(fs.getPath("/work/project/notebooks/nb.ipynb"), json));
  }

  @Test
  void aTrainingNotebookGivesItsWholeStory() throws IOException {
    Notebooks nb = new Notebooks()
        .markdown("# Churn model\nTrained on the 2024 customers.\n")
        .code("%pip install -q xgboost==2.0.3\nimport pandas as pd\nfrom sklearn.ensemble import GradientBoostingClassifier\n")
        .code("df = pd.read_csv('../data/customers_2024.csv')\nN_ESTIMATORS = 300\n")
        .code("clf = GradientBoostingClassifier(n_estimators=N_ESTIMATORS, learning_rate=0.05)\nclf.fit(X, y)\n",
            Notebooks.stream("F1 score 0.88\naccuracy: 0.93\n"), Notebooks.image("iVBORw0KGgoAAAANSUhEUg=="))
        .code("import joblib\njoblib.dump(clf, 'models/gbm.joblib')\n")
        .code(2, "undefined_thing\n", List.of(), Notebooks.error("NameError", "name 'undefined_thing' is not defined"))
        .code(null, "print('never run')\n", List.of());
    Record r = parse(nb.json());
    assertEquals("notebook", r.getFormat());
    assertEquals("nb.ipynb", r.getName());
    assertEquals("python3", r.getProperties().get("kernel"));
    assertEquals("3.11.4", r.getProperties().get("language_version"));
    assertEquals(6, r.getProperties().get("cells.code"));
    assertEquals(1, r.getProperties().get("cells.markdown"));
    assertEquals(5, r.getProperties().get("cells.executed"));
    assertEquals(1, r.getProperties().get("cells.with_errors"));
    assertEquals(List.of("NameError"), r.getProperties().get("errors"));
    assertEquals(true, r.getProperties().get("execution.out_of_order"));
    assertEquals(1, r.getProperties().get("execution.out_of_order_cells"));
    assertEquals(1, r.getProperties().get("outputs.images"));
    assertEquals(List.of("joblib", "pandas", "sklearn"), r.getCode().getImports());
    assertEquals(List.of("sklearn"), r.getCode().getFrameworks());
    assertEquals(List.of("xgboost"), r.getCode().getPackages());
    assertEquals(300L, r.getParams().get("N_ESTIMATORS"));
    assertEquals(0.05, r.getParams().get("GradientBoostingClassifier.learning_rate"));
    assertEquals(0.88, r.getMetrics().get("f1").last());
    assertEquals(0.93, r.getMetrics().get("accuracy").last());
    assertEquals(List.of(LineageRef.path("/work/project/data/customers_2024.csv", "pd.read_csv")),
        r.getLineage().getInputs());
    assertEquals("/work/project/notebooks/models/gbm.joblib", r.getLineage().getOutputs().get(0).path());
    String text = r.getText();
    assertTrue(text.contains("Trained on the 2024 customers"));
    assertTrue(text.contains("F1 score 0.88"));
    assertTrue(text.contains("NameError: name 'undefined_thing' is not defined"));
    assertTrue(text.contains("<Figure size 640x480"));
    assertFalse(text.contains("iVBORw0KGgo"), "images are counted, not indexed");
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void papermillRunsGiveStatedParamsAndRunFacts() throws IOException {
    Notebooks nb = new Notebooks()
        .code(1, "alpha = 0.5\nl1_ratio = 0.5\nmsgs = ['hi']\n", List.of("parameters"))
        .code(2, "# Parameters\nalpha = 0.6\nl1_ratio = 0.1\n", List.of("injected-parameters"));
    nb.metadata().putObject("papermill")
        .put("start_time", "2021-08-22T17:22:56.178565")
        .put("end_time", "2021-08-22T17:22:58.445007")
        .put("duration", 2.266442)
        .put("exception", true)
        .put("input_path", "run_me.ipynb")
        .putObject("parameters").put("alpha", 0.6).put("l1_ratio", 0.1).put("extra", "from-metadata");
    Record r = parse(nb.json());
    assertEquals(0.6, r.getParams().get("alpha"));
    assertEquals(0.1, r.getParams().get("l1_ratio"));
    assertEquals(List.of("hi"), r.getParams().get("msgs"));
    assertEquals("from-metadata", r.getParams().get("extra"));
    assertTrue(r.getParamsSource().isEmpty(), r.getParamsSource().toString());
    assertEquals(Instant.parse("2021-08-22T17:22:56.178565Z"), r.getTime().getStart());
    assertEquals(Instant.parse("2021-08-22T17:22:58.445007Z"), r.getTime().getEnd());
    assertEquals(2.266442, r.getProperties().get("papermill.duration"));
    assertEquals(true, r.getProperties().get("papermill.exception"));
    assertEquals(List.of("parameters", "injected-parameters"), r.getProperties().get("cell_tags"));
    assertTrue(r.getWarnings().get(0).contains("papermill recorded an exception"));
  }

  @Test
  void nbformat3WorksheetsAreRead() throws IOException {
    String json = "{\"metadata\": {\"name\": \"old\"}, \"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": [{\"cells\": ["
        + "{\"cell_type\": \"heading\", \"level\": 1, \"metadata\": {}, \"source\": [\"Old notebook\"]},"
        + "{\"cell_type\": \"code\", \"collapsed\": false, \"input\": [\"import numpy as np\\n\", \"print('loss: 0.5')\"],"
        + " \"language\": \"python\", \"metadata\": {}, \"prompt_number\": 3, \"outputs\": ["
        + "  {\"output_type\": \"stream\", \"stream\": \"stdout\", \"text\": [\"loss: 0.5\\n\"]},"
        + "  {\"output_type\": \"display_data\", \"png\": \"iVBORw0KGgo=\", \"text\": [\"<matplotlib.figure.Figure>\"]},"
        + "  {\"output_type\": \"pyerr\", \"ename\": \"ValueError\", \"evalue\": \"bad\", \"traceback\": []}]}"
        + "], \"metadata\": {}}]}";
    Record r = parse(json);
    assertEquals(3, r.getProperties().get("nbformat"));
    assertEquals(1, r.getProperties().get("cells.code"));
    assertEquals(1, r.getProperties().get("cells.markdown"));
    assertEquals(1, r.getProperties().get("cells.executed"));
    assertEquals(1, r.getProperties().get("outputs.images"));
    assertEquals(List.of("ValueError"), r.getProperties().get("errors"));
    assertEquals(List.of("numpy"), r.getCode().getImports());
    assertEquals(0.5, r.getMetrics().get("loss").last());
    assertTrue(r.getText().contains("Old notebook"));
  }

  @Test
  void sourcesMayBeOneStringOrAListOfLines() throws IOException {
    String json = "{\"cells\": ["
        + "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": 1, \"source\": \"import torch\\nx = 1\"},"
        + "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": 2, \"source\": [\"import keras\\n\", \"y = 2\"]}],"
        + " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 2}";
    Record r = parse(json);
    assertEquals(List.of("keras", "torch"), r.getCode().getImports());
    assertEquals(List.of("keras", "pytorch"), r.getCode().getFrameworks());
  }

  @Test
  void textThatIsNotJsonGivesARecordWithAWarning() throws IOException {
    Record r = parse("this is not json {");
    assertTrue(r.getWarnings().get(0).startsWith("nb.ipynb: not a readable notebook: not valid JSON"), r.getWarnings().toString());
    assertNotNull(r.getId());
  }

  @Test
  void emptyFilesAndOtherTopLevelsAreSaidSo() throws IOException {
    assertTrue(parse("").getWarnings().get(0).contains("the file is empty"));
    assertTrue(parse("[1, 2]").getWarnings().get(0).contains("the top level is not a JSON object"));
  }

  @Test
  void aNotebookWithoutCellsIsSaidSo() throws IOException {
    Record r = parse("{\"metadata\": {\"kernelspec\": {\"name\": \"python3\"}}, \"nbformat\": 4}");
    assertEquals(List.of("nb.ipynb: the notebook has no cells"), r.getWarnings());
    assertEquals("python3", r.getProperties().get("kernel"));
  }

  @Test
  void aTruncatedNotebookKeepsTheCellsBeforeTheDamage() throws IOException {
    String json = new Notebooks().code("import sklearn\n").code("import torch\n").json();
    Record r = parse(json.substring(0, json.indexOf("import torch")));
    assertEquals(List.of("sklearn"), r.getCode().getImports());
    assertTrue(r.getWarnings().get(0).contains("(1 cells read before it)"), r.getWarnings().toString());
  }

  @Test
  void syntaxErrorsInCodeDoNotStopTheRest() throws IOException {
    Record r = parse(new Notebooks()
        .code("def broken(:\n    x = [1, 2\nimport numpy\n")
        .code("'''never closed\n")
        .code("import pandas as pd\ndf = pd.read_csv('a.csv')\n").json());
    assertEquals(List.of("pandas"), r.getCode().getImports(), "the unclosed bracket holds the rest of its cell only");
    assertEquals("/work/project/notebooks/a.csv", r.getLineage().getInputs().get(0).path());
    assertTrue(r.getWarnings().isEmpty());
  }

  @Test
  void rJuliaAndScalaKernelsAreNotReadAsPython() throws IOException {
    String[][] kernels = {
      {"ir", "R", "library(caret)\nmodel <- train(x, y)\nprint('accuracy: 0.8')\n", "caret"},
      {"julia-1.9", "julia", "using Flux, Statistics\nimport CSV\n", "Flux"},
      {"scala", "scala", "import org.apache.spark.sql.SparkSession\n", "org"}
    };
    for (String[] k : kernels) {
      Notebooks nb = new Notebooks().code(k[2], Notebooks.stream("accuracy: 0.8\n"));
      nb.metadata().putObject("kernelspec").put("name", k[0]).put("language", k[1]);
      nb.metadata().putObject("language_info").put("name", k[1]);
      Record r = parse(nb.json());
      assertEquals(k[1], r.getProperties().get("language"));
      assertTrue(r.getCode().getImports().contains(k[3]), k[1] + ": " + r.getCode().getImports());
      assertTrue(r.getLineage().isEmpty());
      assertEquals(0.8, r.getMetrics().get("accuracy").last(), "printed output is read whatever the language");
      assertTrue(r.getWarnings().isEmpty());
    }
  }

  @Test
  void hundredsOfMegabytesOfImagesAreSkippedNotRead() throws IOException {
    Path file = fs.getPath("/work/big.ipynb");
    int images = 5;
    long payload = 20L << 20; // each image string is longer than any string the reader would ever decode
    try (var out = java.nio.file.Files.newOutputStream(file)) {
      out.write("{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {}, \"outputs\": [".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "iVBORw0KGgoAAAANSUhEUgAA".repeat(4096).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < images; i++) {
        out.write(((i == 0 ? "" : ",") + "{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {\"image/png\": \"").getBytes(StandardCharsets.UTF_8));
        for (long written = 0; written < payload; written += chunk.length) {
          out.write(chunk);
        }
        out.write("\", \"text/plain\": \"<Figure>\"}}".getBytes(StandardCharsets.UTF_8));
      }
      out.write("], \"source\": \"import matplotlib.pyplot as plt\\nprint('accuracy: 0.9')\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(java.nio.file.Files.size(file) > (long) images * payload);
    assertTrue(payload > NotebookJson.MAX_STRING_CHARS);
    Record r = parse(file);
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
    assertEquals(images, r.getProperties().get("outputs.images"));
    assertEquals(List.of("matplotlib"), r.getCode().getImports());
    assertTrue(r.getText().length() < 1000);
  }

  @Test
  void deeplyNestedJsonIsAWarningNotACrash() throws IOException {
    String deep = "{\"cells\": [], \"metadata\": {\"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}, \"nbformat\": 4}";
    Record r = parse(deep);
    assertTrue(r.getWarnings().isEmpty() || r.getWarnings().get(0).contains("not valid JSON"), r.getWarnings().toString());
    String deepCells = "{\"cells\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertTrue(parse(deepCells).getWarnings().get(0).contains("not valid JSON"));
  }

  @Test
  void checkpointCopiesAreNotNotebooksToIndex() {
    Path copy = TestTrees.write(fs.getPath("/w/.ipynb_checkpoints/nb-checkpoint.ipynb"), "{}");
    assertFalse(parser.supports(TestTrees.candidate(copy)));
  }
}
