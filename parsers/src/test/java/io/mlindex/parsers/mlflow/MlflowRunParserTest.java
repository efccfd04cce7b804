package io.mlindex.parsers.mlflow;

import static io.mlindex.parsers.TestTrees.view;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MlflowRunParserTest {
  private FileSystem fs;
  private Path exp;
  private final MlflowRunParser parser = new MlflowRunParser();

  @BeforeEach
  void setUp() {
    fs = TestTrees.newFileSystem();
    exp = fs.getPath("/data/mlruns/7");
    write(exp.resolve("meta.yaml"), "artifact_location: file:///x/mlruns/7\nexperiment_id: '7'\nlifecycle_stage: active\nname: churn\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    fs.close();
  }

  private Path run(String id, String meta) {
    Path run = exp.resolve(id);
    write(run.resolve("meta.yaml"), meta);
    return run;
  }

  private Record parse(Path run) throws Exception {
    List<Record> records = parser.parse(view(run), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void readsMetaParamsMetricsAndTags() throws Exception {
    Path run = run("abc", "run_id: abc\nrun_name: bright-fox\nexperiment_id: '7'\nstatus: 3\n"
        + "start_time: 1700000000000\nend_time: 1700000060000\nlifecycle_stage: active\nuser_id: ana\n");
    write(run.resolve("params/alpha"), "0.5");
    write(run.resolve("params/optimizer/name"), "adam");
    write(run.resolve("metrics/rmse"), "1700000001000 0.9 0\n1700000002000 0.7 1\n1700000003000 0.8 2\n");
    write(run.resolve("metrics/train/loss"), "1700000001000 2.5 0\n");
    write(run.resolve("tags/mlflow.source.git.commit"), "0123456789abcdef0123456789abcdef01234567");
    write(run.resolve("tags/mlflow.source.name"), "train.py");
    write(run.resolve("tags/team"), "risk");
    write(run.resolve("artifacts/model/model.pkl"), "x");

    assertTrue(parser.claims(view(run)));
    Record r = parse(run);
    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("mlflow", r.getFormat());
    assertEquals("bright-fox", r.getName());
    assertEquals("churn", r.getExperiment());
    assertEquals("FINISHED", r.getProperties().get("status"));
    assertEquals(Instant.ofEpochMilli(1700000000000L), r.getTime().getStart());
    assertEquals("0.5", r.getParams().get("alpha"), "MLflow stores params as strings");
    assertEquals("adam", r.getParams().get("optimizer/name"));
    Metric rmse = r.getMetrics().get("rmse");
    assertEquals(0.8, rmse.last());
    assertEquals(0.7, rmse.min());
    assertEquals(0.9, rmse.max());
    assertEquals(3, rmse.steps());
    assertEquals(2L, rmse.lastStep());
    assertEquals(2.5, r.getMetrics().get("train/loss").last());
    assertEquals("0123456789abcdef0123456789abcdef01234567", r.getCode().getGitCommit());
    assertEquals("train.py", r.getCode().getScript());
    assertEquals("risk", r.getTags().get("team"));
    assertEquals("/data/mlruns/7/abc/artifacts/model/model.pkl", r.getLineage().getOutputs().get(0).path());
    assertTrue(r.getSources().contains("/data/mlruns/7/meta.yaml"), "the experiment name comes from there");
    assertTrue(r.getSources().contains("/data/mlruns/7/abc/metrics/train/loss"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void latestValueFollowsMlflowsRuleNotFileOrder() throws Exception {
    Path run = run("r1", "run_id: r1\n");
    write(run.resolve("metrics/acc"), "100 0.5 5\n300 0.1 2\n200 0.9 5\n50 0.3\n");
    Metric acc = parse(run).getMetrics().get("acc");
    assertEquals(0.9, acc.last(), "step 5 at the later time 200 wins");
    assertEquals(4, acc.steps(), "a line without a step (old MLflow) counts as step 0");
  }

  @Test
  void garbageLinesAreSkippedWithOneWarning() throws Exception {
    Path run = run("r2", "run_id: r2\n");
    write(run.resolve("metrics/loss"), "100 0.5 0\nthis is not a metric\n200 nan 1\n300 0.25 2 extra\n");
    Record r = parse(run);
    Metric loss = r.getMetrics().get("loss");
    assertEquals(2, loss.steps());
    assertTrue(Double.isNaN(loss.last()), "NaN is kept, not dropped");
    assertEquals(1, r.getWarnings().size());
    assertTrue(r.getWarnings().get(0).contains("metrics/loss") && r.getWarnings().get(0).contains("2 malformed"), r.getWarnings().get(0));
  }

  @Test
  void metaThatIsNotYamlStillGivesARecord() throws Exception {
    Path run = run("r3", "run_id: [unclosed\n  : :\n");
    write(run.resolve("params/lr"), "0.1");
    Record r = parse(run);
    assertEquals("0.1", r.getParams().get("lr"));
    assertEquals("r3", r.getName());
    assertTrue(r.getWarnings().get(0).startsWith("meta.yaml could not be read"), r.getWarnings().toString());
  }

  @Test
  void deletedRunsAreKeptAndMarked() throws Exception {
    Path run = run("r4", "run_id: r4\nlifecycle_stage: deleted\n");
    write(run.resolve("params/x"), "1");
    assertEquals(true, parse(run).getProperties().get("deleted"));
    Path trashed = fs.getPath("/data/mlruns/.trash/9/r5");
    write(trashed.resolve("meta.yaml"), "run_id: r5\n");
    write(trashed.resolve("tags/mlflow.runName"), "old");
    Record r = parser.parse(view(trashed), new ParseContext()).get(0);
    assertEquals(true, r.getProperties().get("deleted"));
    assertEquals("old", r.getName());
  }

  @Test
  void claimsOnlyRunFolders() {
    assertFalse(parser.claims(view(exp)), "an experiment folder is not a run");
    Path notRun = fs.getPath("/data/other");
    write(notRun.resolve("meta.yaml"), "a: 1\n");
    assertFalse(parser.claims(view(notRun)));
    Path noExperiment = fs.getPath("/loose/run");
    write(noExperiment.resolve("meta.yaml"), "run_id: z\n");
    write(noExperiment.resolve("params/a"), "1");
    assertTrue(parser.claims(view(noExperiment)));
  }

  @Test
  void runWithoutMetricsHasNoMetrics() throws Exception {
    Path run = run("r6", "run_id: r6\n");
    write(run.resolve("params/a"), "1");
    Record r = parse(run);
    assertTrue(r.getMetrics().isEmpty());
    assertNull(r.getCode().getGitCommit());
  }
}
