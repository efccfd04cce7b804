package io.mlindex.parsers.gbdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XgboostModelParserTest {
  private final XgboostModelParser parser = new XgboostModelParser();

  /** A model document in the shape save_model writes (keys sorted), with {@code trees} trees. */
  static ObjectNode model(String booster, int trees) {
    ObjectNode root = JsonTrees.mapper().createObjectNode();
    ObjectNode learner = root.putObject("learner");
    ObjectNode attributes = learner.putObject("attributes");
    attributes.put("best_iteration", "19");
    attributes.put("scikit_learn", "{\"n_estimators\": 20, \"max_depth\": 4, \"learning_rate\": 0.3, \"missing\": NaN, \"tree_method\": null}");
    learner.putArray("feature_names").add("sepal_len").add("sepal_wid").add("petal_len").add("petal_wid");
    learner.putArray("feature_types").add("float").add("float").add("float").add("float");
    ObjectNode gb = learner.putObject("gradient_booster");
    ObjectNode model = booster.equals("dart") ? gb.putObject("gbtree").putObject("model") : gb.putObject("model");
    ObjectNode params = model.putObject("gbtree_model_param");
    params.put("num_parallel_tree", "1");
    params.put("num_trees", String.valueOf(trees));
    ArrayNode list = model.putArray("trees");
    for (int i = 0; i < trees; i++) {
      ObjectNode t = list.addObject();
      t.putArray("base_weights").add(-4.388072E-8).add(1.4201183).add(-0.72948337);
      t.put("id", i);
      t.putArray("left_children").add(1).add(-1).add(-1);
      t.putArray("split_conditions").add(2.45).add(0.5).add(-0.25);
    }
    model.putArray("tree_info");
    gb.put("name", booster);
    ObjectNode lmp = learner.putObject("learner_model_param");
    lmp.put("base_score", "5E-1");
    lmp.put("num_class", "3");
    lmp.put("num_feature", "4");
    lmp.put("num_target", "1");
    ObjectNode objective = learner.putObject("objective");
    objective.put("name", "multi:softprob");
    objective.putObject("softmax_multiclass_param").put("num_class", "3");
    root.putArray("version").add(1).add(7).add(6);
    return root;
  }

  static Record parse(Path f) throws IOException {
    List<Record> records = new XgboostModelParser().parse(TestTrees.candidate(f), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  static void assertModelFacts(Record r) {
    Map<String, Object> p = r.getProperties();
    assertEquals("1.7.6", p.get("version"));
    assertEquals("gbtree", p.get("booster"));
    assertEquals("multi:softprob", p.get("objective"));
    assertEquals(20L, p.get("num_trees"));
    assertEquals(20L, p.get("tree_count"), "counted past the trees that are kept");
    assertEquals(1L, p.get("num_parallel_tree"));
    assertEquals(4L, p.get("num_feature"));
    assertEquals(3L, p.get("num_class"));
    assertEquals(0.5, p.get("base_score"));
    assertEquals(4L, p.get("feature_names_count"));
    assertEquals(List.of("sepal_len", "sepal_wid", "petal_len", "petal_wid"), p.get("feature_names"));
    assertEquals("19", p.get("attributes.best_iteration"));
    assertEquals("multi:softprob", r.getParams().get("objective"));
    assertEquals(3L, r.getParams().get("softmax_multiclass_param.num_class"));
    assertEquals(20L, r.getParams().get("n_estimators"));
    assertEquals(4L, r.getParams().get("max_depth"));
    assertFalse(r.getParams().containsKey("tree_method"));
    assertEquals(List.of("xgboost"), r.getCode().getFrameworks());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void aJsonModel() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/m/xgb_model.json"), model("gbtree", 20).toString());
      assertTrue(parser.supports(TestTrees.candidate(f)));
      Record r = parse(f);
      assertEquals("xgboost", r.getFormat());
      assertEquals("json", r.getProperties().get("encoding"));
      assertTrue(r.getHash().startsWith("sha256:"));
      assertModelFacts(r);
    }
  }

  @Test
  void aUbjsonModel() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/m/model.ubj"), UbjsonBytes.of(model("gbtree", 20)));
      assertTrue(parser.supports(TestTrees.candidate(f)));
      Record r = parse(f);
      assertEquals("ubjson", r.getProperties().get("encoding"));
      assertModelFacts(r);
    }
  }

  @Test
  void aDartModelAndAMultiTargetBaseScore() throws IOException {
    ObjectNode doc = model("dart", 3);
    ((ObjectNode) doc.path("learner").path("learner_model_param")).put("base_score", "[1E0,2.5E-1]");
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/dart.ubj"), UbjsonBytes.of(doc)));
      assertEquals("dart", r.getProperties().get("booster"));
      assertEquals(3L, r.getProperties().get("tree_count"));
      assertEquals(List.of(1.0, 0.25), r.getProperties().get("base_score"));
    }
  }

  @Test
  void aSavedConfigGivesTrainingParams() throws IOException {
    String config = "{\"learner\":{\"generic_param\":{\"nthread\":\"0\",\"seed\":\"7\"},"
        + "\"gradient_booster\":{\"gbtree_train_param\":{\"tree_method\":\"hist\"},\"name\":\"gbtree\","
        + "\"updater\":{\"grow_quantile_histmaker\":{\"train_param\":{\"eta\":\"0.3\",\"max_depth\":\"6\"}}}},"
        + "\"learner_model_param\":{\"num_class\":\"0\",\"num_feature\":\"8\"},"
        + "\"learner_train_param\":{\"booster\":\"gbtree\",\"objective\":\"binary:logistic\"},"
        + "\"objective\":{\"name\":\"binary:logistic\",\"reg_loss_param\":{\"scale_pos_weight\":\"1\"}}},"
        + "\"version\":[2,0,3]}";
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/config.json"), config);
      assertTrue(parser.supports(TestTrees.candidate(f)));
      Record r = parse(f);
      assertEquals("2.0.3", r.getProperties().get("version"));
      assertEquals(0.3, r.getParams().get("eta"));
      assertEquals(6L, r.getParams().get("max_depth"));
      assertEquals("hist", r.getParams().get("tree_method"));
      assertEquals(7L, r.getParams().get("seed"));
      assertEquals(1L, r.getParams().get("reg_loss_param.scale_pos_weight"));
      assertEquals("binary:logistic", r.getParams().get("objective"));
      assertNull(r.getProperties().get("tree_count"));
    }
  }

  @Test
  void claimedByContentOnly() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      String reordered = "{\"version\": [1, 7, 6], \"learner\": {\"gradient_booster\": {}}}";
      assertTrue(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/any.txt"), reordered))));
      assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/config.json"), "{\"model_type\": \"bert\"}"))));
      byte[] noise = new byte[64];
      new java.util.Random(5).nextBytes(noise);
      noise[0] = '{';
      assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/model.ubj"), noise))));
    }
  }

  @Test
  void cutFilesKeepWhatCameBefore() throws IOException {
    byte[] json = model("gbtree", 20).toString().getBytes(StandardCharsets.UTF_8);
    byte[] ubj = UbjsonBytes.of(model("gbtree", 20));
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/cut.json"), Arrays.copyOf(json, json.length / 2)));
      assertTrue(r.getWarnings().get(0).contains("reading stopped early"), r.getWarnings().toString());
      assertEquals("19", r.getProperties().get("attributes.best_iteration"));
      assertEquals(20L, r.getProperties().get("num_trees"));
      assertNull(r.getProperties().get("tree_count"));
      Record u = parse(TestTrees.write(fs.getPath("/cut.ubj"), Arrays.copyOf(ubj, ubj.length / 2)));
      assertTrue(u.getWarnings().get(0).contains("reading stopped early"), u.getWarnings().toString());
      assertEquals(List.of("sepal_len", "sepal_wid", "petal_len", "petal_wid"), u.getProperties().get("feature_names"));
      for (int n = 1; n < ubj.length; n += 97) {
        parse(TestTrees.write(fs.getPath("/prefix.ubj"), Arrays.copyOf(ubj, n))); // never throws
      }
    }
  }

  @Test
  void hostileUbjsonEndsInAWarning() throws IOException {
    byte[] hugeKey = concat(new byte[] {'{', 'L', 0, 0, 0, 0, 0, 0, 0, 7}, "learner".getBytes(StandardCharsets.US_ASCII),
        new byte[] {'S', 'L', 0x7F, -1, -1, -1, -1, -1, -1, -1, 'x'});
    byte[] hugeArray = concat(new byte[] {'{', 'i', 7}, "learner".getBytes(StandardCharsets.US_ASCII),
        new byte[] {'[', '$', 'd', '#', 'L', 0x10, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, '}'});
    byte[] deep = concat(new byte[] {'{', 'i', 7}, "learner".getBytes(StandardCharsets.US_ASCII), "[".repeat(500).getBytes(StandardCharsets.US_ASCII));
    try (FileSystem fs = TestTrees.newFileSystem()) {
      for (byte[] bad : List.of(hugeKey, hugeArray, deep)) {
        Path f = TestTrees.write(fs.getPath("/bad.ubj"), bad);
        assertTrue(parser.supports(TestTrees.candidate(f)));
        Record r = parse(f);
        assertFalse(r.getWarnings().isEmpty());
      }
      assertTrue(parse(TestTrees.write(fs.getPath("/k.ubj"), hugeKey)).getWarnings().get(0).contains("declares"));
      assertTrue(parse(TestTrees.write(fs.getPath("/d.ubj"), deep)).getWarnings().get(0).contains("nesting deeper"));
    }
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void nonObjectJsonIsAWarning() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      JsonNode arr = JsonTrees.mapper().createArrayNode().add(1);
      Record r = parse(TestTrees.write(fs.getPath("/a.json"), arr.toString()));
      assertFalse(r.getWarnings().isEmpty());
    }
  }
}
