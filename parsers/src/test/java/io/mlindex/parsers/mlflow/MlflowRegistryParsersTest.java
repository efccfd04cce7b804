package io.mlindex.parsers.mlflow;

import static io.mlindex.parsers.TestTrees.view;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MlflowRegistryParsersTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final MlflowRegisteredModelParser models = new MlflowRegisteredModelParser();
  private final MlflowModelVersionParser versions = new MlflowModelVersionParser();
  private final Path store = fs.getPath("/mlruns");

  @AfterEach
  void close() throws Exception {
    fs.close();
  }

  private static Record parse(DirectoryParser parser, Path dir) throws Exception {
    assertTrue(parser.claims(view(dir)), parser.name() + " claims " + dir);
    List<Record> records = parser.parse(view(dir), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  private Path registeredModel() {
    Path model = store.resolve("models/Classifier");
    write(model.resolve("meta.yaml"), """
        aliases: {}
        creation_timestamp: 1731484679780
        description: ''
        last_updated_timestamp: 1731484679925
        name: Classifier
        """);
    write(model.resolve("tags/owner"), "vision-team");
    write(model.resolve("aliases/champion"), "2");
    return model;
  }

  private Path version(Path model, int n, String runId, String source) {
    return write(model.resolve("version-" + n + "/meta.yaml"), String.format(Locale.ROOT, """
        aliases: []
        creation_timestamp: 1731484679925
        current_stage: Production
        description: ''
        last_updated_timestamp: 1731484679925
        name: Classifier
        run_id: %s
        run_link: ''
        source: %s
        status: READY
        status_message: null
        user_id: null
        version: %d
        """, runId, source, n)).getParent();
  }

  @Test
  void readsARegisteredModelWithTagsAliasesAndVersions() throws Exception {
    Path model = registeredModel();
    version(model, 1, MlflowStoreFixture.RUN_ID, "runs:/x/model");
    version(model, 2, MlflowStoreFixture.RUN_ID, "runs:/x/model");

    Record r = parse(models, model);

    assertEquals(RecordKind.MODEL, r.getKind());
    assertEquals("mlflow", r.getFormat());
    assertEquals("Classifier", r.getName());
    assertEquals("Classifier", r.getProperties().get("name"));
    assertEquals(1731484679780L, r.getProperties().get("creation_timestamp"));
    assertEquals("", r.getProperties().get("description"));
    assertEquals("vision-team", r.getTags().get("owner"));
    assertEquals(List.of("champion"), r.getProperties().get("aliases"));
    assertEquals(2L, r.getProperties().get("alias.champion"));
    assertEquals(List.of(1L, 2L), r.getProperties().get("versions"));
    assertEquals(2L, r.getProperties().get("latest_version"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
    assertFalse(versions.claims(view(model)));
  }

  @Test
  void aVersionLinksToItsRunAndTheModelFolderInTheSameStore() throws Exception {
    Path exp = MlflowStoreFixture.experiment(store, "853", "iris");
    Path run = MlflowStoreFixture.run(exp, MlflowStoreFixture.RUN_ID);
    Files.createDirectories(run.resolve("artifacts/model"));
    Path v1 = version(registeredModel(), 1, MlflowStoreFixture.RUN_ID,
        "file:///Users/someone/proj/mlruns/853/" + MlflowStoreFixture.RUN_ID + "/artifacts/model");

    Record r = parse(versions, v1);

    assertEquals("Classifier v1", r.getName());
    assertEquals("Production", r.getProperties().get("current_stage"));
    assertEquals("READY", r.getProperties().get("status"));
    assertEquals(1L, r.getProperties().get("version"));
    assertEquals(MlflowStoreFixture.RUN_ID, r.getProperties().get("run_id"));
    assertFalse(r.getProperties().containsKey("status_message"));
    assertFalse(r.getProperties().containsKey("aliases"));
    String runPath = "/mlruns/853/" + MlflowStoreFixture.RUN_ID;
    assertEquals(List.of(
            LineageRef.path(runPath, "run_id").withKind("run"),
            LineageRef.path(runPath + "/artifacts/model", "source").withKind("dir")),
        r.getLineage().getInputs());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void aRunsUriIsMappedToo() throws Exception {
    Path exp = MlflowStoreFixture.experiment(store, "2", "iris");
    Path run = MlflowStoreFixture.run(exp, MlflowStoreFixture.RUN_ID);
    Files.createDirectories(run.resolve("artifacts/sk/model"));

    Path local = MlflowModelVersionParser.localModelFolder(run, MlflowStoreFixture.RUN_ID,
        "runs:/" + MlflowStoreFixture.RUN_ID + "/sk/model");

    assertEquals(run.resolve("artifacts/sk/model"), local);
    assertNull(MlflowModelVersionParser.localModelFolder(run, MlflowStoreFixture.RUN_ID,
        "runs:/" + MlflowStoreFixture.RUN_ID + "/../../../etc"));
  }

  @Test
  void aVersionWhoseRunIsElsewhereNamesItsSource() throws Exception {
    Path v3 = version(registeredModel(), 3, MlflowStoreFixture.OTHER_RUN_ID, "s3://bucket/models/m");

    Record r = parse(versions, v3);

    assertNull(r.getProperties().get("run_path"));
    assertEquals(List.of(LineageRef.named("s3://bucket/models/m", "mlflow-model-uri", "source")), r.getLineage().getInputs());
  }

  @Test
  void aVersionMetaYamlMissingFieldsGivesWarnings() throws Exception {
    Path v4 = write(registeredModel().resolve("version-4/meta.yaml"), "current_stage: None\n").getParent();

    Record r = parse(versions, v4);

    assertEquals("Classifier v4", r.getName());
    assertTrue(r.getWarnings().contains("version-4/meta.yaml has no 'name'"), r.getWarnings().toString());
    assertTrue(r.getWarnings().contains("version-4/meta.yaml has no 'source'"), r.getWarnings().toString());
    assertTrue(r.getLineage().getInputs().isEmpty());
  }

  @Test
  void aVersionWhoseMetaYamlIsNotYamlIsARecordWithAWarning() throws Exception {
    Path v5 = write(registeredModel().resolve("version-5/meta.yaml"), "name: [\n").getParent();

    Record r = parse(versions, v5);

    assertTrue(r.getWarnings().get(0).startsWith("version-5/meta.yaml could not be read"), r.getWarnings().toString());
  }

  @Test
  void foldersOutsideARegistryAreNotClaimed() {
    Path notInModels = write(fs.getPath("/x/Classifier/meta.yaml"), "name: Classifier\ncreation_timestamp: 1\n").getParent();
    Path loggedModel = write(fs.getPath("/mlruns/1/models/m-abc/meta.yaml"),
        "model_id: m-abc\nexperiment_id: '1'\nname: model\ncreation_timestamp: 1\n").getParent();
    Path versionElsewhere = write(fs.getPath("/x/y/version-1/meta.yaml"), "version: 1\n").getParent();

    assertFalse(models.claims(view(notInModels)));
    assertFalse(models.claims(view(loggedModel)));
    assertFalse(versions.claims(view(versionElsewhere)));
  }
}
