package io.mlindex.parsers.gbdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LightGbmModelParserTest {
  private final LightGbmModelParser parser = new LightGbmModelParser();

  static String header(String featureNames) {
    return "tree\nversion=v4\nnum_class=3\nnum_tree_per_iteration=3\nlabel_index=0\nmax_feature_idx=2\n"
        + "objective=multiclass num_class:3\nfeature_names=" + featureNames + "\n"
        + "feature_infos=[4.3:7.9] [2:4.4] [1:6.9]\ntree_sizes=90 90 90 90 90 90\n\n";
  }

  static String trees(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("Tree=").append(i).append("\nnum_leaves=2\nsplit_feature=2\nthreshold=2.45\n")
          .append("left_child=-1\nright_child=-2\nleaf_value=0.1 -0.2\nshrinkage=1\n\n\n");
    }
    return sb.toString();
  }

  static String model() {
    return header("sepal_len sepal_wid petal_len") + trees(6) + "end of trees\n\nfeature_importances:\npetal_len=6\n\n"
        + "parameters:\n[boosting: gbdt]\n[objective: multiclass]\n[learning_rate: 0.1]\n[num_leaves: 31]\n"
        + "[data: ]\n[metric: multi_logloss]\n[label_gain: 0,1,3]\nend of parameters\n\npandas_categorical:null\n";
  }

  static Record parse(Path f) throws IOException {
    List<Record> records = new LightGbmModelParser().parse(TestTrees.candidate(f), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void headerTreesAndParameters() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/out/iris.model"), model());
      assertTrue(parser.supports(TestTrees.candidate(f)));
      Record r = parse(f);
      assertEquals("lightgbm", r.getFormat());
      assertEquals("model", r.getKind().id());
      assertTrue(r.getHash().startsWith("sha256:"));
      Map<String, Object> p = r.getProperties();
      assertEquals("v4", p.get("version"));
      assertEquals(3L, p.get("num_class"));
      assertEquals(3L, p.get("num_tree_per_iteration"));
      assertEquals(0L, p.get("label_index"));
      assertEquals(2L, p.get("max_feature_idx"));
      assertEquals("multiclass num_class:3", p.get("objective"));
      assertEquals(List.of("sepal_len", "sepal_wid", "petal_len"), p.get("feature_names"));
      assertEquals(3L, p.get("feature_count"));
      assertEquals(3L, p.get("feature_infos_count"));
      assertEquals(6L, p.get("tree_count"));
      assertEquals("gbdt", r.getParams().get("boosting"));
      assertEquals(0.1, r.getParams().get("learning_rate"));
      assertEquals(31L, r.getParams().get("num_leaves"));
      assertEquals("", r.getParams().get("data"));
      assertEquals("0,1,3", r.getParams().get("label_gain"));
      assertEquals(7, r.getParams().size());
      assertEquals(List.of("lightgbm"), r.getCode().getFrameworks());
      assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
    }
  }

  @Test
  void claimedByContentNotByName() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      assertTrue(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/a.txt"), model()))));
      assertTrue(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/b"), model().replace("\n", "\r\n")))));
      assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/c.txt"), "tree house\nversion 2\n"))));
      assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/d.model"), new byte[] {1, 2, 3}))));
    }
  }

  @Test
  void aCutModelWarnsAndCountsWhatIsThere() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/cut.txt"), header("a b c") + trees(4) + "Tree=4\nnum_le"));
      assertEquals(5L, r.getProperties().get("tree_count"));
      assertTrue(r.getWarnings().get(0).contains("no 'end of trees'"), r.getWarnings().toString());
      Record noEnd = parse(TestTrees.write(fs.getPath("/cut2.txt"), header("a b c") + trees(1) + "end of trees\n\nparameters:\n[boosting: gbdt]\n"));
      assertTrue(noEnd.getWarnings().get(0).contains("parameters section has no end"), noEnd.getWarnings().toString());
      assertEquals("gbdt", noEnd.getParams().get("boosting"));
    }
  }

  @Test
  void anEnormousLineIsCutNotHeld() throws IOException {
    String names = "f ".repeat(5 << 20); // 10 MiB of feature names, more than one line may cost
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/wide.txt"), header(names) + trees(1) + "end of trees\n"));
      assertTrue(r.getWarnings().get(0).contains("feature_names line is too long"), r.getWarnings().toString());
      assertEquals(1000, ((List<?>) r.getProperties().get("feature_names")).size());
      assertEquals(1L, r.getProperties().get("tree_count"));
    }
  }

  @Test
  void garbageAfterTheHeaderIsReadAsFarAsItGoes() throws IOException {
    byte[] noise = new byte[5000];
    new java.util.Random(3).nextBytes(noise);
    byte[] head = "tree\nversion=v3\nnum_class=1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] all = java.util.Arrays.copyOf(head, head.length + noise.length);
    System.arraycopy(noise, 0, all, head.length, noise.length);
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/junk.txt"), all));
      assertEquals("v3", r.getProperties().get("version"));
      assertEquals(1, r.getWarnings().size(), r.getWarnings().toString());
    }
  }
}
