package io.mlindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.RecordJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir Path work;
  private String deep;
  private String wide;

  private CliRun mlindex(String... args) {
    List<String> all = new ArrayList<>(List.of("--index", work.resolve("idx").toString()));
    all.addAll(List.of(args));
    return CliRun.run(work, all.toArray(new String[0]));
  }

  @BeforeEach
  void crawl() throws Exception {
    FixtureTree.write(work.resolve("tree"));
    assertEquals(0, mlindex("crawl", "tree").exit());
    for (String line : mlindex("export").out().lines().toList()) {
      JsonNode r = RecordJson.mapper().readTree(line);
      if (r.path("name").asText().equals("gbm-deep")) {
        deep = r.get("id").asText();
      } else if (r.path("name").asText().equals("gbm-wide")) {
        wide = r.get("id").asText();
      }
    }
  }

  @Test
  void aTableWithDifferingValuesMarked() {
    CliRun c = mlindex("compare", deep, "tree/mlruns/1/bbb");
    assertEquals(0, c.exit(), c.toString());
    List<String> lines = c.out().lines().toList();
    assertTrue(lines.get(0).matches("FIELD\\s+gbm-deep\\s+gbm-wide"), lines.get(0));
    assertTrue(lines.get(1).matches("id\\s+" + deep + "\\s+" + wide), lines.get(1));
    assertTrue(c.out().lines().anyMatch(l -> l.matches("\\* param\\.lr\\s+0\\.001\\s+0\\.01")), c.out());
    assertTrue(c.out().lines().anyMatch(l -> l.matches("  param\\.model\\s+gbm\\s+gbm")), c.out());
    assertTrue(c.out().lines().anyMatch(l -> l.matches("\\* metric\\.accuracy\\s+0\\.95\\s+0\\.91")), c.out());
    assertTrue(c.err().contains("* marks values that differ"), c.err());
  }

  @Test
  void onlyDifferencesAsJsonAndCsv() throws Exception {
    CliRun json = mlindex("compare", deep, wide, "--format", "json", "--only-diff");
    assertEquals(0, json.exit(), json.toString());
    JsonNode n = RecordJson.mapper().readTree(json.out());
    assertEquals(deep, n.get("records").get(0).get("id").asText());
    assertEquals("[\"lr\"]", n.get("differing_params").toString());
    assertEquals("[\"0.001\",\"0.01\"]", n.get("params").get("lr").toString());
    assertFalse(n.get("params").has("model"), "same values are left out with --only-diff");
    assertEquals(0.91, n.get("metrics").get("accuracy").get(1).asDouble());

    CliRun csv = mlindex("compare", deep, wide, "--format", "csv");
    List<String> lines = csv.out().lines().toList();
    assertEquals("FIELD,DIFFERS,gbm-deep,gbm-wide", lines.get(0));
    assertTrue(lines.contains("param.lr,true,0.001,0.01"), csv.out());
    assertTrue(lines.contains("param.model,false,gbm,gbm"), csv.out());
    CliRun diff = mlindex("compare", deep, wide, "--format", "csv", "--only-diff");
    assertFalse(diff.out().contains("param.model"), diff.out());
  }

  @Test
  void badReferencesAreOneLineErrors() {
    CliRun one = mlindex("compare", deep);
    assertEquals(2, one.exit(), one.toString());
    CliRun missing = mlindex("compare", deep, "0000000000000000");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().startsWith("mlindex: no record has the id or path 0000000000000000"), missing.err());
    assertEquals(1, missing.err().lines().count(), missing.err());
    CliRun format = mlindex("compare", deep, wide, "--format", "xml");
    assertEquals(2, format.exit());
  }
}
