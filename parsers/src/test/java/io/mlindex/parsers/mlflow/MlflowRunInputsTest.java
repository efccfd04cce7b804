package io.mlindex.parsers.mlflow;

import static io.mlindex.parsers.TestTrees.view;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MlflowRunInputsTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final MlflowRunParser parser = new MlflowRunParser();
  private final Path exp = MlflowStoreFixture.experiment(fs.getPath("/mlruns"), "1", "wine");
  private final Path run = MlflowStoreFixture.run(exp, MlflowStoreFixture.RUN_ID);

  @AfterEach
  void close() throws Exception {
    fs.close();
  }

  private Record parse() throws Exception {
    assertTrue(parser.claims(view(run)));
    return parser.parse(view(run), new ParseContext()).get(0);
  }

  private void input(String inputId, String datasetId, String context) {
    write(run.resolve("inputs/" + inputId + "/meta.yaml"), String.format(Locale.ROOT, """
        destination_id: %s
        destination_type: RUN
        source_id: %s
        source_type: DATASET
        tags:
          mlflow.data.context: %s
        """, datasetId, datasetId, context));
  }

  @Test
  void datasetInputsBecomeLineageInputs() throws Exception {
    input("i1", "d1", "training");
    write(exp.resolve("datasets/d1/meta.yaml"), """
        digest: 3f2a9c1e
        name: wine-train
        profile: '{"num_rows": 1000, "num_elements": 12000}'
        schema: '{"mlflow_colspec": [{"type": "double", "name": "alcohol"}, {"type": "long", "name": "quality"}]}'
        source: '{"uri": "file:///data/wine%20train.csv"}'
        source_type: local
        """);
    input("i2", "d2", "eval");
    write(exp.resolve("datasets/d2/meta.yaml"), """
        digest: 77aa
        name: imdb
        source: '{"path": "imdb", "split": "test"}'
        source_type: hugging_face
        """);
    input("i3", "d3", "eval");
    write(exp.resolve("datasets/d3/meta.yaml"), """
        digest: 88bb
        name: remote
        source: '{"url": "https://example.org/x.parquet"}'
        source_type: http
        """);

    input("i4", "d4", "training");
    write(exp.resolve("datasets/d4/meta.yaml"), """
        digest: 99cc
        name: windows
        source: '{"uri": "file:///C:/data/x.csv"}'
        source_type: local
        """);

    Record r = parse();

    assertEquals(List.of(
            LineageRef.path("/data/wine train.csv", "mlflow.log_input").withKind("dataset"),
            LineageRef.named("imdb", "hf-dataset", "mlflow.log_input"),
            LineageRef.named("https://example.org/x.parquet", "dataset", "mlflow.log_input"),
            new LineageRef("C:/data/x.csv", null, "foreign", null, null, "mlflow.log_input", true)),
        r.getLineage().getInputs());
    assertEquals(List.of("wine-train", "imdb", "remote", "windows"), r.getProperties().get("input_datasets"));
    @SuppressWarnings("unchecked")
    Map<String, Object> first = ((List<Map<String, Object>>) r.getProperties().get("inputs")).get(0);
    assertEquals("3f2a9c1e", first.get("digest"));
    assertEquals("training", first.get("context"));
    assertEquals(List.of("alcohol", "quality"), first.get("columns"));
    assertEquals(Map.of("num_rows", 1000L, "num_elements", 12000L), first.get("profile"));
    assertTrue(r.getSources().contains("/mlruns/1/datasets/d1/meta.yaml"));
    assertTrue(r.getSources().contains("/mlruns/1/" + MlflowStoreFixture.RUN_ID + "/inputs/i1/meta.yaml"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void aMissingOrHostileDatasetIsAWarning() throws Exception {
    input("i1", "gone", "training");
    input("i2", "../../../etc", "training");

    Record r = parse();

    assertTrue(r.getLineage().getInputs().isEmpty());
    assertTrue(r.getWarnings().contains("input i1 names dataset gone, which is not in the experiment's datasets folder"), r.getWarnings().toString());
    assertTrue(r.getWarnings().contains("inputs/i2/meta.yaml names no usable dataset id (source_id)"), r.getWarnings().toString());
  }

  @Test
  void loggedModelsComeFromTheHistoryTag() throws Exception {
    write(run.resolve("tags/mlflow.log-model.history"), """
        [{"run_id": "r", "artifact_path": "model", "utc_time_created": "2024-02-17 22:20:31.768133",
          "model_uuid": "u1", "flavors": {"pytorch": {"pytorch_version": "2.2"}, "python_function": {}}}]""");

    Record r = parse();

    assertEquals(List.of(Map.of("artifact_path", "model", "model_uuid", "u1",
            "utc_time_created", "2024-02-17 22:20:31.768133", "flavors", List.of("python_function", "pytorch"))),
        r.getProperties().get("logged_models"));
    assertEquals(List.of("pytorch", "python_function"), r.getProperties().get("logged_model_flavors"));
    assertEquals(List.of("pytorch"), r.getCode().getFrameworks());
  }

  @Test
  void aDamagedHistoryTagIsAWarning() throws Exception {
    write(run.resolve("tags/mlflow.log-model.history"), "[{\"artifact_path\": ");

    Record r = parse();

    assertNull(r.getProperties().get("logged_models"));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.startsWith("tags/mlflow.log-model.history is not readable")), r.getWarnings().toString());
  }

  @Test
  void aRunWithOnlyTagsIsStillARun() {
    Path trashed = write(fs.getPath("/mlruns/.trash/9/r5/meta.yaml"), "run_id: r5\n").getParent();
    write(trashed.resolve("tags/mlflow.runName"), "old");

    assertTrue(parser.claims(view(trashed)));
  }

  @Test
  void anMlflow3LoggedModelFolderIsNotARun() {
    Path logged = write(exp.resolve("models/m-abc/meta.yaml"), "model_id: m-abc\nexperiment_id: '1'\nname: model\n").getParent();
    write(logged.resolve("metrics/acc"), "1 0.5 0\n");

    assertFalse(parser.claims(view(logged)));
  }
}
