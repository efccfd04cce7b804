package io.mlindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.RecordJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's example queries, over the fixture trees in {@code examples/}. */
class ExampleTreesTest {
  @TempDir Path tmp;

  private String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.newCommandLine(new Environment(tmp, tmp.resolve("home"), Map.of(), Map.of(), Clock.systemUTC()));
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.OK, cmd.execute(args), err.toString());
    return out.toString();
  }

  private List<String> names(String query) throws IOException {
    JsonNode result = RecordJson.mapper().readTree(
        run("search", "--index", tmp.resolve("index").toString(), "--format", "json", "--sort", "name", query));
    List<String> names = new ArrayList<>();
    result.get("hits").forEach(h -> names.add(h.get("name").asText()));
    return names;
  }

  @Test
  void theReadmeQueriesAnswerOverTheExampleNotebooks() throws IOException {
    Path examples = Path.of("").toAbsolutePath().getParent().resolve("examples/notebooks");
    assumeTrue(Files.isDirectory(examples), "examples/notebooks is part of the source tree");
    run("crawl", "--index", tmp.resolve("index").toString(), examples.toString());

    assertEquals(List.of("train_forest.ipynb", "train_gbm.ipynb"),
        names("format:notebook AND code.imports:sklearn AND metric.accuracy:>0.8"));
    List<String> readers = List.of("baseline_logreg.ipynb", "explore.ipynb", "train_forest.ipynb", "train_gbm.ipynb",
        "tune_forest.py");
    assertEquals(readers, names("lineage:\"data/train.csv\""));
    assertEquals(readers, names("lineage:*/data/train.csv"));
    assertEquals(List.of(), names("lineage:\"other/train.csv\""));
    assertEquals(List.of("train_forest.ipynb"), names("lineage.out:*/predictions/forest_test.csv"));
    assertEquals(List.of("tune_forest.py"), names("properties.jupytext:percent AND param.n_estimators:100"));
  }

  @Test
  void theReadmeQueriesAnswerOverTheExampleModels() throws IOException {
    Path examples = Path.of("").toAbsolutePath().getParent().resolve("examples/models");
    assumeTrue(Files.isDirectory(examples), "examples/models is part of the source tree");
    run("crawl", "--index", tmp.resolve("index").toString(), examples.toString());

    JsonNode big = RecordJson.mapper().readTree(run("search", "--index", tmp.resolve("index").toString(), "--format", "json",
        "--sort", "properties.parameters:desc", "kind:model AND properties.parameters:>1000000"));
    List<String> order = new ArrayList<>();
    big.get("hits").forEach(h -> order.add(h.get("name").asText()));
    assertEquals(List.of("tiny-llm.gguf", "encoder.onnx"), order);
    assertEquals(List.of("unsafe.pkl"), names("kind:model AND format:pickle AND warnings:\"unsafe pickle\""));
    assertEquals(List.of("classifier.pkl"), names("format:pickle AND properties.globals:*RandomForestClassifier"));
  }
}
