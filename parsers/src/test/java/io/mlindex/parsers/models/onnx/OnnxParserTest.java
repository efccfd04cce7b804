package io.mlindex.parsers.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OnnxParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final OnnxParser parser = new OnnxParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  /** ValueInfoProto with a tensor type: elem_type and dims (a negative dim is a named one). */
  static ProtoBytes value(String name, int elemType, long... dims) {
    ProtoBytes shape = new ProtoBytes();
    for (long d : dims) {
      shape.message(1, d >= 0 ? new ProtoBytes().varint(1, d) : new ProtoBytes().string(2, "batch"));
    }
    ProtoBytes tensor = new ProtoBytes().varint(1, elemType).message(2, shape);
    return new ProtoBytes().string(1, name).message(2, new ProtoBytes().message(1, tensor));
  }

  static ProtoBytes initializer(String name, byte[] raw, long... dims) {
    return new ProtoBytes().packed(1, dims).varint(2, 1).string(8, name).bytes(9, raw);
  }

  static ProtoBytes node(String opType, String domain) {
    return new ProtoBytes().string(1, "x").string(2, "y").string(3, opType + "_0").string(4, opType).string(7, domain)
        .message(5, new ProtoBytes().string(1, "alpha").varint(3, 1));
  }

  /** A small model: Gemm + Relu + Gemm, two initializers (the first 1 MB of raw data). */
  static byte[] model() {
    ProtoBytes graph = new ProtoBytes()
        .message(1, node("Gemm", ""))
        .message(1, node("Relu", ""))
        .message(1, node("Gemm", ""))
        .message(1, node("TreeEnsembleClassifier", "ai.onnx.ml"))
        .string(2, "main_graph")
        .message(5, initializer("fc1.weight", new byte[1 << 20], 512, 512))
        .message(5, initializer("fc1.bias", new byte[2048], 512))
        .message(11, value("input", 1, -1, 512))
        .message(11, value("fc1.weight", 1, 512, 512))
        .message(12, value("output", 7, -1));
    return new ProtoBytes()
        .varint(1, 8)
        .string(2, "pytorch")
        .string(3, "2.1.0")
        .string(4, "org.example")
        .varint(5, 3)
        .string(6, "a doc string")
        .message(8, new ProtoBytes().string(1, "").varint(2, 17))
        .message(8, new ProtoBytes().string(1, "ai.onnx.ml").varint(2, 3))
        .message(7, graph)
        .message(14, new ProtoBytes().string(1, "author").string(2, "unit test"))
        .build();
  }

  private Record parse(String name, byte[] bytes) throws IOException {
    Path f = TestTrees.write(fs.getPath("/m", name), bytes);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    return parser.parse(TestTrees.candidate(f), new ParseContext()).get(0);
  }

  @Test
  void readsTheModelFacts() throws IOException {
    Record r = parse("model.onnx", model());
    var p = r.getProperties();
    assertEquals("onnx", r.getFormat());
    assertEquals(8L, p.get("ir_version"));
    assertEquals("pytorch", p.get("producer_name"));
    assertEquals("2.1.0", p.get("producer_version"));
    assertEquals("org.example", p.get("domain"));
    assertEquals(3L, p.get("model_version"));
    assertEquals(17L, p.get("opset_import.ai.onnx"));
    assertEquals(3L, p.get("opset_import.ai.onnx.ml"));
    assertEquals(17L, p.get("opset"));
    assertEquals("unit test", p.get("metadata.author"));
    assertEquals("pytorch", p.get("framework"));
    assertEquals("main_graph", p.get("graph_name"));
    assertEquals(4L, p.get("node_count"));
    assertEquals(2L, p.get("op_type_counts.Gemm"));
    assertEquals(1L, p.get("op_type_counts.TreeEnsembleClassifier"));
    assertEquals(List.of("Gemm", "Relu", "TreeEnsembleClassifier"), p.get("op_types"));
    assertEquals(2L, p.get("initializer_count"));
    assertEquals(512L * 512 + 512, p.get("parameters"));
    assertEquals(List.of("input", "fc1.weight"), p.get("graph_inputs"));
    assertEquals(List.of("input"), p.get("graph_inputs_excluding_initializers"));
    assertEquals(List.of("input: float[batch,512]"), p.get("graph_input_signatures"));
    assertEquals(List.of("output"), p.get("graph_outputs"));
    assertEquals(List.of("output: int64[batch]"), p.get("graph_output_signatures"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void otherTypesAndExternalDataAreDescribedNotOpened() throws IOException {
    ProtoBytes seqOfMaps = new ProtoBytes().message(4, new ProtoBytes().message(1,
        new ProtoBytes().message(5, new ProtoBytes().varint(1, 7).message(2,
            new ProtoBytes().message(1, new ProtoBytes().varint(1, 1)))))); // seq(map(int64, float))
    ProtoBytes external = new ProtoBytes().packed(1, 1000, 1000).varint(2, 1).string(8, "big")
        .message(13, new ProtoBytes().string(1, "location").string(2, "weights.bin")).varint(14, 1);
    byte[] bytes = new ProtoBytes().varint(1, 9)
        .message(7, new ProtoBytes().message(5, external)
            .message(12, new ProtoBytes().string(1, "probabilities").message(2, seqOfMaps)))
        .build();
    Record r = parse("ext.onnx", bytes);
    assertEquals(List.of("weights.bin"), r.getProperties().get("external_data_files"));
    assertEquals(1_000_000L, r.getProperties().get("parameters"));
    assertEquals(List.of("probabilities: seq(map(int64,float))"), r.getProperties().get("graph_output_signatures"));
  }

  @Test
  void aTruncatedModelKeepsWhatWasReadWithAWarning() throws IOException {
    byte[] full = model();
    Record r = parse("cut.onnx", Arrays.copyOf(full, full.length / 2)); // inside the first initializer
    assertEquals(8L, r.getProperties().get("ir_version"));
    assertEquals(4L, r.getProperties().get("node_count"));
    assertTrue(r.getWarnings().get(0).contains("truncated or damaged"), r.getWarnings().toString());
  }

  @Test
  void everyCutPointEndsInARecord() throws IOException {
    byte[] full = new ProtoBytes().varint(1, 7).message(7, new ProtoBytes().message(1, node("Add", ""))
        .message(11, value("a", 1, 3))).message(8, new ProtoBytes().varint(2, 13)).build();
    for (int n = 1; n < full.length; n++) {
      Record r = parse("cut" + n + ".onnx", Arrays.copyOf(full, n));
      assertFalse(r.getWarnings().isEmpty(), "cut at " + n);
    }
  }

  @Test
  void randomBytesEmptyFilesAndGroupsAreNotOnnx() throws IOException {
    byte[] random = new byte[8192];
    new java.util.Random(7).nextBytes(random);
    Record r = parse("random.onnx", random);
    assertFalse(r.getWarnings().isEmpty());
    assertNull(r.getProperties().get("graph_name"));
    Record empty = parse("empty.onnx", new byte[0]);
    assertTrue(empty.getWarnings().get(0).contains("empty"));
    Record group = parse("group.onnx", new byte[] {0x0B, 0x0B, 0x0B, 0x0B});
    assertTrue(group.getWarnings().get(0).contains("not a readable ONNX model"), group.getWarnings().toString());
    Record text = parse("text.onnx", "hello, I am not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertFalse(text.getWarnings().isEmpty());
  }

  @Test
  void aLengthBeyondTheFileIsTruncationNotAnAllocation() throws IOException {
    // graph field claiming 2 GB, followed by a few bytes
    byte[] bytes = {0x08, 0x08, 0x3A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x12, 0x01, 'g'};
    Record r = parse("claim.onnx", bytes);
    assertEquals(8L, r.getProperties().get("ir_version"));
    assertTrue(r.getWarnings().get(0).contains("truncated or damaged"), r.getWarnings().toString());
  }
}
