package io.mlindex.parsers.models.onnx;

/** ONNX fixtures for tests outside this package. */
public final class OnnxFixtures {
  private OnnxFixtures() {}

  /** A small valid model (with 2 KB of initializer data). */
  public static byte[] small() {
    ProtoBytes graph = new ProtoBytes()
        .message(1, OnnxParserTest.node("Gemm", ""))
        .string(2, "g")
        .message(5, OnnxParserTest.initializer("w", new byte[2048], 16, 32))
        .message(11, OnnxParserTest.value("x", 1, -1, 16))
        .message(12, OnnxParserTest.value("y", 1, -1, 32));
    return new ProtoBytes().varint(1, 8).string(2, "pytorch")
        .message(8, new ProtoBytes().string(1, "").varint(2, 17)).message(7, graph)
        .message(14, new ProtoBytes().string(1, "k").string(2, "v")).build();
  }
}
