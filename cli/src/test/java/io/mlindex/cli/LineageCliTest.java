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

class LineageCliTest {
  @TempDir Path work;
  private String project;

  @BeforeEach
  void crawlADvcProject() throws Exception {
    Path p = work.resolve("proj");
    FixtureTree.put(p.resolve("data/raw.csv"), "a,b\n1,2\n");
    FixtureTree.put(p.resolve("dvc.yaml"), """
        stages:
          prepare:
            cmd: python prepare.py
            deps: [data/raw.csv]
            outs: [data/clean.csv]
          train:
            cmd: python train.py
            deps: [data/clean.csv]
            outs: [models/model.pkl]
        """);
    FixtureTree.put(p.resolve("dvc.lock"), """
        schema: '2.0'
        stages:
          prepare:
            cmd: python prepare.py
            deps:
            - path: data/raw.csv
              md5: 0123456789abcdef0123456789abcdef
              size: 8
            outs:
            - path: data/clean.csv
              md5: 11112222333344445555666677778888
              size: 8
          train:
            cmd: python train.py
            deps:
            - path: data/clean.csv
              md5: 11112222333344445555666677778888
              size: 8
            outs:
            - path: models/model.pkl
              md5: 9999aaaabbbbccccddddeeeeffff0000
              size: 100
        """);
    project = io.mlindex.parsers.util.PosixPaths.of(p);
    CliRun crawl = mlindex("crawl", "proj");
    assertEquals(0, crawl.exit(), crawl.toString());
  }

  private CliRun mlindex(String... args) {
    List<String> all = new ArrayList<>(List.of("--index", work.resolve("idx").toString()));
    all.addAll(List.of(args));
    return CliRun.run(work, all.toArray(new String[0]));
  }

  @Test
  void treeShowsEveryStageAndOutputInOrderWithEvidence() {
    CliRun r = mlindex("lineage", "proj/data/raw.csv", "--down");
    assertEquals(0, r.exit(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("raw.csv  ["), r.out()); // a dataset record where the CSV parser is present
    assertTrue(lines.get(0).endsWith("  " + project + "/data/raw.csv"), r.out());
    assertEquals("  downstream:", lines.get(1));
    assertTrue(lines.get(2).startsWith("    `-- -reads-> prepare  [stage dvc] "), r.out());
    assertTrue(lines.get(2).endsWith(project + "/dvc.lock  {by prepare: lineage.inputs, deps}"), r.out());
    assertTrue(lines.get(3).startsWith("        `-- -writes-> clean.csv  [artifact]  " + project + "/data/clean.csv"), r.out());
    assertTrue(lines.get(4).contains("-reads-> train  [stage dvc]"), r.out());
    assertTrue(lines.get(5).contains("-writes-> model.pkl  [artifact]"), r.out());
    assertEquals(6, lines.size(), r.out());
    assertEquals("5 nodes, 4 edges\n", r.err());
  }

  @Test
  void jsonAndDotFormatsAndARelativePathThatIsNotUnderTheWorkingFolder() throws Exception {
    CliRun json = mlindex("lineage", "data/clean.csv", "--format", "json", "--up");
    assertEquals(0, json.exit(), json.toString());
    JsonNode g = RecordJson.mapper().readTree(json.out());
    assertFalse(g.get("truncated").asBoolean());
    assertEquals(List.of(project + "/data/clean.csv"), List.of(g.get("start").get(0).asText()));
    assertEquals(3, g.get("nodes").size(), json.out());
    assertEquals("writes", g.get("edges").get(0).get("relation").asText());

    CliRun dot = mlindex("lineage", "proj/models/model.pkl", "--format", "dot", "--up", "--depth", "2");
    assertEquals(0, dot.exit(), dot.toString());
    assertTrue(dot.out().startsWith("digraph lineage {\n  rankdir=LR;"), dot.out());
    assertTrue(dot.out().contains("\"" + project + "/models/model.pkl\" [label=\"model.pkl\\nartifact\", shape=note"), dot.out());
    assertTrue(dot.out().contains("[label=\"train\\nstage dvc\", shape=box"), dot.out());
    assertTrue(dot.out().contains("-> \"" + project + "/models/model.pkl\" [label=\"writes\""), dot.out());
    assertEquals(3, dot.out().lines().filter(l -> l.contains("[label=") && !l.contains("->")).count(), dot.out());
    assertTrue(dot.out().endsWith("}\n"));
  }

  @Test
  void limitsAndErrors() {
    CliRun cut = mlindex("lineage", "proj/data/raw.csv", "--max-nodes", "2");
    assertEquals(0, cut.exit());
    assertTrue(cut.out().contains("(truncated"), cut.out());
    assertTrue(cut.err().contains("truncated at 2 nodes"), cut.err());
    CliRun none = mlindex("lineage", "nowhere.csv");
    assertEquals(1, none.exit(), none.toString());
    assertTrue(none.err().startsWith("mlindex: nothing in the index is or names 'nowhere.csv'"), none.err());
    assertEquals(2, mlindex("lineage", "x", "--up", "--down").exit());
    assertEquals(2, mlindex("lineage", "x", "--depth", "-1").exit());
    assertEquals(2, mlindex("lineage", "x", "--format", "svg").exit());
  }

  @Test
  void dotStringsAreEscaped() {
    assertEquals("\"a\\\"b\\\\c\\nd\"", LineageDot.quote("a\"b\\c\nd\u0007"));
  }
}
