package io.mlindex.parsers.hydra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HydraRunParserTest {
  static final String HYDRA_YAML =
      "hydra:\n"
          + "  run:\n"
          + "    dir: outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}\n"
          + "  sweep:\n"
          + "    dir: multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}\n"
          + "    subdir: ${hydra.job.num}\n"
          + "  mode: RUN\n"
          + "  overrides:\n"
          + "    hydra:\n"
          + "    - hydra.mode=RUN\n"
          + "    task:\n"
          + "    - optimizer.lr=0.01\n"
          + "  job:\n"
          + "    name: train\n"
          + "    override_dirname: optimizer.lr=0.01\n"
          + "    id: ???\n"
          + "    num: ???\n"
          + "    config_name: config\n"
          + "  runtime:\n"
          + "    version: 1.3.2\n"
          + "    cwd: /home/me/project\n"
          + "    output_dir: /home/me/project/outputs/2024-05-06/07-08-09\n"
          + "    choices:\n"
          + "      model: resnet\n"
          + "      hydra/launcher: basic\n";

  private final FileSystem fs = TestTrees.newFileSystem();
  private final HydraRunParser parser = new HydraRunParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Path run() {
    Path dir = fs.getPath("/project/outputs/2024-05-06/07-08-09");
    TestTrees.write(dir.resolve(".hydra/config.yaml"),
        "optimizer:\n"
            + "  name: sgd\n"
            + "  lr: 0.01\n"
            + "data:\n"
            + "  root: ${hydra:runtime.cwd}/data\n"
            + "  splits: [train, val]\n"
            + "log_dir: ${name}/logs\n"
            + "seed: 42\n");
    TestTrees.write(dir.resolve(".hydra/overrides.yaml"), "- optimizer.lr=0.01\n");
    TestTrees.write(dir.resolve(".hydra/hydra.yaml"), HYDRA_YAML);
    TestTrees.write(dir.resolve("train.log"), "[INFO] hello\n");
    return dir;
  }

  @Test
  void readsConfigOverridesAndHydraFacts() throws IOException {
    Path dir = run();
    assertTrue(parser.claims(TestTrees.view(dir)));
    List<Record> records = parser.parse(TestTrees.view(dir), new ParseContext());
    Record r = records.get(0);

    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("hydra", r.getFormat());
    assertEquals("/project/outputs/2024-05-06/07-08-09", r.getPath());
    assertEquals("train", r.getName());
    assertEquals("sgd", r.getParams().get("optimizer.name"));
    assertEquals(0.01, r.getParams().get("optimizer.lr"));
    assertEquals("${hydra:runtime.cwd}/data", r.getParams().get("data.root"));
    assertEquals("${name}/logs", r.getParams().get("log_dir"));
    assertEquals(List.of("train", "val"), r.getParams().get("data.splits"));
    assertEquals(42L, r.getParams().get("seed"));
    assertEquals(List.of("optimizer.lr=0.01"), r.getProperties().get("overrides"));
    assertEquals(List.of("optimizer.lr=0.01"), r.getProperties().get("task_overrides"));
    assertEquals("train", r.getProperties().get("job_name"));
    assertEquals("RUN", r.getProperties().get("mode"));
    assertEquals("outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}", r.getProperties().get("run_dir"));
    assertEquals("1.3.2", r.getProperties().get("hydra_version"));
    assertEquals("/home/me/project", r.getProperties().get("runtime_cwd"));
    assertEquals("config", r.getProperties().get("config_name"));
    assertEquals("resnet", r.getProperties().get("choices.model"));
    assertFalse(r.getProperties().containsKey("choices.hydra/launcher"));
    assertFalse(r.getProperties().containsKey("job_num"), "??? means unset");
    assertEquals("2024-05-06T07:08:09", r.getProperties().get("start_local"));
    assertEquals(3, r.getSources().size());
    assertTrue(r.getSources().stream().allMatch(s -> s.contains("/.hydra/")), r.getSources().toString());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void missingAndBrokenFilesAreWarnings() throws IOException {
    Path dir = fs.getPath("/p/run");
    TestTrees.write(dir.resolve(".hydra/hydra.yaml"), "hydra: [unclosed\n");
    TestTrees.write(dir.resolve(".hydra/overrides.yaml"), "a: b\n");
    assertTrue(parser.claims(TestTrees.view(dir)));
    Record r = parser.parse(TestTrees.view(dir), new ParseContext()).get(0);

    assertEquals("run", r.getName());
    assertTrue(r.getParams().isEmpty());
    String w = String.join("\n", r.getWarnings());
    assertTrue(w.contains(".hydra/hydra.yaml could not be read"), w);
    assertTrue(w.contains("overrides.yaml is not a list"), w);
    assertTrue(w.contains("no config.yaml"), w);
    assertNull(r.getProperties().get("start_local"));
  }

  @Test
  void emptyHydraFolderIsNotClaimed() {
    Path dir = fs.getPath("/p/other");
    TestTrees.write(dir.resolve(".hydra/notes.txt"), "x");
    assertFalse(parser.claims(TestTrees.view(dir)));
    assertFalse(parser.claims(TestTrees.view(fs.getPath("/p/other/.hydra"))));
  }

  @Test
  void localStartIsFoundInHydraStyleFolders() {
    assertEquals("2022-10-05T18:16:22", HydraSettings.localStart("/x/outputs/2022-10-05/18-16-22"));
    assertEquals("2022-10-05T18:16:22", HydraSettings.localStart(null, "C:\\o\\2022-10-05\\18-16-22"));
    assertEquals("2023-01-02T03:04:05", HydraSettings.localStart("/m/2023-01-02_03-04-05/0"));
    assertNull(HydraSettings.localStart("/x/outputs/latest"));
  }
}
