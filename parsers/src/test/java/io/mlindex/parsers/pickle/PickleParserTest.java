package io.mlindex.parsers.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.config.ParseLimits;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PickleParserTest {
  private final PickleParser parser = new PickleParser();

  static Record parse(Path file) throws IOException {
    return parse(file, new ParseContext());
  }

  static Record parse(Path file, ParseContext context) throws IOException {
    List<Record> records = new PickleParser().parse(TestTrees.candidate(file), context);
    assertEquals(1, records.size());
    return records.get(0);
  }

  /** An sklearn estimator as pickle protocol 4 writes it: class, NEWOBJ, state dict, BUILD. */
  static byte[] estimator() {
    return PickleBytes.protocol(4)
        .str("sklearn.ensemble._forest").memoize().str("RandomForestClassifier").memoize().stackGlobal().memoize()
        .emptyTuple().newObj().memoize().emptyDict().memoize().mark()
        .str("n_estimators").memoize().int1(200)
        .str("max_depth").memoize().none()
        .str("criterion").memoize().str("gini")
        .str("classes_").memoize().str("fitted, not a setting")
        .str("_sklearn_version").memoize().str("1.5.1")
        .setItems().build().stop().bytes();
  }

  @Test
  void anEstimatorPickle() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/models/rf.pkl"), estimator());
      assertTrue(parser.supports(TestTrees.candidate(f)));
      Record r = parse(f);
      assertEquals(RecordKind.MODEL, r.getKind());
      assertEquals("pickle", r.getFormat());
      assertEquals("/models/rf.pkl", r.getPath());
      assertEquals(List.of("/models/rf.pkl"), r.getSources());
      assertTrue(r.getHash().startsWith("sha256:"), r.getHash());
      assertEquals(Files.size(f), r.getSize());
      assertEquals("pickle", r.getProperties().get("container"));
      assertEquals(4, r.getProperties().get("protocol"));
      assertEquals(List.of("sklearn.ensemble._forest.RandomForestClassifier"), r.getProperties().get("globals"));
      assertEquals("sklearn.ensemble._forest.RandomForestClassifier", r.getProperties().get("top_level_class"));
      assertEquals("object", r.getProperties().get("top_level"));
      assertEquals(List.of("sklearn"), r.getProperties().get("top_level_modules"));
      assertEquals("sklearn", r.getProperties().get("framework"));
      assertEquals("1.5.1", r.getProperties().get("sklearn_version"));
      assertEquals(List.of("sklearn"), r.getCode().getFrameworks());
      assertEquals(200L, r.getParams().get("n_estimators"));
      assertTrue(r.getParams().containsKey("max_depth"));
      assertNull(r.getParams().get("max_depth"));
      assertEquals("gini", r.getParams().get("criterion"));
      assertFalse(r.getParams().containsKey("classes_"));
      assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
    }
  }

  @Test
  void aDictPickleListsKeysAndLiterals() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/ckpt.pickle"), PickleScannerTest.checkpoint()));
      assertEquals("dict", r.getProperties().get("top_level"));
      assertEquals(List.of("epoch", "lr", "name", "flags", "model"), r.getProperties().get("keys"));
      assertEquals(3L, r.getProperties().get("epoch"));
      assertEquals(0.1, r.getProperties().get("lr"));
      assertEquals("resnet", r.getProperties().get("name"));
    }
  }

  /** An OmegaConf node: {@code cls()} then BUILD with {'_parent': None, '<field>': value-so-far}. */
  static PickleBytes omegaNode(PickleBytes p, String cls, String field) {
    return p.global("omegaconf." + (cls.endsWith("Node") ? "nodes" : cls.toLowerCase(java.util.Locale.ROOT)), cls)
        .emptyTuple().newObj().emptyDict().binunicode("_parent").none().setItem().binunicode(field);
  }

  @Test
  void omegaConfHyperparametersAreUnwrapped() throws IOException {
    PickleBytes p = PickleBytes.protocol(2).emptyDict().binunicode("hparams");
    omegaNode(p, "DictConfig", "_content").emptyDict().mark().binunicode("lr");
    omegaNode(p, "AnyNode", "_val").float8(0.01).setItem().build().binunicode("layers");
    omegaNode(p, "ListConfig", "_content").emptyList().mark();
    omegaNode(p, "AnyNode", "_val").int1(64).setItem().build();
    omegaNode(p, "AnyNode", "_val").int1(32).setItem().build();
    p.appends().setItem().build().binunicode("name").binunicode("mlp").setItems().setItem().build().setItem();
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/hydra.pkl"), p.stop().bytes()));
      assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
      assertEquals(0.01, r.getParams().get("lr"));
      assertEquals(List.of(64L, 32L), r.getParams().get("layers"));
      assertEquals("mlp", r.getParams().get("name"));
      assertEquals("hparams", r.getProperties().get("params_from"));
    }
  }

  @Test
  void aDataDictDoesNotFloodTheProperties() throws IOException {
    PickleBytes p = PickleBytes.protocol(2).emptyDict().mark().binunicode("protocol").int1(9).binunicode("two words").int1(1);
    for (int i = 0; i < 100; i++) {
      p.binunicode("w" + i).int1(i);
    }
    p.setItems();
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/vocab.pkl"), p.stop().bytes()));
      assertEquals(0L, r.getProperties().get("w0"));
      assertTrue(r.getProperties().containsKey("w48"));
      assertFalse(r.getProperties().containsKey("w49"));
      assertFalse(r.getProperties().containsKey("two words"));
      assertEquals(102L, r.getProperties().get("key_count"));
      assertEquals(2, r.getProperties().get("protocol"), "a checkpoint key never replaces a fact of the file");
      assertEquals(9L, r.getProperties().get("values.protocol"));
    }
  }

  /**
   * A pickle whose __reduce__ runs {@code os.system("touch <dir>/pwned")} when loaded: parsing it
   * must flag it and must not create the file.
   */
  @Test
  void aMaliciousReduceIsFlaggedAndNeverRun(@TempDir Path tmp) throws IOException {
    Path pwned = tmp.resolve("pwned");
    byte[] evil = PickleBytes.osSystem("touch " + pwned.toAbsolutePath());
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/data/evil.pkl"), evil);
      FileParser chosen = ParserRegistry.loadDefault().fileParserFor(TestTrees.candidate(f));
      assertInstanceOf(PickleParser.class, chosen);
      Record r = chosen.parse(TestTrees.candidate(f), new ParseContext()).get(0);
      assertTrue(r.getWarnings().contains("unsafe pickle: references os.system"), r.getWarnings().toString());
      assertEquals(List.of("os.system"), r.getProperties().get("unsafe_globals"));
      assertEquals("object", r.getProperties().get("top_level"));
    }
    Path onDisk = Files.write(tmp.resolve("evil.joblib"), evil);
    Record r = parse(onDisk);
    assertTrue(r.getWarnings().get(0).startsWith("unsafe pickle"), r.getWarnings().toString());
    assertFalse(Files.exists(pwned), "the payload ran");
  }

  @Test
  void joblibZlibAndGzipDumpsAreScanned() throws IOException {
    byte[] plain = estimator();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
      out.write(plain);
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record zr = parse(TestTrees.write(fs.getPath("/m.joblib"), z.toByteArray()));
      assertEquals("zlib", zr.getProperties().get("compression"));
      assertEquals("sklearn.ensemble._forest.RandomForestClassifier", zr.getProperties().get("first_global"));
      Record gr = parse(TestTrees.write(fs.getPath("/m.pkl.gz"), gz.toByteArray()));
      assertEquals("gzip", gr.getProperties().get("compression"));
      assertEquals(200L, gr.getParams().get("n_estimators"));
    }
  }

  @Test
  void codecsTheJdkLacksAreAWarning() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/m.pkl.bz2"), "BZh91AY&SY....".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
      assertEquals("bz2", r.getProperties().get("compression"));
      assertTrue(r.getWarnings().get(0).contains("bz2-compressed"), r.getWarnings().toString());
      assertTrue(r.getHash().startsWith("sha256:"));
    }
  }

  @Test
  void aZlibBombStopsAtTheDecompressedLimit() throws IOException {
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
      out.write(PickleBytes.protocol(4).bytes());
      byte[] noopPairs = "N0".repeat(1 << 16).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      for (int i = 0; i < 160; i++) {
        out.write(noopPairs); // 20 MiB of NONE, POP: valid opcodes, never a STOP
      }
    }
    ParseContext small = new ParseContext().set(ParseLimits.class, new ParseLimits(1 << 16, 1 << 20, Duration.ofSeconds(60), 1L << 30));
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/bomb.joblib"), z.toByteArray()), small);
      assertTrue(r.getWarnings().get(0).contains("read limit"), r.getWarnings().toString());
    }
  }

  @Test
  void randomBytesEmptyFilesAndCutFilesEndInWarnings() throws IOException {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    noise[0] = 'Q'; // BINPERSID on an empty stack: never a valid start
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record random = parse(TestTrees.write(fs.getPath("/noise.pkl"), noise));
      assertEquals(1, random.getWarnings().size(), random.getWarnings().toString());
      assertTrue(random.getWarnings().get(0).startsWith("noise.pkl: "), random.getWarnings().toString());
      Record empty = parse(TestTrees.write(fs.getPath("/empty.pkl"), new byte[0]));
      assertEquals(List.of("empty.pkl is empty"), empty.getWarnings());
      byte[] full = estimator();
      Record cut = parse(TestTrees.write(fs.getPath("/cut.pkl"), java.util.Arrays.copyOf(full, full.length - 20)));
      assertTrue(cut.getWarnings().get(0).startsWith("cut.pkl: truncated"), cut.getWarnings().toString());
      assertEquals("sklearn.ensemble._forest.RandomForestClassifier", cut.getProperties().get("top_level_class"));
      Record huge = parse(TestTrees.write(fs.getPath("/huge.pkl"), PickleBytes.protocol(4).binunicode8Header(Long.MAX_VALUE).bytes()));
      assertTrue(huge.getWarnings().get(0).contains("truncated"), huge.getWarnings().toString());
    }
  }

  @Test
  void otherExtensionsNeedThePickleHeader() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      assertTrue(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/m.sav"), estimator()))));
      assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/notes.sav"), "hello"))));
      assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/m.pt"), estimator()))));
    }
  }
}
