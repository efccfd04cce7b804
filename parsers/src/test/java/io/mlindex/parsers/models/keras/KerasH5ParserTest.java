package io.mlindex.parsers.models.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.parsers.models.Hdf5Fixture;
import io.mlindex.parsers.models.Hdf5Fixture.VarString;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KerasH5ParserTest {
  static final String MODEL_CONFIG = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential_2\", \"layers\": ["
      + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 12]}},"
      + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 64}},"
      + "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"dropout\", \"rate\": 0.5}}]}}";
  static final String TRAINING_CONFIG = "{\"loss\": {\"class_name\": \"BinaryCrossentropy\", \"config\": {\"name\": "
      + "\"binary_crossentropy\", \"from_logits\": false}}, \"metrics\": [\"accuracy\"], \"loss_weights\": null,"
      + " \"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {\"learning_rate\": 0.001}}}";

  private final FileSystem fs = TestTrees.newFileSystem();
  private final KerasH5Parser parser = new KerasH5Parser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  static <V> Map<String, V> ordered(Object... kv) {
    Map<String, V> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      V v = (V) kv[i + 1];
      m.put((String) kv[i], v);
    }
    return m;
  }

  /** A legacy full-model file: configs as variable-length strings, weights under model_weights. */
  static byte[] legacyModel(int userBlock, boolean variableStrings) {
    Hdf5Fixture h = new Hdf5Fixture(userBlock);
    long kernel = h.dataset(12, 64);
    long bias = h.dataset(64);
    long inner = h.linkGroup(ordered("bias", bias, "kernel", kernel));
    long layer = h.attr("weight_names", List.of("dense/kernel:0", "dense/bias:0")).symbolTableGroup(ordered("dense", inner));
    long weights = h.attr("layer_names", List.of("dense", "dropout")).symbolTableGroup(ordered("dense", layer));
    long moment = h.dataset(12, 64);
    long optimizer = h.linkGroup(ordered("m", moment));
    Object config = variableStrings ? new VarString(MODEL_CONFIG) : MODEL_CONFIG;
    Object training = variableStrings ? new VarString(TRAINING_CONFIG) : TRAINING_CONFIG;
    long root = h.attr("backend", new VarString("tensorflow")).attr("keras_version", "2.15.0")
        .attr("model_config", config).attr("training_config", training)
        .symbolTableGroup(ordered("model_weights", weights, "optimizer_weights", optimizer));
    return h.finish(root);
  }

  private Record parse(String name, byte[] bytes) throws IOException {
    Path f = TestTrees.write(fs.getPath("/m", name), bytes);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    return parser.parse(TestTrees.candidate(f), new ParseContext()).get(0);
  }

  @Test
  void readsTheConfigsAndCountsTheWeights() throws IOException {
    Record r = parse("model.h5", legacyModel(0, true));
    var p = r.getProperties();
    assertEquals(RecordKind.MODEL, r.getKind());
    assertEquals("keras-h5", r.getFormat());
    assertEquals(true, p.get("hdf5_signature_ok"));
    assertEquals(0L, p.get("hdf5_superblock_version"));
    assertEquals("2.15.0", p.get("keras_version"));
    assertEquals("tensorflow", p.get("backend"));
    assertEquals("Sequential", p.get("class_name"));
    assertEquals("sequential_2", p.get("model_name"));
    assertEquals(3L, p.get("layer_count"));
    assertEquals(List.of("InputLayer", "Dense", "Dropout"), p.get("layer_classes"));
    assertEquals("BinaryCrossentropy", p.get("training_config.loss.class_name"));
    assertEquals(false, p.get("training_config.loss.config.from_logits"));
    assertEquals(0.001, p.get("training_config.optimizer_config.config.learning_rate"));
    assertEquals("Adam", p.get("optimizer"));
    assertEquals("BinaryCrossentropy", p.get("loss"));
    assertEquals(List.of("accuracy"), p.get("metrics"));
    assertEquals(12L * 64 + 64, p.get("parameters"), r.getWarnings().toString());
    assertEquals(2L, p.get("weight_count"));
    assertEquals(List.of("float32"), p.get("weight_dtypes"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void readsFixedLengthStringsBehindAUserBlock() throws IOException {
    Record r = parse("model.hdf5", legacyModel(512, false));
    assertEquals("Sequential", r.getProperties().get("class_name"));
    assertEquals("Adam", r.getProperties().get("optimizer"));
    assertEquals(832L, r.getProperties().get("parameters"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void readsTheLatestFileFormatAndContinuationBlocks() throws IOException {
    for (boolean newFormat : new boolean[] {false, true}) {
      Hdf5Fixture h = new Hdf5Fixture(0, newFormat).attributesInContinuation();
      long kernel = h.dataset(5, 5);
      long weights = h.linkGroup(ordered("dense", h.linkGroup(ordered("kernel:0", kernel))));
      long root = h.attr("keras_version", new VarString("2.2.4")).attr("model_config", new VarString(MODEL_CONFIG))
          .attr("training_config", TRAINING_CONFIG).linkGroup(ordered("model_weights", weights));
      Record r = parse("latest" + newFormat + ".h5", h.finish(root));
      var p = r.getProperties();
      assertEquals(newFormat ? 2L : 0L, p.get("hdf5_superblock_version"));
      assertEquals("2.2.4", p.get("keras_version"));
      assertEquals("Sequential", p.get("class_name"));
      assertEquals("Adam", p.get("optimizer"));
      assertEquals(25L, p.get("parameters"));
      assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
    }
  }

  @Test
  void attributesInDenseStorageAreLookedForAsText() throws IOException {
    Hdf5Fixture h = new Hdf5Fixture();
    h.raw(MODEL_CONFIG.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    long weights = h.linkGroup(ordered("dense", h.linkGroup(ordered("kernel:0", h.dataset(4, 4)))));
    Record r = parse("dense.h5", h.finish(h.denseAttributeGroup(ordered("model_weights", weights))));
    assertEquals("keras-h5", r.getFormat());
    assertEquals("Sequential", r.getProperties().get("class_name"));
    assertEquals(16L, r.getProperties().get("parameters"));
    assertTrue(r.getWarnings().get(0).contains("dense storage"), r.getWarnings().toString());

    Hdf5Fixture d = new Hdf5Fixture();
    Record data = parse("densedata.h5", d.finish(d.denseAttributeGroup(ordered("x", d.dataset(7)))));
    assertEquals(RecordKind.DATASET, data.getKind());
    assertEquals(7L, data.getProperties().get("elements"));
    assertEquals(1, data.getWarnings().size(), data.getWarnings().toString());
  }

  @Test
  void aWeightsOnlyFileIsAModelWithoutConfig() throws IOException {
    Hdf5Fixture h = new Hdf5Fixture();
    long k = h.dataset(10, 5);
    long layer = h.linkGroup(ordered("kernel:0", k));
    long root = h.attr("layer_names", List.of("dense_1")).attr("keras_version", "2.4.0").linkGroup(ordered("dense_1", layer));
    Record r = parse("weights.h5", h.finish(root));
    assertEquals("keras-h5", r.getFormat());
    assertEquals("weights", r.getProperties().get("content"));
    assertEquals(50L, r.getProperties().get("parameters"));
    assertNull(r.getProperties().get("class_name"));
  }

  @Test
  void aKeras3WeightsFileLeavesOutOptimizerAndMetricState() throws IOException {
    Hdf5Fixture h = new Hdf5Fixture();
    long layers = h.linkGroup(ordered("dense", h.linkGroup(ordered("vars", h.linkGroup(ordered("0", h.dataset(8, 4), "1", h.dataset(4)))))));
    long optimizer = h.linkGroup(ordered("vars", h.linkGroup(ordered("0", h.dataset(8, 4)))));
    long metrics = h.linkGroup(ordered("mean", h.linkGroup(ordered("vars", h.linkGroup(ordered("0", h.dataset()))))));
    long root = h.linkGroup(ordered("layers", layers, "metrics", metrics, "optimizer", optimizer, "vars", h.linkGroup(ordered())));
    Record r = parse("model.weights.h5", h.finish(root));
    assertEquals("weights", r.getProperties().get("content"));
    assertEquals(36L, r.getProperties().get("parameters"));
  }

  @Test
  void anHdf5FileWithoutAKerasModelIsData() throws IOException {
    Hdf5Fixture h = new Hdf5Fixture();
    long images = h.dataset(100, 28, 28);
    long labels = h.dataset(100);
    long root = h.attr("description", "mnist subset").symbolTableGroup(ordered("images", images, "labels", labels));
    Record r = parse("data.h5", h.finish(root));
    assertEquals(RecordKind.DATASET, r.getKind(), r.getWarnings().toString());
    assertEquals("hdf5", r.getFormat());
    assertTrue(r.getProperties().get("content").toString().startsWith("data"));
    assertEquals(List.of("images", "labels"), r.getProperties().get("members"));
    assertEquals(List.of("description"), r.getProperties().get("root_attributes"));
    assertEquals("mnist subset", r.getProperties().get("attributes.description"));
    assertEquals(2L, r.getProperties().get("dataset_count"));
    assertEquals(78_500L, r.getProperties().get("elements"));
    assertTrue(r.getHash().startsWith("sha256:"));
  }

  @Test
  void aGroupThatContainsItselfIsWalkedOnce() throws IOException {
    Hdf5Fixture h = new Hdf5Fixture();
    long d = h.dataset(3);
    long self = h.nextAddress();
    long group = h.linkGroup(ordered("d", d, "again", self));
    assertEquals(self, group);
    long root = h.attr("layer_names", List.of("g")).linkGroup(ordered("g", group));
    Record r = parse("loop.h5", h.finish(root));
    assertEquals(3L, r.getProperties().get("parameters"));
  }

  @Test
  void aDamagedStructureFallsBackToFindingTheConfigsAsText() throws IOException {
    byte[] bytes = legacyModel(0, true);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(64, bytes.length + 1000L); // root address past the end
    Record r = parse("damaged.h5", bytes);
    assertTrue(r.getWarnings().get(0).contains("could not be read"), r.getWarnings().toString());
    assertEquals("Sequential", r.getProperties().get("class_name"));
    assertEquals(3L, r.getProperties().get("layer_count"));
    assertEquals("Adam", r.getProperties().get("optimizer"));
    assertNull(r.getProperties().get("parameters"));
  }

  @Test
  void truncatedFilesEndInWarnings() throws IOException {
    byte[] full = legacyModel(0, true);
    for (int n : new int[] {8, 100, full.length / 3, full.length / 2, full.length - 40}) {
      Record r = parse("cut" + n + ".h5", Arrays.copyOf(full, n));
      assertFalse(r.getWarnings().isEmpty(), "cut at " + n);
    }
  }

  @Test
  void randomBytesAndEmptyFilesGiveWarnings() throws IOException {
    byte[] random = new byte[5000];
    new java.util.Random(11).nextBytes(random);
    Record r = parse("random.h5", random);
    assertEquals(false, r.getProperties().get("hdf5_signature_ok"));
    assertTrue(r.getWarnings().get(0).contains("not an HDF5 file"));
    Record empty = parse("empty.h5", new byte[0]);
    assertTrue(empty.getWarnings().get(0).contains("empty"));
    byte[] signatureThenNoise = Arrays.copyOf(legacyModel(0, true), 5000);
    System.arraycopy(random, 0, signatureThenNoise, 8, 4992);
    Record noise = parse("noise.h5", signatureThenNoise);
    assertTrue(noise.getWarnings().get(0).contains("could not be read"), noise.getWarnings().toString());
  }
}
