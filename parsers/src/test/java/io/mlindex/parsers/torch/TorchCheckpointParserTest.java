package io.mlindex.parsers.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.config.ParseLimits;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.parsers.pickle.PickleBytes;
import io.mlindex.record.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class TorchCheckpointParserTest {
  private final TorchCheckpointParser parser = new TorchCheckpointParser();

  /** {@code _rebuild_tensor_v2(storage pid, 0, size, stride, False, OrderedDict())}, zip-style pid. */
  static PickleBytes tensor(PickleBytes p, String storageKey, String storageClass, int numel, int... size) {
    p.global("torch._utils", "_rebuild_tensor_v2").mark()
        .mark().binunicode("storage").global("torch", storageClass).binunicode(storageKey).binunicode("cpu")
        .int4(numel).tuple().binPersId()
        .int1(0).mark();
    for (int d : size) {
      p.int4(d);
    }
    p.tuple().mark();
    for (int i = 0; i < size.length; i++) {
      p.int1(1);
    }
    return p.tuple().bool(false).global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
  }

  /** OrderedDict(fc.weight: 3x4 float32, fc.bias: 4 float32), without STOP. */
  static PickleBytes stateDict(PickleBytes p) {
    p.global("collections", "OrderedDict").emptyTuple().reduce().mark().binunicode("fc.weight");
    tensor(p, "0", "FloatStorage", 12, 3, 4).binunicode("fc.bias");
    return tensor(p, "1", "FloatStorage", 4, 4).setItems();
  }

  static byte[] lightningCheckpoint() {
    PickleBytes p = PickleBytes.protocol(2).emptyDict().mark()
        .binunicode("epoch").int1(4)
        .binunicode("global_step").int2(1000)
        .binunicode("pytorch-lightning_version").binunicode("2.1.0")
        .binunicode("state_dict");
    stateDict(p).binunicode("optimizer_states").emptyList().mark().emptyDict().binunicode("exp_avg");
    tensor(p, "2", "HalfStorage", 16, 16).setItem().appends()
        .binunicode("hparams_name").binunicode("kwargs")
        .binunicode("hyper_parameters")
        .global("lightning.fabric.utilities.data", "AttributeDict").emptyTuple().reduce().mark()
        .binunicode("lr").float8(0.001)
        .binunicode("model").emptyDict().mark().binunicode("layers").int1(3).binunicode("act").binunicode("relu").setItems()
        .binunicode("betas").float8(0.9).float8(0.999).tuple2()
        .binunicode("scheduler").none()
        .setItems();
    return p.setItems().stop().bytes();
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

  static byte[] torchZip(String archive, byte[] dataPkl) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(archive + "/data.pkl", dataPkl);
    entries.put(archive + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
    entries.put(archive + "/data/0", new byte[48]);
    entries.put(archive + "/data/1", new byte[16]);
    entries.put(archive + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    return zip(entries);
  }

  static Record parse(Path f) throws IOException {
    return parse(f, new ParseContext());
  }

  static Record parse(Path f, ParseContext context) throws IOException {
    List<Record> records = new TorchCheckpointParser().parse(TestTrees.candidate(f), context);
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void aZipStateDict() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      byte[] pkl = stateDict(PickleBytes.protocol(2)).stop().bytes();
      Path f = TestTrees.write(fs.getPath("/w/model.pth"), torchZip("model", pkl));
      assertTrue(parser.supports(TestTrees.candidate(f)));
      Record r = parse(f);
      assertEquals("pytorch", r.getFormat());
      assertEquals("model", r.getKind().id());
      assertTrue(r.getHash().startsWith("sha256:"));
      Map<String, Object> p = r.getProperties();
      assertEquals("zip", p.get("container"));
      assertEquals("zip", p.get("serialization"));
      assertEquals(3L, p.get("archive_version"));
      assertEquals("little", p.get("byteorder"));
      assertEquals(2L, p.get("storages"));
      assertEquals(64L, p.get("storage_bytes"));
      assertEquals(2L, p.get("persistent_ids"));
      assertEquals(2L, p.get("tensors"));
      assertEquals(16L, p.get("parameters"));
      assertEquals(List.of("float32"), p.get("dtypes"));
      assertEquals(2, p.get("protocol"));
      assertEquals(List.of("fc.weight", "fc.bias"), p.get("keys"));
      assertEquals(List.of("pytorch"), r.getCode().getFrameworks());
      assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
    }
  }

  @Test
  void aLightningCheckpoint() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/ckpts/epoch=4-step=1000.ckpt"), torchZip("archive", lightningCheckpoint())));
      Map<String, Object> p = r.getProperties();
      assertEquals("2.1.0", p.get("lightning_version"));
      assertEquals(4L, p.get("epoch"));
      assertEquals(1000L, p.get("global_step"));
      assertEquals(3L, p.get("tensors"));
      assertEquals(16L, p.get("parameters"), "parameters come from the state_dict, not the optimizer");
      assertEquals("state_dict", p.get("parameters_from"));
      assertEquals("hyper_parameters", p.get("params_from"));
      assertEquals(0.001, r.getParams().get("lr"));
      assertEquals(3L, r.getParams().get("model.layers"));
      assertEquals("relu", r.getParams().get("model.act"));
      assertEquals(List.of(0.9, 0.999), r.getParams().get("betas"));
      assertTrue(r.getParams().containsKey("scheduler"));
      assertTrue(r.getCode().getFrameworks().containsAll(List.of("pytorch", "lightning")));
    }
  }

  @Test
  void aLegacyCheckpointIsReadPastItsHeader() throws IOException {
    byte[] magic = new BigInteger("1950a86a20f9469cfc6c", 16).toByteArray();
    byte[] le = new byte[magic.length];
    for (int i = 0; i < magic.length; i++) {
      le[i] = magic[magic.length - 1 - i];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PickleBytes.protocol(2).long1(le).stop().bytes());
    out.writeBytes(PickleBytes.protocol(2).int2(1001).stop().bytes());
    out.writeBytes(PickleBytes.protocol(2).emptyDict().binunicode("little_endian").bool(true).setItem().stop().bytes());
    PickleBytes obj = PickleBytes.protocol(2).emptyDict().binunicode("state_dict");
    obj.global("collections", "OrderedDict").emptyTuple().reduce().binunicode("w");
    tensor(obj, "94", "DoubleStorage", 6, 2, 3).setItem().setItem().stop();
    out.writeBytes(obj.bytes());
    out.writeBytes(PickleBytes.protocol(2).emptyList().binunicode("94").op('a').stop().bytes());
    out.writeBytes(new byte[48]);
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/old.pt"), out.toByteArray()));
      assertEquals("legacy", r.getProperties().get("serialization"));
      assertEquals("pickle", r.getProperties().get("container"));
      assertEquals(6L, r.getProperties().get("parameters"));
      assertEquals(List.of("float64"), r.getProperties().get("dtypes"));
      assertEquals(List.of("state_dict"), r.getProperties().get("keys"));
      assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
    }
  }

  @Test
  void aTorchScriptArchiveIsMarked() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("net/data.pkl", PickleBytes.protocol(2).global("__torch__", "Net").emptyTuple().newObj().stop().bytes());
    entries.put("net/code/__torch__.py", "class Net(Module): pass\n".getBytes(StandardCharsets.UTF_8));
    entries.put("net/constants.pkl", PickleBytes.protocol(2).emptyTuple().stop().bytes());
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/net.pt"), zip(entries)));
      assertEquals(true, r.getProperties().get("torchscript"));
      assertEquals("__torch__.Net", r.getProperties().get("top_level_class"));
    }
  }

  @Test
  void aMaliciousCheckpointIsFlagged() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record r = parse(TestTrees.write(fs.getPath("/evil.pt"), torchZip("evil", PickleBytes.osSystem("touch /tmp/never"))));
      assertTrue(r.getWarnings().contains("unsafe pickle: references os.system"), r.getWarnings().toString());
    }
  }

  @Test
  void aZipBombDisguisedAsACheckpointStopsAtTheLimit() throws IOException {
    byte[] endless = ("\u0080\u0002" + "N0".repeat(2 << 20)).getBytes(StandardCharsets.ISO_8859_1); // 4 MiB, no STOP
    ParseContext small = new ParseContext().set(ParseLimits.class, new ParseLimits(1 << 20, 1 << 20, Duration.ofSeconds(60), 1L << 30));
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/bomb.pt"), zip(Map.of("bomb/data.pkl", endless)));
      assertTrue(java.nio.file.Files.size(f) < 1 << 20);
      Record r = parse(f, small);
      assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("read limit")), r.getWarnings().toString());
      Record zeros = parse(TestTrees.write(fs.getPath("/zeros.pt"), zip(Map.of("z/data.pkl", new byte[4 << 20]))), small);
      assertTrue(zeros.getWarnings().stream().anyMatch(w -> w.contains("unknown opcode 0x00")), zeros.getWarnings().toString());
    }
  }

  @Test
  void randomCutAndEmptyFilesEndInWarnings() throws IOException {
    byte[] noise = new byte[10_000];
    new Random(7).nextBytes(noise);
    noise[0] = 'x';
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Record random = parse(TestTrees.write(fs.getPath("/noise.pth"), noise));
      assertTrue(random.getWarnings().get(0).contains("neither a PyTorch zip archive nor a pickle"), random.getWarnings().toString());
      byte[] full = torchZip("m", stateDict(PickleBytes.protocol(2)).stop().bytes());
      Record cut = parse(TestTrees.write(fs.getPath("/cut.pt"), Arrays.copyOf(full, full.length / 2)));
      assertEquals(1, cut.getWarnings().size(), cut.getWarnings().toString());
      Record empty = parse(TestTrees.write(fs.getPath("/empty.ckpt"), new byte[0]));
      assertEquals(List.of("empty.ckpt is empty"), empty.getWarnings());
      byte[] pkl = stateDict(PickleBytes.protocol(2)).stop().bytes();
      Record cutPickle = parse(TestTrees.write(fs.getPath("/cut-pickle.pt"), torchZip("c", Arrays.copyOf(pkl, pkl.length - 30))));
      assertTrue(cutPickle.getWarnings().get(0).contains("truncated"), cutPickle.getWarnings().toString());
      assertEquals(List.of("fc.weight", "fc.bias"), cutPickle.getProperties().get("keys"), "the keys seen before the cut");
    }
  }

  @Test
  void binFilesAreClaimedByContentOnly() throws IOException {
    byte[] noise = new byte[100];
    new Random(1).nextBytes(noise);
    noise[0] = 1;
    try (FileSystem fs = TestTrees.newFileSystem()) {
      assertTrue(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/pytorch_model.bin"),
          torchZip("pytorch_model", stateDict(PickleBytes.protocol(2)).stop().bytes())))));
      assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/vocab.bin"), noise))));
      assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/site.pth"), "import _virtualenv\n/opt/lib\n"))));
      assertTrue(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/noise.pth"), noise))));
      assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/other.bin"),
          zip(Map.of("readme.txt", new byte[10]))))));
    }
  }
}
