package io.mlindex.parsers.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineagePathsTest {
  @Test
  void relativePathsResolveAgainstTheDeclaringFolder() throws Exception {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path base = fs.getPath("/p/notebooks");
      assertEquals("/p/data/train.csv", LineagePaths.ref("../data/train.csv", base, "pd.read_csv").path());
      assertEquals("/abs/x.csv", LineagePaths.ref("/abs/./x.csv", base, null).path());
      assertEquals("/tmp/m.pkl", LineagePaths.ref("file:///tmp/m.pkl", base, null).path());
      assertNull(LineagePaths.ref("data.csv", base, null).uncertain());
    }
  }

  @Test
  void pathsFromAnotherMachineAreForeignAndUncertain() throws Exception {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path base = fs.getPath("/p");
      LineageRef win = LineagePaths.ref("C:\\Users\\ana\\data\\train.csv", base, "pd.read_csv");
      assertEquals("C:/Users/ana/data/train.csv", win.path());
      assertEquals("foreign", win.kind());
      assertEquals(Boolean.TRUE, win.uncertain());
      assertEquals("foreign", LineagePaths.ref("~/data/x.csv", base, null).kind());
      assertEquals("foreign", LineagePaths.ref("s3://bucket/x.csv", base, null).kind());
    }
  }

  @Test
  void suffixesStopAtDrivesAndAreBounded() {
    assertEquals(List.of("c.csv", "b/c.csv", "a/b/c.csv"), LineagePaths.suffixes("/a/b/c.csv"));
    assertEquals(List.of("train.csv", "data/train.csv"), LineagePaths.suffixes("C:/data/train.csv"));
    assertEquals(LineagePaths.MAX_SUFFIX_COMPONENTS, LineagePaths.suffixes("/a".repeat(40)).size());
  }

  @Test
  void normaliseFixesRelativeRefsInPlace() throws Exception {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = new Record(RecordKind.STAGE, "dvc", "/p/dvc.yaml");
      r.getLineage().input(LineageRef.path("data/raw.csv", "deps").withHash("md5:1", 3L));
      r.getLineage().output(LineageRef.path("/p/model.pkl", "outs"));
      LineagePaths.normalise(r, fs.getPath("/p"));
      assertEquals("/p/data/raw.csv", r.getLineage().getInputs().get(0).path());
      assertEquals("md5:1", r.getLineage().getInputs().get(0).hash());
      assertEquals("/p/model.pkl", r.getLineage().getOutputs().get(0).path());
    }
  }
}
