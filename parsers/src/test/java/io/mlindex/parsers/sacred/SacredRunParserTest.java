package io.mlindex.parsers.sacred;

import static io.mlindex.parsers.TestTrees.view;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SacredRunParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final SacredRunParser parser = new SacredRunParser();
  private final Path runs = fs.getPath("/exp/my_runs");
  private final Path run = runs.resolve("3");

  private static final String RUN_JSON =
      "{\"artifacts\": [\"model.ckpt\"],\n"
          + " \"command\": \"train\",\n"
          + " \"experiment\": {\"base_dir\": \"/home/u/proj\", \"dependencies\": [\"numpy==1.23.4\", \"sacred==0.8.4\"],\n"
          + "   \"mainfile\": \"train.py\", \"name\": \"tgne\",\n"
          + "   \"repositories\": [{\"commit\": \"8d89446969c0ccc8adcab1d3fb99b867962b7fdb\", \"dirty\": true, \"url\": \"https://example.org/tgne.git\"},\n"
          + "                      {\"commit\": \"8d89446969c0ccc8adcab1d3fb99b867962b7fdb\", \"dirty\": true, \"url\": \"https://example.org/tgne.git\"}],\n"
          + "   \"sources\": [[\"model/net.py\", \"_sources/net_0123456789abcdef0123456789abcdef.py\"],\n"
          + "               [\"train.py\", \"_sources/train_856aee8cb3d66252ff05573d14debb02.py\"]]},\n"
          + " \"heartbeat\": \"2023-10-10T07:12:24.545564\",\n"
          + " \"host\": {\"cpu\": \"Intel\", \"gpus\": {\"gpus\": [{\"model\": \"MX150\"}]}, \"hostname\": \"box\",\n"
          + "   \"os\": [\"Linux\", \"Linux-5.15\"], \"python_version\": \"3.8.0\"},\n"
          + " \"meta\": {\"command\": \"train\", \"options\": {\"UPDATE\": [\"n_epochs=100\"]}},\n"
          + " \"resources\": [[\"/home/u/proj/data/train.csv\", \"my_runs/_resources/train_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.csv\"],\n"
          + "               [\"data/extra.csv\", \"_resources/extra_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.csv\"]],\n"
          + " \"result\": 0.93,\n"
          + " \"start_time\": \"2023-10-10T07:12:22.392928\",\n"
          + " \"status\": \"COMPLETED\",\n"
          + " \"stop_time\": \"2023-10-10T07:12:24.544539\"}\n";

  private static final String CONFIG =
      "{\"seed\": 42, \"lr\": 0.1, \"dataset\": \"toy\", \"cuda\": false, \"batch_size\": null,\n"
          + " \"optim\": {\"name\": \"adam\", \"betas\": {\"py/tuple\": [0.9, 0.999]}},\n"
          + " \"layers\": [64, 32],\n"
          + " \"mean\": {\"py/object\": \"numpy.ndarray\", \"values\": [1, 2]}}\n";

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private List<Record> parse() throws IOException {
    return parser.parse(view(run), new ParseContext());
  }

  private Record parseOne() throws IOException {
    List<Record> records = parse();
    assertEquals(1, records.size());
    return records.get(0);
  }

  private void writeRun() {
    write(run.resolve("run.json"), RUN_JSON);
    write(run.resolve("config.json"), CONFIG);
    write(run.resolve("cout.txt"), "INFO - tgne - Running command 'train'\nfinal loss 4220.06\n");
  }

  @Test
  void readsRunInfoParamsAndCode() throws IOException {
    writeRun();
    write(runs.resolve("_sources/train_856aee8cb3d66252ff05573d14debb02.py"), "import torch\nfrom sacred import Experiment\n");
    Record r = parseOne();
    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("sacred", r.getFormat());
    assertEquals("/exp/my_runs/3", r.getPath());
    assertEquals("tgne", r.getExperiment());
    assertEquals("tgne #3", r.getName());
    Map<String, Object> p = r.getProperties();
    assertEquals("COMPLETED", p.get("status"));
    assertEquals("train", p.get("command"));
    assertEquals("box", p.get("host"));
    assertEquals("Linux-5.15", p.get("os"));
    assertEquals(List.of("MX150"), p.get("gpus"));
    assertEquals(List.of("n_epochs=100"), p.get("config_updates"));
    assertEquals(Instant.parse("2023-10-10T07:12:22.392928Z"), r.getTime().getStart());
    assertEquals(Instant.parse("2023-10-10T07:12:24.544539Z"), r.getTime().getEnd());

    assertEquals(42L, r.getParams().get("seed"));
    assertEquals(0.1, r.getParams().get("lr"));
    assertEquals(false, r.getParams().get("cuda"));
    assertTrue(r.getParams().containsKey("batch_size"));
    assertNull(r.getParams().get("batch_size"));
    assertEquals("adam", r.getParams().get("optim.name"));
    assertEquals(List.of(64L, 32L), r.getParams().get("layers"));
    assertEquals("{\"py/tuple\":[0.9,0.999]}", r.getParams().get("optim.betas"));
    assertTrue(String.valueOf(r.getParams().get("mean")).contains("\"py/object\":\"numpy.ndarray\""));

    assertEquals("train.py", r.getCode().getScript());
    assertEquals("8d89446969c0ccc8adcab1d3fb99b867962b7fdb", r.getCode().getGitCommit());
    assertEquals("https://example.org/tgne.git", r.getCode().getGitRemote());
    assertEquals(true, r.getCode().getGitDirty());
    assertEquals(List.of("numpy==1.23.4", "sacred==0.8.4"), r.getCode().getPackages());
    assertEquals(1, ((List<?>) p.get("repositories")).size(), "duplicate repositories are listed once");
    assertEquals(List.of("model/net.py", "train.py"), p.get("sources"));
    assertEquals(List.of("/exp/my_runs/_sources/train_856aee8cb3d66252ff05573d14debb02.py"), p.get("source_files"));
    assertTrue(r.getCode().getImports().contains("torch"), r.getCode().getImports().toString());
    assertTrue(r.getCode().getFrameworks().contains("pytorch"), r.getCode().getFrameworks().toString());

    assertEquals(0.93, r.getMetrics().get("result").last());
    assertTrue(r.getText().contains("final loss 4220.06"));
    assertTrue(r.getSources().containsAll(List.of(
        "/exp/my_runs/3/run.json", "/exp/my_runs/3/config.json", "/exp/my_runs/3/cout.txt",
        "/exp/my_runs/_sources/train_856aee8cb3d66252ff05573d14debb02.py")));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void resourcesAreInputsAndArtifactsAreOutputsInTheRunFolder() throws IOException {
    writeRun();
    write(run.resolve("model.ckpt"), "12345");
    Record r = parseOne();
    List<LineageRef> in = r.getLineage().getInputs();
    assertEquals(2, in.size());
    assertEquals("/home/u/proj/data/train.csv", in.get(0).path());
    assertEquals("md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", in.get(0).hash());
    assertEquals("/exp/data/extra.csv", in.get(1).path());
    assertEquals("resources", in.get(1).via());
    assertEquals(Boolean.TRUE, in.get(1).uncertain());
    assertNull(in.get(0).uncertain());
    LineageRef out = r.getLineage().getOutputs().get(0);
    assertEquals("/exp/my_runs/3/model.ckpt", out.path());
    assertEquals(5L, out.size());
    assertEquals("artifacts", out.via());
  }

  @Test
  void metricSeriesKeepStepsAndNonFiniteValues() throws IOException {
    writeRun();
    write(run.resolve("metrics.json"),
        "{\"loss\": {\"steps\": [0, 1, 2, 3], \"timestamps\": [\"t0\", \"t1\", \"t2\", \"t3\"], \"values\": [4.5, NaN, 2.5, Infinity]},\n"
            + " \"acc\": {\"steps\": [10, 20], \"values\": [0.5, 0.75], \"timestamps\": []}}");
    Record r = parseOne();
    Metric loss = r.getMetrics().get("loss");
    assertEquals(4, loss.steps());
    assertEquals(Double.POSITIVE_INFINITY, loss.last());
    assertEquals(2.5, loss.min());
    assertEquals(4.5, loss.max());
    assertEquals(3L, loss.lastStep());
    Metric acc = r.getMetrics().get("acc");
    assertEquals(0.75, acc.last());
    assertEquals(20L, acc.lastStep());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void duplicateStepsAreKeptWithAWarning() throws IOException {
    writeRun();
    write(run.resolve("metrics.json"), "{\"loss\": {\"steps\": [0, 1, 1, 0], \"values\": [3, 2, 1, 5]}}");
    Record r = parseOne();
    Metric loss = r.getMetrics().get("loss");
    assertEquals(4, loss.steps());
    assertEquals(5.0, loss.last());
    assertEquals(0L, loss.lastStep());
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("'loss'") && w.contains("2 value(s)")), r.getWarnings().toString());
  }

  @Test
  void mismatchedStepsAndNonNumbersAreWarnings() throws IOException {
    writeRun();
    write(run.resolve("metrics.json"), "{\"a\": {\"steps\": [5], \"values\": [1, null, \"x\", 2]}, \"b\": 3}");
    Record r = parseOne();
    Metric a = r.getMetrics().get("a");
    assertEquals(2, a.steps());
    assertEquals(3L, a.lastStep());
    String w = String.join("\n", r.getWarnings());
    assertTrue(w.contains("1 steps for 4 values"), w);
    assertTrue(w.contains("2 value(s) that are not numbers"), w);
    assertTrue(w.contains("'b' has no list of values"), w);
  }

  @Test
  void emptyMetricsFileIsAWarningAndTheRestIsRead() throws IOException {
    writeRun();
    write(run.resolve("metrics.json"), "");
    Record r = parseOne();
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("metrics.json is empty")), r.getWarnings().toString());
    assertEquals(42L, r.getParams().get("seed"));
  }

  @Test
  void invalidRunJsonStillGivesARecordWithTheConfig() throws IOException {
    write(run.resolve("run.json"), "{\"status\": \"RUNN");
    write(run.resolve("config.json"), CONFIG);
    Record r = parseOne();
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("run.json is not valid JSON")), r.getWarnings().toString());
    assertEquals(42L, r.getParams().get("seed"));
    assertEquals("3", r.getName());
  }

  @Test
  void failedRunKeepsTheLastLineOfItsTrace() throws IOException {
    write(run.resolve("run.json"),
        "{\"experiment\": {\"name\": \"e\"}, \"status\": \"FAILED\", \"host\": {}, \"result\": {\"py/tuple\": [1, 2]},\n"
            + " \"fail_trace\": [\"Traceback (most recent call last):\\n\", \"ValueError: bad shape\\n\"]}");
    write(run.resolve("config.json"), "{}");
    Record r = parseOne();
    assertEquals("FAILED", r.getProperties().get("status"));
    assertEquals("ValueError: bad shape", r.getProperties().get("fail_trace"));
    assertEquals("{\"py/tuple\":[1,2]}", r.getProperties().get("result"));
    assertFalse(r.getMetrics().containsKey("result"));
  }

  @Test
  void infoValuesBecomeProperties() throws IOException {
    writeRun();
    write(run.resolve("info.json"), "{\"best\": {\"epoch\": 7}, \"note\": \"ok\"}");
    Record r = parseOne();
    assertEquals(7L, r.getProperties().get("info.best.epoch"));
    assertEquals("ok", r.getProperties().get("info.note"));
    assertTrue(r.getSources().contains("/exp/my_runs/3/info.json"));
  }

  @Test
  void anotherToolsRunJsonIsNotASacredRun() throws IOException {
    write(run.resolve("run.json"), "{\"name\": \"something else\", \"epochs\": 3}");
    write(run.resolve("config.json"), "{}");
    assertTrue(parse().isEmpty());
  }

  @Test
  void claimsRunFoldersOnly() {
    writeRun();
    assertTrue(parser.claims(view(run)));
    write(fs.getPath("/other/run.json"), "{}");
    assertFalse(parser.claims(view(fs.getPath("/other"))));
  }
}
