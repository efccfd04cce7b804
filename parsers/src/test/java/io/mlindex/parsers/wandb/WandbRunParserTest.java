package io.mlindex.parsers.wandb;

import static io.mlindex.parsers.wandb.WandbLogWriter.git;
import static io.mlindex.parsers.wandb.WandbLogWriter.history;
import static io.mlindex.parsers.wandb.WandbLogWriter.item;
import static io.mlindex.parsers.wandb.WandbLogWriter.nestedItem;
import static io.mlindex.parsers.wandb.WandbLogWriter.record;
import static io.mlindex.parsers.wandb.WandbLogWriter.timestamp;
import static io.mlindex.parsers.wandb.WandbLogWriter.updates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WandbRunParserTest {
  static final String CONFIG = """
      wandb_version: 1
      _wandb:
        desc: null
        value:
          cli_version: 0.16.2
          python_version: 3.10.12
          start_time: 1700000000
          t:
            1: [1, 41, 55]
            2: [1, 11]
      optimizer:
        desc: null
        value:
          name: adam
          lr: 0.001
      epochs:
        desc: null
        value: 10
      layers:
        value: [64, 32]
      entity:
        value: null
      """;

  static final String SUMMARY = """
      {"val/acc": 0.91, "loss": NaN, "best": Infinity, "_step": 99, "_runtime": 120.5,
       "_timestamp": 1700000120.5, "_wandb": {"runtime": 120},
       "eval": {"f1": 0.8, "detail": {"recall": 0.7}},
       "samples": {"_type": "table-file", "path": "media/table/samples.json", "nrows": 4},
       "phase": "done", "ok": true, "shape": [1, 2]}
      """;

  static final String METADATA = """
      {"os": "Linux-6.1", "python": "3.10.12", "startedAt": "2023-11-14T22:13:20.500000",
       "program": "/home/me/train.py", "codePath": "train.py", "args": ["--lr", "0.001"],
       "git": {"remote": "git@github.com:me/proj.git", "commit": "0123456789abcdef0123456789abcdef01234567"},
       "host": "box", "gpu": "NVIDIA A100", "gpu_count": 2, "email": "me@example.com"}
      """;

  private FileSystem fs;
  private final WandbRunParser parser = new WandbRunParser();

  @BeforeEach
  void setUp() {
    fs = TestTrees.newFileSystem();
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private Record parse(Path dir) throws IOException {
    assertTrue(parser.claims(TestTrees.view(dir)), "claims " + dir);
    List<Record> records = parser.parse(TestTrees.view(dir), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  private Path runWithFiles() {
    Path run = fs.getPath("/exp/wandb/run-20231114_221320-abc123de");
    TestTrees.write(run.resolve("files/config.yaml"), CONFIG);
    TestTrees.write(run.resolve("files/wandb-summary.json"), SUMMARY);
    TestTrees.write(run.resolve("files/wandb-metadata.json"), METADATA);
    TestTrees.write(run.resolve("files/requirements.txt"), "torch==2.1.0\n# comment\nnumpy>=1.26\n-e .\n");
    TestTrees.write(run.resolve("files/output.log"), "epoch 1\n");
    return run;
  }

  @Test
  void readsTheFilesOfARun() throws IOException {
    Record r = parse(runWithFiles());
    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("wandb", r.getFormat());
    assertEquals("abc123de", r.getName());
    assertEquals("abc123de", r.getProperties().get("run_id"));
    assertEquals(false, r.getProperties().get("offline"));
    assertEquals("adam", r.getParams().get("optimizer.name"));
    assertEquals(0.001, r.getParams().get("optimizer.lr"));
    assertEquals(10L, r.getParams().get("epochs"));
    assertEquals(List.of(64L, 32L), r.getParams().get("layers"));
    assertTrue(r.getParams().containsKey("entity"));
    assertFalse(r.getParams().keySet().stream().anyMatch(k -> k.startsWith("_wandb") || k.equals("wandb_version")));
    assertEquals("0.16.2", r.getProperties().get("cli_version"));
    assertEquals("3.10.12", r.getProperties().get("python_version"));
  }

  @Test
  void summaryNumbersAreMetricsAndWandbKeysProperties() throws IOException {
    Record r = parse(runWithFiles());
    assertEquals(0.91, r.getMetrics().get("val/acc").last());
    assertTrue(Double.isNaN(r.getMetrics().get("loss").last()));
    assertNull(r.getMetrics().get("loss").min());
    assertEquals(Double.POSITIVE_INFINITY, r.getMetrics().get("best").last());
    assertEquals(0.8, r.getMetrics().get("eval.f1").last());
    assertEquals(0.7, r.getMetrics().get("eval.detail.recall").last());
    assertEquals(99L, r.getProperties().get("_step"));
    assertEquals(120.5, r.getProperties().get("_runtime"));
    assertEquals(1700000120.5, r.getProperties().get("_timestamp"));
    assertEquals(List.of("samples"), r.getProperties().get("summary_media"));
    assertFalse(r.getMetrics().containsKey("samples.nrows"));
    assertEquals("done", r.getProperties().get("summary.phase"));
    assertEquals(true, r.getProperties().get("summary.ok"));
    assertFalse(r.getProperties().containsKey("summary.shape"));
    assertFalse(r.getProperties().containsKey("_wandb"));
  }

  @Test
  void metadataGivesCodeReferencesAndEnvironment() throws IOException {
    Record r = parse(runWithFiles());
    assertEquals("0123456789abcdef0123456789abcdef01234567", r.getCode().getGitCommit());
    assertEquals("git@github.com:me/proj.git", r.getCode().getGitRemote());
    assertEquals("train.py", r.getCode().getScript());
    assertEquals("/home/me/train.py", r.getProperties().get("program"));
    assertEquals(List.of("--lr", "0.001"), r.getProperties().get("args"));
    assertEquals("box", r.getProperties().get("host"));
    assertEquals("NVIDIA A100", r.getProperties().get("gpu"));
    assertEquals(2L, r.getProperties().get("gpu_count"));
    assertEquals("Linux-6.1", r.getProperties().get("os"));
    assertFalse(r.getProperties().containsValue("me@example.com"));
    assertEquals(Instant.parse("2023-11-14T22:13:20.500Z"), r.getTime().getStart());
    assertEquals(Instant.parse("2023-11-14T22:15:21Z"), r.getTime().getEnd());
    assertEquals(List.of("torch", "numpy"), r.getCode().getPackages());
    assertEquals(List.of("pytorch", "transformers"), r.getCode().getFrameworks());
    assertEquals(true, r.getProperties().get("output_log"));
    String files = "/exp/wandb/run-20231114_221320-abc123de/files/";
    assertTrue(r.getSources().containsAll(List.of(files + "config.yaml", files + "wandb-summary.json",
        files + "wandb-metadata.json", files + "requirements.txt", files + "output.log")), r.getSources().toString());
    assertEquals(List.of("files/config.yaml", "files/output.log", "files/requirements.txt",
        "files/wandb-metadata.json", "files/wandb-summary.json"), r.getProperties().get("files"));
    assertEquals(List.of(), r.getWarnings());
  }

  @Test
  void claimsRunFoldersOnly() {
    Path run = TestTrees.write(fs.getPath("/a/wandb/offline-run-20240101_000000-zz9/files/x.txt"), "x").getParent().getParent();
    assertTrue(parser.claims(TestTrees.view(run)));
    Path latest = TestTrees.write(fs.getPath("/a/wandb/latest-run/run-zz9.wandb"), new WandbLogWriter().bytes()).getParent();
    assertTrue(parser.claims(TestTrees.view(latest)));
    Path latestElsewhere = TestTrees.write(fs.getPath("/a/other/latest-run/files/x.txt"), "x").getParent().getParent();
    assertFalse(parser.claims(TestTrees.view(latestElsewhere)));
    Path noContent = TestTrees.write(fs.getPath("/a/wandb/run-20240101_000000-abc/logs/debug.log"), "x").getParent().getParent();
    assertFalse(parser.claims(TestTrees.view(noContent)));
    Path otherName = TestTrees.write(fs.getPath("/a/wandb/run-final/files/x.txt"), "x").getParent().getParent();
    assertFalse(parser.claims(TestTrees.view(otherName)));
  }

  /** An offline run: only requirements.txt and the binary log. */
  static byte[] offlineLog() {
    WandbLogWriter w = new WandbLogWriter();
    w.record(record(1, 21, new ProtoMsg().msg(1, new ProtoMsg().str(1, "0.19.1"))));
    w.record(record(2, 17, new ProtoMsg().str(1, "xyz789").str(2, "team").str(3, "vision")
        .msg(4, updates(List.of(item("_wandb", "{}"), item("model", "{\"depth\": 50, \"name\": \"resnet\"}")), List.of()))
        .str(8, "brave-fox-7").str(10, "baseline").str(10, "gpu").str(13, "node1")
        .msg(17, timestamp(1_700_000_000)).msg(21, git("https://github.com/me/vision.git", "feedface"))));
    w.record(record(3, 5, updates(List.of(item("lr", "0.01"), item("tmp", "1")), List.of())));
    w.record(record(4, 5, updates(List.of(), List.of(item("tmp", "")))));
    w.record(record(5, 11, new ProtoMsg().msg(1, new ProtoMsg().bool(1, true).bool(3, false)).str(4, "3.11.4").str(5, "0.19.1")));
    w.record(record(6, 26, new ProtoMsg().str(1, "Linux").str(2, "CPython 3.11.4").str(5, "--epochs=3")
        .str(6, "-m vision.train").str(7, "vision/train.py").msg(9, git("https://github.com/me/vision.git", "feedface"))));
    for (int step = 0; step < 3; step++) {
      w.record(record(7 + step, 2, history(step * 10,
          item("loss", String.valueOf(1.0 / (step + 1))), item("_step", String.valueOf(step * 10)),
          item("phase", "\"train\""), nestedItem(List.of("img", "_type"), "\"image-file\""),
          nestedItem(List.of("img", "width"), "32"), item("val", "{\"acc\": " + (0.5 + step / 10.0) + "}"))));
    }
    w.record(record(10, 2, history(-1, item("_step", "30"), item("loss", "NaN"))));
    w.record(record(11, 3, updates(List.of(item("loss", "0.25"), item("val", "{\"acc\": 0.7}"), item("gone", "1")),
        List.of(item("gone", "")))));
    w.record(record(12, 4, new ProtoMsg().str(3, "console line")));
    w.record(record(13, 18, new ProtoMsg().i64(1, 0).i64(2, 42)));
    return w.bytes();
  }

  @Test
  void decodesTheBinaryLogWhenItIsAllThereIs() throws IOException {
    Path run = fs.getPath("/w/wandb/offline-run-20231114_221320-xyz789");
    TestTrees.write(run.resolve("files/requirements.txt"), "wandb==0.19.1\n");
    TestTrees.write(run.resolve("run-xyz789.wandb"), offlineLog());
    Record r = parse(run);
    assertEquals(List.of(), r.getWarnings());
    assertEquals(true, r.getProperties().get("offline"));
    assertEquals("brave-fox-7", r.getName());
    assertEquals("vision", r.getExperiment());
    assertEquals("team", r.getProperties().get("entity"));
    assertEquals(List.of("baseline", "gpu"), r.getProperties().get("tags"));
    assertEquals(50L, r.getParams().get("model.depth"));
    assertEquals("resnet", r.getParams().get("model.name"));
    assertEquals(0.01, r.getParams().get("lr"));
    assertFalse(r.getParams().containsKey("tmp"));
    assertFalse(r.getParams().containsKey("_wandb"));
    assertEquals("feedface", r.getCode().getGitCommit());
    assertEquals("https://github.com/me/vision.git", r.getCode().getGitRemote());
    assertEquals("vision/train.py", r.getCode().getScript());
    assertEquals("-m vision.train", r.getProperties().get("program"));
    assertEquals(List.of("--epochs=3"), r.getProperties().get("args"));
    assertEquals("node1", r.getProperties().get("host"));
    assertEquals("0.19.1", r.getProperties().get("cli_version"));
    assertEquals("0.19.1", r.getProperties().get("wandb_version"));
    assertEquals(List.of("pytorch"), r.getCode().getFrameworks());
    assertEquals(Instant.parse("2023-11-14T22:13:20.500Z"), r.getTime().getStart());
    assertEquals("finished", r.getProperties().get("status"));
    assertEquals(1L, r.getProperties().get("output_lines"));
    assertEquals(13L, r.getProperties().get("log_records"));
    assertTrue(r.getSources().contains("/w/wandb/offline-run-20231114_221320-xyz789/run-xyz789.wandb"));

    Metric loss = r.getMetrics().get("loss");
    assertEquals(0.25, loss.last(), "the final summary value, which differs from the last history value");
    Metric acc = r.getMetrics().get("val.acc");
    assertEquals(3, acc.steps());
    assertEquals(20L, acc.lastStep());
    assertEquals(0.5, acc.min());
    assertEquals(0.7, acc.last(), 1e-12);
    assertFalse(r.getMetrics().containsKey("gone"));
    assertFalse(r.getMetrics().containsKey("img.width"));
    assertFalse(r.getMetrics().containsKey("phase"));
    assertFalse(r.getMetrics().containsKey("_step"));
  }

  @Test
  void historySeriesBackTheSummaryWhenTheyAgree() throws IOException {
    Path run = fs.getPath("/w/wandb/run-20231114_221320-xyz789");
    TestTrees.write(run.resolve("files/wandb-summary.json"), "{\"val.acc\": 0.7, \"loss\": NaN}");
    TestTrees.write(run.resolve("files/config.yaml"), "lr:\n  value: 0.5\n");
    TestTrees.write(run.resolve("run-xyz789.wandb"), offlineLog());
    Record r = parse(run);
    assertEquals(3, r.getMetrics().get("val.acc").steps(), "series from the history");
    Metric loss = r.getMetrics().get("loss");
    assertEquals(4, loss.steps(), "NaN was the last history value, and the summary's too");
    assertEquals(30L, loss.lastStep(), "step from the row's _step item");
    assertEquals(0.5, r.getParams().get("lr"), "config.yaml wins over the log's config");
    assertFalse(r.getParams().containsKey("model.depth"));
  }

  @Test
  void aTruncatedLogKeepsWhatWasReadAndSaysSo() throws IOException {
    byte[] log = offlineLog();
    Path run = fs.getPath("/w/wandb/offline-run-20231114_221320-xyz789");
    TestTrees.write(run.resolve("run-xyz789.wandb"), java.util.Arrays.copyOf(log, log.length - 5));
    Record r = parse(run);
    assertEquals("brave-fox-7", r.getName());
    assertEquals(0.01, r.getParams().get("lr"));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.startsWith("run-xyz789.wandb: truncated")), r.getWarnings().toString());
    assertNull(r.getProperties().get("status"), "the exit record was cut off");
  }

  @Test
  void aWrongChecksumDropsOneRecordWithAWarning() throws IOException {
    byte[] log = offlineLog();
    int at = indexOf(log, "brave-fox-7".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    log[at] = 'B';
    Path run = fs.getPath("/w/wandb/offline-run-20231114_221320-xyz789");
    TestTrees.write(run.resolve("run-xyz789.wandb"), log);
    Record r = parse(run);
    assertEquals("xyz789", r.getName(), "the run record was dropped; the id comes from the folder");
    assertEquals(0.01, r.getParams().get("lr"));
    assertEquals("finished", r.getProperties().get("status"));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("bad checksum")), r.getWarnings().toString());
  }

  @Test
  void undecodableRecordsAndValuesAreWarnings() throws IOException {
    WandbLogWriter w = new WandbLogWriter();
    w.record(new byte[] {0x12, 0x7f, 0x01}); // field 2, length 127, 1 byte present
    w.record(record(2, 5, updates(List.of(item("note", "not json {")), List.of())));
    Path run = fs.getPath("/w/wandb/offline-run-20231114_221320-bad1");
    TestTrees.write(run.resolve("run-bad1.wandb"), w.bytes());
    Record r = parse(run);
    assertEquals("not json {", r.getParams().get("note"));
    assertTrue(r.getWarnings().stream().anyMatch(x -> x.contains("1 record(s) were not valid protobuf")), r.getWarnings().toString());
    assertTrue(r.getWarnings().stream().anyMatch(x -> x.contains("1 value(s) were not valid JSON")), r.getWarnings().toString());
  }

  @Test
  void emptyAndForeignFilesAreWarningsNotFailures() throws IOException {
    Path run = fs.getPath("/w/wandb/run-20231114_221320-e1");
    TestTrees.write(run.resolve("files/config.yaml"), "");
    TestTrees.write(run.resolve("files/wandb-summary.json"), "");
    TestTrees.write(run.resolve("files/wandb-metadata.json"), "[1, 2]");
    TestTrees.write(run.resolve("run-e1.wandb"), new byte[0]);
    Record r = parse(run);
    assertTrue(r.getParams().isEmpty());
    assertTrue(r.getMetrics().isEmpty());
    List<String> w = r.getWarnings();
    assertTrue(w.stream().anyMatch(x -> x.startsWith("files/wandb-summary.json could not be read")), w.toString());
    assertTrue(w.stream().anyMatch(x -> x.equals("files/wandb-metadata.json is not a JSON object")), w.toString());
    assertTrue(w.stream().anyMatch(x -> x.equals("run-e1.wandb could not be decoded: the file is empty")), w.toString());

    Path foreign = fs.getPath("/w/wandb/run-20231114_221320-e2");
    TestTrees.write(foreign.resolve("run-e2.wandb"), "PK\u0003\u0004 not a log");
    assertTrue(parse(foreign).getWarnings().get(0).contains("no W&B log header"));

    Path lfs = fs.getPath("/w/wandb/run-20231114_221320-e3");
    TestTrees.write(lfs.resolve("run-e3.wandb"), "version https://git-lfs.github.com/spec/v1\noid sha256:"
        + "0".repeat(64) + "\nsize 1234\n");
    assertEquals(List.of("run-e3.wandb could not be decoded: Git LFS pointer: content not present"), parse(lfs).getWarnings());
  }

  @Test
  void duplicateHistoryStepsAreKeptWithAWarning() throws IOException {
    WandbLogWriter w = new WandbLogWriter();
    long[] steps = {0, 5, 5, 3};
    for (int i = 0; i < steps.length; i++) {
      w.record(record(i, 2, history(steps[i], item("acc", String.valueOf(0.1 * i)))));
    }
    Path run = fs.getPath("/w/wandb/offline-run-20231114_221320-dup1");
    TestTrees.write(run.resolve("run-dup1.wandb"), w.bytes());
    Record r = parse(run);
    assertEquals(4, r.getMetrics().get("acc").steps());
    assertEquals(3L, r.getMetrics().get("acc").lastStep());
    assertEquals(List.of("run-dup1.wandb: history acc: 2 value(s) logged at a step not after the previous one"
        + " (first at step 5); duplicate or restarted steps are kept in file order"), r.getWarnings());
  }

  @Test
  void aHeaderOnlyLogIsAnEmptyRun() throws IOException {
    Path run = fs.getPath("/w/wandb/run-20231114_221320-h1");
    TestTrees.write(run.resolve("run-h1.wandb"), new WandbLogWriter().bytes());
    Record r = parse(run);
    assertEquals(0L, r.getProperties().get("log_records"));
    assertEquals(List.of(), r.getWarnings());
    assertTrue(Files.exists(run));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
