package io.mlindex.parsers.mlflow;

import static io.mlindex.parsers.TestTrees.view;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MlflowExperimentParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final MlflowExperimentParser parser = new MlflowExperimentParser();
  private final MlflowRunParser runParser = new MlflowRunParser();

  @AfterEach
  void close() throws Exception {
    fs.close();
  }

  private Record parse(Path dir) throws Exception {
    assertTrue(parser.claims(view(dir)), "claims " + dir);
    List<Record> records = parser.parse(view(dir), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void readsTheExperimentAndCountsItsRuns() throws Exception {
    Path exp = MlflowStoreFixture.experiment(fs.getPath("/mlruns"), "1", "wine");
    MlflowStoreFixture.run(exp, MlflowStoreFixture.RUN_ID);
    MlflowStoreFixture.run(exp, MlflowStoreFixture.OTHER_RUN_ID);
    write(exp.resolve("tags/mlflow.note.content"), "baseline sweep");
    write(exp.resolve("datasets/abc/meta.yaml"), "name: wine\ndigest: 1234\n");
    Files.createDirectories(exp.resolve("not-a-run"));

    Record r = parse(exp);

    assertEquals(RecordKind.EXPERIMENT, r.getKind());
    assertEquals("mlflow", r.getFormat());
    assertEquals("/mlruns/1", r.getPath());
    assertEquals("wine", r.getName());
    assertEquals("wine", r.getExperiment());
    assertEquals("1", r.getProperties().get("experiment_id"));
    assertEquals("file:///home/someone/mlruns/1", r.getProperties().get("artifact_location"));
    assertEquals("active", r.getProperties().get("lifecycle_stage"));
    assertEquals(1700000000000L, r.getProperties().get("creation_time"));
    assertEquals(Instant.ofEpochMilli(1700000000000L), r.getTime().getStart());
    assertEquals(2L, r.getProperties().get("run_count"));
    assertEquals(List.of(MlflowStoreFixture.RUN_ID, MlflowStoreFixture.OTHER_RUN_ID), r.getProperties().get("run_ids"));
    assertEquals("baseline sweep", r.getTags().get("mlflow.note.content"));
    assertNull(r.getProperties().get("deleted"));
    assertEquals(List.of("/mlruns/1/meta.yaml", "/mlruns/1/tags/mlflow.note.content"), r.getSources());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void anExperimentWithTagsIsNotTakenForARun() {
    Path exp = MlflowStoreFixture.experiment(fs.getPath("/mlruns"), "1", "wine");
    write(exp.resolve("tags/team"), "vision");

    assertTrue(parser.claims(view(exp)));
    assertFalse(runParser.claims(view(exp)));
  }

  @Test
  void aRunIsNotAnExperiment() {
    Path exp = MlflowStoreFixture.experiment(fs.getPath("/mlruns"), "1", "wine");
    Path run = MlflowStoreFixture.run(exp, MlflowStoreFixture.RUN_ID);
    write(run.resolve("tags/mlflow.user"), "someone");
    Path tagsOnlyRun = write(exp.resolve(MlflowStoreFixture.OTHER_RUN_ID + "/meta.yaml"),
        "run_uuid: " + MlflowStoreFixture.OTHER_RUN_ID + "\nexperiment_id: '1'\n").getParent();
    write(tagsOnlyRun.resolve("tags/mlflow.user"), "someone");

    assertFalse(parser.claims(view(run)));
    assertFalse(parser.claims(view(tagsOnlyRun)));
    assertTrue(runParser.claims(view(tagsOnlyRun)));
  }

  @Test
  void anExperimentInTheTrashIsDeleted() throws Exception {
    Path exp = MlflowStoreFixture.experiment(fs.getPath("/mlruns/.trash"), "7", "old");

    assertEquals(true, parse(exp).getProperties().get("deleted"));
  }

  @Test
  void aMetaYamlMissingFieldsGivesWarnings() throws Exception {
    Path exp = write(fs.getPath("/mlruns/3/meta.yaml"), "artifact_location: /tmp/a\nlifecycle_stage: active\n").getParent();

    Record r = parse(exp);

    assertEquals("3", r.getName());
    assertEquals("3", r.getProperties().get("experiment_id"));
    assertEquals(0L, r.getProperties().get("run_count"));
    assertTrue(r.getWarnings().contains("3/meta.yaml has no 'experiment_id'"), r.getWarnings().toString());
    assertTrue(r.getWarnings().contains("3/meta.yaml has no 'name'"), r.getWarnings().toString());
  }

  @Test
  void aDamagedMetaYamlInAStoreIsStillAnExperimentWithAWarning() throws Exception {
    Path exp = write(fs.getPath("/mlruns/5/meta.yaml"), "name: [unclosed\n").getParent();
    MlflowStoreFixture.run(exp, MlflowStoreFixture.RUN_ID);

    Record r = parse(exp);

    assertEquals(1L, r.getProperties().get("run_count"));
    assertTrue(r.getWarnings().get(0).startsWith("5/meta.yaml could not be read"), r.getWarnings().toString());
  }

  @Test
  void otherMetaYamlFilesAreNotExperiments() {
    Path conda = write(fs.getPath("/recipes/numpy/meta.yaml"), "package:\n  name: numpy\nsource:\n  url: x\n");
    Path broken = write(fs.getPath("/docs/site/meta.yaml"), "{% set v = 1 %}\n");
    Path dataset = write(fs.getPath("/mlruns/1/datasets/abc/meta.yaml"), "name: wine\ndigest: 12ab\nsource_type: local\n");

    assertFalse(parser.claims(view(conda.getParent())));
    assertFalse(parser.claims(view(broken.getParent())));
    assertFalse(parser.claims(view(dataset.getParent())));
  }
}
