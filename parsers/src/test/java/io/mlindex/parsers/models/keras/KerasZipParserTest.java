package io.mlindex.parsers.models.keras;

import static io.mlindex.parsers.models.keras.KerasH5ParserTest.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.config.ParseLimits;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.parsers.models.Hdf5Fixture;
import io.mlindex.record.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KerasZipParserTest {
  static final String CONFIG = "{\"module\": \"keras\", \"class_name\": \"Functional\", \"config\": {\"name\": \"net\","
      + " \"layers\": [{\"class_name\": \"InputLayer\"}, {\"class_name\": \"Conv2D\"}, {\"class_name\": \"Dense\"}]},"
      + " \"compile_config\": {\"optimizer\": {\"module\": \"keras.optimizers\", \"class_name\": \"SGD\", \"config\":"
      + " {\"learning_rate\": 0.1, \"momentum\": 0.9}}, \"loss\": \"sparse_categorical_crossentropy\", \"metrics\":"
      + " [{\"module\": \"keras.metrics\", \"class_name\": \"MeanMetricWrapper\", \"config\": {\"name\": \"acc\"}}],"
      + " \"loss_weights\": null}}";
  static final String METADATA = "{\"keras_version\": \"3.3.3\", \"date_saved\": \"2024-05-01@10:00:00\"}";

  private final FileSystem fs = TestTrees.newFileSystem();
  private final KerasZipParser parser = new KerasZipParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A zip whose entries are stored uncompressed, as Keras writes them. */
  static byte[] storedZip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(e.getValue().length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(e.getValue());
        entry.setCrc(crc.getValue());
        z.putNextEntry(entry);
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] weights() {
    Hdf5Fixture h = new Hdf5Fixture();
    long dense = h.linkGroup(ordered("vars", h.linkGroup(ordered("0", h.dataset(3, 3, 1, 8), "1", h.dataset(8)))));
    long layers = h.linkGroup(ordered("conv2d", dense));
    long optimizer = h.linkGroup(ordered("vars", h.linkGroup(ordered("0", h.dataset(72)))));
    return h.finish(h.linkGroup(ordered("layers", layers, "optimizer", optimizer)));
  }

  private Record parse(String name, byte[] bytes, ParseContext context) throws IOException {
    Path f = TestTrees.write(fs.getPath("/m", name), bytes);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    return parser.parse(TestTrees.candidate(f), context).get(0);
  }

  private Record parse(String name, byte[] bytes) throws IOException {
    return parse(name, bytes, new ParseContext());
  }

  @Test
  void readsMetadataConfigCompileConfigAndWeights() throws IOException {
    byte[] keras = zip(ordered("metadata.json", METADATA.getBytes(StandardCharsets.UTF_8),
        "config.json", CONFIG.getBytes(StandardCharsets.UTF_8), "model.weights.h5", weights()));
    Record r = parse("model.keras", keras);
    var p = r.getProperties();
    assertEquals("keras", r.getFormat());
    assertEquals(List.of("config.json", "metadata.json", "model.weights.h5"), p.get("members"));
    assertEquals("3.3.3", p.get("keras_version"));
    assertEquals("2024-05-01@10:00:00", p.get("date_saved"));
    assertEquals("Functional", p.get("class_name"));
    assertEquals("net", p.get("model_name"));
    assertEquals(3L, p.get("layer_count"));
    assertEquals(List.of("InputLayer", "Conv2D", "Dense"), p.get("layer_classes"));
    assertEquals("SGD", p.get("compile_config.optimizer.class_name"));
    assertEquals(0.9, p.get("compile_config.optimizer.config.momentum"));
    assertEquals("sparse_categorical_crossentropy", p.get("compile_config.loss"));
    assertEquals("SGD", p.get("optimizer"));
    assertEquals("sparse_categorical_crossentropy", p.get("loss"));
    assertEquals(List.of("acc"), p.get("metrics"));
    assertEquals(true, p.get("weights_h5_signature_ok"));
    assertEquals((long) weights().length, p.get("weights_h5_bytes"));
    assertEquals(3L * 3 * 8 + 8, p.get("parameters"));
    assertEquals("keras", p.get("framework"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void storedWeightsAreCountedInPlaceWhateverTheirSize() throws IOException {
    byte[] weights = weights();
    ParseContext small = new ParseContext()
        .set(ParseLimits.class, new ParseLimits(weights.length / 2, 1 << 20, Duration.ofSeconds(60), 1L << 30));
    byte[] stored = storedZip(ordered("metadata.json", METADATA.getBytes(StandardCharsets.UTF_8), "model.weights.h5", weights));
    Record r = parse("stored.keras", stored, small);
    assertEquals(3L * 3 * 8 + 8, r.getProperties().get("parameters"), r.getWarnings().toString());
    Record deflated = parse("deflated.keras", zip(ordered("metadata.json", METADATA.getBytes(StandardCharsets.UTF_8),
        "model.weights.h5", weights)), small);
    assertNull(deflated.getProperties().get("parameters"));
    assertTrue(deflated.getWarnings().get(0).contains("compressed and larger than"), deflated.getWarnings().toString());
  }

  @Test
  void aZipBombStopsAtTheReadLimit() throws IOException {
    byte[] bomb = zip(ordered("config.json", new byte[8 << 20], "metadata.json", METADATA.getBytes(StandardCharsets.UTF_8)));
    assertTrue(bomb.length < 100_000);
    ParseContext small = new ParseContext().set(ParseLimits.class, new ParseLimits(1 << 20, 1 << 20, Duration.ofSeconds(60), 1L << 30));
    Record r = parse("bomb.keras", bomb, small);
    assertTrue(r.getWarnings().get(0).contains("zip bomb"), r.getWarnings().toString());
    assertEquals("3.3.3", r.getProperties().get("keras_version"));
    assertNull(r.getProperties().get("class_name"));
  }

  @Test
  void damagedJsonAndMissingConfigsAreWarnings() throws IOException {
    Record broken = parse("broken.keras", zip(ordered("config.json", "{\"class_name\": ".getBytes(StandardCharsets.UTF_8))));
    assertTrue(broken.getWarnings().stream().anyMatch(w -> w.contains("not valid JSON")), broken.getWarnings().toString());
    Record other = parse("other.keras", zip(ordered("readme.txt", new byte[] {1})));
    assertTrue(other.getWarnings().get(0).contains("not a Keras v3 archive"), other.getWarnings().toString());
  }

  @Test
  void randomBytesEmptyFilesAndFakeZipsGiveWarnings() throws IOException {
    byte[] random = new byte[3000];
    new java.util.Random(5).nextBytes(random);
    assertTrue(parse("random.keras", random).getWarnings().get(0).contains("not a zip archive"));
    assertTrue(parse("empty.keras", new byte[0]).getWarnings().get(0).contains("empty"));
    random[0] = 'P';
    random[1] = 'K';
    random[2] = 3;
    random[3] = 4;
    Record fake = parse("fake.keras", random);
    assertFalse(fake.getWarnings().isEmpty());
  }

  @Test
  void anHdf5FileNamedKerasIsLeftToTheH5Parser() throws IOException {
    Path f = TestTrees.write(fs.getPath("/m/old.keras"), KerasH5ParserTest.legacyModel(0, true));
    assertFalse(parser.supports(TestTrees.candidate(f)));
    assertTrue(new KerasH5Parser().supports(TestTrees.candidate(f)));
  }
}
