package io.mlindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.RecordJson;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's lineage example over the project's own fixture tree {@code examples/lineage}: a DVC
 * pipeline (data/raw.csv, prepare, train), a notebook that reads data/raw.csv and writes a model, an
 * MLflow run with its own model, and a byte copy of the pipeline's model elsewhere.
 */
class LineageExampleTest {
  @TempDir Path work;

  private static Path examples() {
    Path here = FileSystems.getDefault().getPath("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples/lineage"))) {
        return p.resolve("examples/lineage");
      }
    }
    throw new IllegalStateException("examples/lineage not found above " + here);
  }

  private CliRun mlindex(Path cwd, String... args) {
    List<String> all = new ArrayList<>(List.of("--index", work.resolve("idx").toString()));
    all.addAll(List.of(args));
    return CliRun.run(cwd, all.toArray(new String[0]));
  }

  @Test
  void modelsDerivedFromTheRawDataIncludeTheCopyFoundOnlyByItsHash() throws Exception {
    Path tree = examples();
    assertEquals(0, mlindex(work, "crawl", tree.toString()).exit());

    JsonNode notebook = RecordJson.mapper().readTree(mlindex(tree, "show", "notebooks/explore.ipynb", "--format", "json").out());
    boolean notebookStatesItsWrites = notebook.path("lineage").path("outputs").size() > 0;
    Set<String> expected = new TreeSet<>(Set.of("backup/model-2024-05.pkl", "models/model.pkl"));
    if (notebookStatesItsWrites) {
      expected.add("models/notebook_model.pkl");
    }

    CliRun r = mlindex(tree, "search", "kind:model AND derivedFrom:\"data/raw.csv\"", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    Set<String> found = new TreeSet<>();
    for (JsonNode hit : RecordJson.mapper().readTree(r.out()).get("hits")) {
      found.add(tree.relativize(FileSystems.getDefault().getPath(hit.get("path").asText())).toString().replace('\\', '/'));
    }
    assertEquals(expected, found);

    CliRun up = mlindex(tree, "lineage", "backup/model-2024-05.pkl", "--up");
    assertEquals(0, up.exit(), up.toString());
    assertTrue(up.out().contains("<-same-content- model.pkl  [model pickle]"), up.out());
    assertTrue(up.out().contains("<-reads- raw.csv  ["), up.out());
    assertTrue(!up.out().contains("(shown above)"), "no edge is walked back: " + up.out());
  }
}
