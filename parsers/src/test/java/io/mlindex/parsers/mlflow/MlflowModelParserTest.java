package io.mlindex.parsers.mlflow;

import static io.mlindex.parsers.TestTrees.candidate;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MlflowModelParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final MlflowModelParser parser = new MlflowModelParser();

  @AfterEach
  void close() throws Exception {
    fs.close();
  }

  private Record parse(Path file) throws Exception {
    assertTrue(parser.supports(candidate(file)));
    List<Record> records = parser.parse(candidate(file), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void readsFlavorsSignatureAndLinksTheRun() throws Exception {
    Path exp = MlflowStoreFixture.experiment(fs.getPath("/store/mlruns"), "1", "wine");
    Path run = MlflowStoreFixture.run(exp, MlflowStoreFixture.RUN_ID);
    Path file = MlflowStoreFixture.mlmodel(run.resolve("artifacts/model"), MlflowStoreFixture.RUN_ID);

    Record r = parse(file);

    assertEquals(RecordKind.MODEL, r.getKind());
    assertEquals("mlflow", r.getFormat());
    assertEquals("/store/mlruns/1/" + MlflowStoreFixture.RUN_ID + "/artifacts/model/MLmodel", r.getPath());
    assertEquals("model", r.getName());
    assertEquals(List.of("python_function", "sklearn"), r.getProperties().get("flavor_names"));
    assertEquals("mlflow.sklearn", r.getProperties().get("flavors.python_function.loader_module"));
    assertEquals("conda.yaml", r.getProperties().get("flavors.python_function.env.conda"));
    assertEquals("1.6.1", r.getProperties().get("flavors.sklearn.sklearn_version"));
    assertFalse(r.getProperties().containsKey("flavors.sklearn.code"), "null fields are left out");
    assertEquals(MlflowStoreFixture.RUN_ID, r.getProperties().get("run_id"));
    assertEquals("d7a011a5e56e4dbeb65bf320f87b844f", r.getProperties().get("model_uuid"));
    assertEquals("2.22.0", r.getProperties().get("mlflow_version"));
    assertEquals(2572L, r.getProperties().get("model_size_bytes"));
    assertEquals(true, r.getProperties().get("has_input_example"));
    assertEquals(Instant.parse("2025-05-26T11:13:10.919351Z"), r.getTime().getStart());
    assertEquals(List.of("fixed acidity", "pH"), r.getProperties().get("signature_inputs"));
    assertEquals(List.of("double", "long"), r.getProperties().get("signature_input_types"));
    assertEquals(List.of("double"), r.getProperties().get("signature_outputs"), "an unnamed column is listed by its type");
    assertEquals("sklearn", r.getProperties().get("framework"));
    assertEquals(List.of("sklearn"), r.getCode().getFrameworks());
    String runPath = "/store/mlruns/1/" + MlflowStoreFixture.RUN_ID;
    assertEquals(runPath, r.getProperties().get("run_path"));
    assertEquals(List.of(LineageRef.path(runPath, "run_id").withKind("run")), r.getLineage().getInputs());
    assertEquals(List.of(r.getPath()), r.getSources());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void linksAnMlflow3ModelStoredBesideTheRuns() throws Exception {
    Path exp = MlflowStoreFixture.experiment(fs.getPath("/mlruns"), "1", "wine");
    MlflowStoreFixture.run(exp, MlflowStoreFixture.RUN_ID);
    Path file = MlflowStoreFixture.mlmodel(exp.resolve("models/m-abc/artifacts"), MlflowStoreFixture.RUN_ID);

    assertEquals("/mlruns/1/" + MlflowStoreFixture.RUN_ID, parse(file).getProperties().get("run_path"));
  }

  @Test
  void aModelAwayFromItsRunKeepsTheRunIdOnly() throws Exception {
    Path file = MlflowStoreFixture.mlmodel(fs.getPath("/exported/model"), MlflowStoreFixture.RUN_ID);

    Record r = parse(file);

    assertEquals(MlflowStoreFixture.RUN_ID, r.getProperties().get("run_id"));
    assertNull(r.getProperties().get("run_path"));
    assertTrue(r.getLineage().getInputs().isEmpty());
  }

  @Test
  void aRunIdThatIsAPathIsNotFollowed() throws Exception {
    write(fs.getPath("/secret/meta.yaml"), "run_id: x\n");
    Path file = write(fs.getPath("/m/model/MLmodel"), "run_id: ../../secret\nflavors: {sklearn: {}}\n");

    Record r = parse(file);

    assertNull(r.getProperties().get("run_path"));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("not an MLflow run id")), r.getWarnings().toString());
  }

  @Test
  void readsTensorSignatures() throws Exception {
    Path file = write(fs.getPath("/m/cnn/MLmodel"), """
        flavors:
          pytorch: {pytorch_version: 2.1.0}
        signature:
          inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28]}}]'
          outputs: '[{"name": "logits", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 10]}}]'
        """);

    Record r = parse(file);

    assertEquals(List.of("tensor:float32[-1,28,28]"), r.getProperties().get("signature_input_types"));
    assertEquals(List.of("logits"), r.getProperties().get("signature_outputs"));
    assertEquals("pytorch", r.getProperties().get("framework"));
    assertEquals("cnn", r.getName());
  }

  @Test
  void anMlmodelThatIsNotYamlIsARecordWithAWarning() throws Exception {
    Path file = write(fs.getPath("/m/model/MLmodel"), "flavors: [unclosed\n  : : {\n");

    Record r = parse(file);

    assertEquals(RecordKind.MODEL, r.getKind());
    assertTrue(r.getWarnings().get(0).startsWith("MLmodel is not readable"), r.getWarnings().toString());
    assertTrue(r.getProperties().isEmpty());
  }

  @Test
  void anMlmodelThatIsAListOrEmptyIsARecordWithAWarning() throws Exception {
    Record list = parse(write(fs.getPath("/m/a/MLmodel"), "- a\n- b\n"));
    Record empty = parse(write(fs.getPath("/m/b/MLmodel"), ""));

    assertTrue(list.getWarnings().contains("MLmodel is not a mapping of fields; nothing read"), list.getWarnings().toString());
    assertTrue(empty.getWarnings().contains("MLmodel has no flavors"), empty.getWarnings().toString());
  }

  @Test
  void aDamagedSignatureOrTimeIsAWarning() throws Exception {
    Path file = write(fs.getPath("/m/model/MLmodel"), """
        flavors: {sklearn: {sklearn_version: 1.0}}
        utc_time_created: yesterday
        signature:
          inputs: '[{"type": "double", '
          outputs: '{"not": "a list"}'
        """);

    Record r = parse(file);

    assertNull(r.getTime().getStart());
    assertNull(r.getProperties().get("signature_inputs"));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.startsWith("MLmodel: signature inputs is not readable")), r.getWarnings().toString());
    assertTrue(r.getWarnings().contains("MLmodel: signature outputs is not a list of column or tensor specs"));
    assertTrue(r.getWarnings().contains("MLmodel: utc_time_created 'yesterday' is not a time"));
  }

  @Test
  void onlyFilesNamedMlmodelAreRead() {
    Path other = write(fs.getPath("/m/mlmodel.yaml"), "flavors: {}\n");
    assertFalse(parser.supports(candidate(other)));
  }
}
