package io.mlindex.parsers.generic;

import static io.mlindex.parsers.TestTrees.view;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenericRunParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final GenericRunParser parser = new GenericRunParser();
  private final Path root = fs.getPath("/work");

  @AfterEach
  void close() throws Exception {
    fs.close();
  }

  private List<Record> parse(Path dir) throws Exception {
    assertTrue(parser.claims(view(dir, root)), "claims " + dir);
    return parser.parse(view(dir, root), new ParseContext());
  }

  private Record parseOne(Path dir) throws Exception {
    List<Record> records = parse(dir);
    assertEquals(1, records.size(), "records of " + dir);
    return records.get(0);
  }

  private boolean claims(Path dir) {
    return parser.claims(view(dir, root));
  }

  @Test
  void combinesParamsMetricsAndCheckpointsOfAFolder() throws Exception {
    Path dir = root.resolve("exp/run1");
    write(dir.resolve("params.yaml"), "optimizer:\n  name: adam\n  lr: 0.001\nlayers: [64, 32]\n");
    write(dir.resolve("metrics.json"), "{\"val\": {\"acc\": 0.91, \"loss\": NaN}, \"train_loss\": [0.9, 0.5, 0.3]}");
    write(dir.resolve("model.pt"), new byte[4]);

    Record r = parseOne(dir);

    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("generic", r.getFormat());
    assertEquals("/work/exp/run1", r.getPath());
    assertEquals("run1", r.getName());
    assertEquals("adam", r.getParams().get("optimizer.name"));
    assertEquals(0.001, r.getParams().get("optimizer.lr"));
    assertEquals(List.of(64L, 32L), r.getParams().get("layers"));
    assertEquals(0.91, r.getMetrics().get("val.acc").last());
    assertTrue(Double.isNaN(r.getMetrics().get("val.loss").last()));
    Metric series = r.getMetrics().get("train_loss");
    assertEquals(0.3, series.last());
    assertEquals(3, series.steps());
    assertEquals(0.9, series.max());
    assertEquals(List.of(LineageRef.path("/work/exp/run1/model.pt", "checkpoint")), r.getLineage().getOutputs());
    assertEquals(List.of("/work/exp/run1/params.yaml", "/work/exp/run1/metrics.json"), r.getSources());
    assertEquals(List.of("params.yaml"), r.getProperties().get("params_files"));
    assertEquals(List.of("model.pt"), r.getProperties().get("checkpoints"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void aConfigCountsOnlyNextToACheckpoint() throws Exception {
    Path withCheckpoint = root.resolve("a");
    write(withCheckpoint.resolve("config.yaml"), "seed: 1\nbackbone: resnet18\n");
    write(withCheckpoint.resolve("best.ckpt"), new byte[1]);
    Path alone = root.resolve("b");
    write(alone.resolve("config.json"), "{\"seed\": 1, \"backbone\": \"resnet18\"}");

    assertEquals("resnet18", parseOne(withCheckpoint).getParams().get("backbone"));
    assertFalse(claims(alone));
  }

  @Test
  void perEpochListsBecomeSeriesWithSteps() throws Exception {
    Path dir = root.resolve("hist");
    write(dir.resolve("metrics.json"), "[{\"epoch\": 1, \"loss\": 0.8, \"acc\": 0.5}, {\"epoch\": 2, \"loss\": 0.6, \"acc\": 0.7}]");

    Record r = parseOne(dir);

    assertEquals(0.7, r.getMetrics().get("acc").last());
    assertEquals(2L, r.getMetrics().get("acc").lastStep());
    assertFalse(r.getMetrics().containsKey("epoch"));
  }

  @Test
  void theSameMetricInTwoFilesIsQualifiedByTheSecondFile() throws Exception {
    Path dir = root.resolve("both");
    write(dir.resolve("metrics.json"), "{\"accuracy\": 0.9}");
    write(dir.resolve("results.json"), "{\"accuracy\": 0.8, \"f1\": 0.7}");

    Record r = parseOne(dir);

    assertEquals(0.9, r.getMetrics().get("accuracy").last());
    assertEquals(0.8, r.getMetrics().get("results.accuracy").last());
    assertEquals(0.7, r.getMetrics().get("f1").last());
  }

  @Test
  void filesLookedAtButNotUsedAreSourcesWithANote() throws Exception {
    Path dir = root.resolve("mixed");
    write(dir.resolve("metrics.json"), "{\"loss\": 0.2}");
    write(dir.resolve("results.json"), "{\"numPassedTests\": 10}");

    Record r = parseOne(dir);

    assertEquals(List.of("/work/mixed/metrics.json", "/work/mixed/results.json"), r.getSources());
    assertEquals(List.of("results.json holds no metric values; ignored"), r.getWarnings());
    assertFalse(r.getMetrics().containsKey("numPassedTests"));
  }

  @Test
  void hyperparametersAloneMakeARunButOtherSettingsDoNot() throws Exception {
    Path hp = root.resolve("hp");
    write(hp.resolve("hparams.json"), "{\"learning_rate\": 0.01, \"batch_size\": 32}");
    Path deploy = root.resolve("deploy");
    write(deploy.resolve("params.json"), "{\"region\": \"eu-west-1\", \"instanceType\": \"t3.micro\"}");

    assertEquals(32L, parseOne(hp).getParams().get("batch_size"));
    assertEquals(List.of(), parse(deploy));
  }

  @Test
  void aRandomJsonFileIsNotARun() throws Exception {
    Path web = root.resolve("web");
    write(web.resolve("package.json"), "{\"name\": \"app\", \"version\": \"1.0.0\"}");
    write(web.resolve("tsconfig.json"), "{\"compilerOptions\": {\"target\": \"es2020\"}}");
    Path tests = root.resolve("jest");
    write(tests.resolve("results.json"), "{\"numPassedTests\": 10, \"numFailedTests\": 0, \"startTime\": 1700000000}");
    Path listing = root.resolve("listing");
    write(listing.resolve("eval_set.json"), "[\"a.png\", \"b.png\"]");
    write(listing.resolve("params.json"), "[{\"ParameterKey\": \"Env\", \"ParameterValue\": \"prod\"}]");

    assertFalse(claims(web));
    assertEquals(List.of(), parse(tests));
    assertEquals(List.of(), parse(listing));
  }

  @Test
  void aBrokenParamsFileIsARecordWithAWarning() throws Exception {
    Path dir = root.resolve("broken");
    write(dir.resolve("params.yaml"), "lr: [0.1\n");

    Record r = parseOne(dir);

    assertTrue(r.getWarnings().get(0).startsWith("params.yaml could not be read"), r.getWarnings().toString());
    assertEquals(List.of("/work/broken/params.yaml"), r.getSources());
  }

  @Test
  void aBrokenWeaklyNamedFileAloneIsNothing() throws Exception {
    Path dir = root.resolve("weak");
    write(dir.resolve("results.json"), "{\"accuracy\": ");

    assertEquals(List.of(), parse(dir));
  }

  @Test
  void huggingFaceFilesAreLeftToTheirReader() throws Exception {
    Path model = root.resolve("bert");
    write(model.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": 768}");
    write(model.resolve("model.safetensors"), new byte[8]);
    Path trainer = root.resolve("out");
    write(trainer.resolve("trainer_state.json"), "{}");
    write(trainer.resolve("metrics.json"), "{\"accuracy\": 0.9}");
    Path results = root.resolve("res");
    write(results.resolve("eval_results.json"), "{\"eval_accuracy\": 0.9}");

    assertEquals(List.of(), parse(model));
    assertFalse(claims(trainer));
    assertFalse(claims(results));
  }

  @Test
  void otherToolsFoldersAreNotClaimed() {
    Path dvc = root.resolve("dvcproj");
    write(dvc.resolve("dvc.yaml"), "stages: {}\n");
    write(dvc.resolve("params.yaml"), "lr: 0.1\n");
    write(dvc.resolve("eval/metrics.json"), "{\"acc\": 0.9}");
    Path wandb = root.resolve("wandb/run-20240101_000000-abc/files");
    write(wandb.resolve("config.yaml"), "lr:\n  value: 0.1\n");
    write(wandb.resolve("model.pt"), new byte[1]);
    Path lightning = root.resolve("logs/version_3");
    write(lightning.resolve("hparams.yaml"), "lr: 0.1\n");
    Path hydraRun = root.resolve("outputs/2024-01-01/12-00-00");
    write(hydraRun.resolve(".hydra/config.yaml"), "lr: 0.1\n");
    write(hydraRun.resolve("metrics.json"), "{\"acc\": 0.9}");
    Path sacred = root.resolve("my_runs/1");
    write(sacred.resolve("run.json"), "{}");
    write(sacred.resolve("config.json"), "{\"lr\": 0.1}");
    write(sacred.resolve("metrics.json"), "{\"acc\": {\"values\": [0.9]}}");
    Path mlflowArtifacts = root.resolve("mlruns/1/abc/artifacts");
    write(mlflowArtifacts.resolve("metrics.json"), "{\"acc\": 0.9}");

    assertFalse(claims(dvc));
    assertFalse(claims(dvc.resolve("eval")));
    assertFalse(claims(wandb));
    assertFalse(claims(lightning));
    assertFalse(claims(hydraRun));
    assertFalse(claims(hydraRun.resolve(".hydra")));
    assertFalse(claims(sacred));
    assertFalse(claims(mlflowArtifacts));
  }

  @Test
  void aDvcProjectAboveTheCrawlRootIsNotLookedFor() throws Exception {
    write(fs.getPath("/dvc.yaml"), "stages: {}\n");
    Path dir = root.resolve("eval");
    write(dir.resolve("metrics.json"), "{\"acc\": 0.9}");
    Files.createDirectories(root);

    assertEquals(1, parse(dir).size());
  }
}
