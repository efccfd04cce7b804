package io.mlindex.parsers.hydra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

class HydraMultirunParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  @Test
  void sweepIsAnExperimentWithItsJobsAsRuns() throws IOException {
    Path sweep = fs.getPath("/p/multirun/2024-05-06/07-08-09");
    TestTrees.write(sweep.resolve("multirun.yaml"),
        "hydra:\n"
            + "  mode: MULTIRUN\n"
            + "  sweep:\n"
            + "    dir: multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}\n"
            + "  sweeper:\n"
            + "    params:\n"
            + "      optimizer.lr: 0.1,0.01\n"
            + "      model: resnet,vit\n"
            + "  overrides:\n"
            + "    task:\n"
            + "    - optimizer.lr=0.1,0.01\n"
            + "    - model=resnet,vit\n"
            + "  job:\n"
            + "    name: train\n"
            + "optimizer:\n"
            + "  lr: 0.1\n"
            + "seed: 1\n");
    for (String job : List.of("0", "1", "2", "10")) {
      TestTrees.write(sweep.resolve(job).resolve(".hydra/config.yaml"), "seed: 1\n");
      TestTrees.write(sweep.resolve(job).resolve(".hydra/hydra.yaml"),
          "hydra:\n  job:\n    name: train\n    num: " + job + "\n");
    }
    HydraMultirunParser multirun = new HydraMultirunParser();
    assertTrue(multirun.claims(TestTrees.view(sweep)));
    Record r = multirun.parse(TestTrees.view(sweep), new ParseContext()).get(0);

    assertEquals(RecordKind.EXPERIMENT, r.getKind());
    assertEquals("hydra", r.getFormat());
    assertEquals("train", r.getName());
    assertEquals(0.1, r.getParams().get("optimizer.lr"));
    assertEquals(1L, r.getParams().get("seed"));
    assertEquals(2, r.getParams().size(), "the hydra section is not a param");
    assertEquals("0.1,0.01", r.getProperties().get("sweeper.params.optimizer.lr"));
    assertEquals("resnet,vit", r.getProperties().get("sweeper.params.model"));
    assertEquals(List.of("optimizer.lr=0.1,0.01", "model=resnet,vit"), r.getProperties().get("task_overrides"));
    assertEquals(4L, r.getProperties().get("jobs"));
    assertEquals(List.of("0", "1", "2", "10"), r.getProperties().get("job_dirs"));
    assertEquals("MULTIRUN", r.getProperties().get("mode"));

    Path job = sweep.resolve("1");
    Record run = new HydraRunParser().parse(TestTrees.view(job), new ParseContext()).get(0);
    assertEquals(1L, run.getProperties().get("job_num"));
    assertEquals("2024-05-06T07:08:09", run.getProperties().get("start_local"));
  }

  @Test
  void runAndSweepInOneFolderGetDistinctIds() throws IOException {
    Path dir = fs.getPath("/p/both");
    TestTrees.write(dir.resolve("multirun.yaml"), "a: 1\n");
    TestTrees.write(dir.resolve(".hydra/config.yaml"), "a: 1\n");
    Record sweep = new HydraMultirunParser().parse(TestTrees.view(dir), new ParseContext()).get(0);
    Record run = new HydraRunParser().parse(TestTrees.view(dir), new ParseContext()).get(0);
    assertEquals(sweep.getPath(), run.getPath());
    assertNotEquals(sweep.getId(), run.getId());
  }
}
