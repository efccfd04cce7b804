package io.mlindex.parsers.models.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GgufParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final GgufParser parser = new GgufParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Record parse(String name, byte[] bytes) throws IOException {
    Path f = TestTrees.write(fs.getPath("/m", name), bytes);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    return parser.parse(TestTrees.candidate(f), new ParseContext()).get(0);
  }

  /** A llama-like file with every value type, two arrays and three tensors. */
  static byte[] model(ByteOrder order) {
    GgufBytes g = new GgufBytes(3, 3, 16, order)
        .kv("general.architecture", "llama")
        .kv("general.name", "tiny")
        .kvU32("llama.context_length", 4096)
        .kvU32("general.file_type", 15)
        .key("general.quantization_version", 4).u32(2)
        .key("u8", 0).u8(200)
        .key("i8", 1).u8(0xFF)
        .key("u16", 2).u8(1).u8(2)
        .key("i16", 3).u8(0xFE).u8(0xFF)
        .key("i32", 5).u32(-5)
        .key("f32", 6).f32(1e-5f)
        .key("bool", 7).u8(1)
        .key("u64", 10).u64(1L << 40)
        .key("i64", 11).u64(-3)
        .key("f64", 12).f64(0.25)
        .key("tokenizer.ggml.tokens", 9).u32(8).count(7);
    for (String t : List.of("<s>", "</s>", "a", "b", "c", "d", "e")) {
      g.string(t);
    }
    g.tensor("token_embd.weight", 12, 0, 64, 100)
        .tensor("blk.0.attn_q.weight", 12, 4096, 64, 64)
        .tensor("output_norm.weight", 0, 8192, 64)
        .pad(32).zeros(8192 + 256);
    return g.build();
  }

  @Test
  void readsHeaderMetadataAndTensors() throws IOException {
    Record r = parse("tiny.Q4_K_M.gguf", model(ByteOrder.LITTLE_ENDIAN));
    var p = r.getProperties();
    assertEquals("gguf", r.getFormat());
    assertEquals(3L, p.get("version"));
    assertEquals(3L, p.get("tensor_count"));
    assertEquals(16L, p.get("kv_count"));
    assertEquals("llama", p.get("metadata.general.architecture"));
    assertEquals("llama", p.get("architecture"));
    assertEquals("tiny", p.get("model_name"));
    assertEquals(4096L, p.get("context_length"));
    assertEquals(15L, p.get("file_type"));
    assertEquals("Q4_K_M", p.get("quantization"));
    assertEquals(2L, p.get("quantization_version"));
    assertEquals(200, p.get("metadata.u8"));
    assertEquals(-1, p.get("metadata.i8"));
    assertEquals(0x0201, p.get("metadata.u16"));
    assertEquals(-2, p.get("metadata.i16"));
    assertEquals(-5, p.get("metadata.i32"));
    assertEquals((double) 1e-5f, p.get("metadata.f32"));
    assertEquals(true, p.get("metadata.bool"));
    assertEquals(1L << 40, p.get("metadata.u64"));
    assertEquals(-3L, p.get("metadata.i64"));
    assertEquals(0.25, p.get("metadata.f64"));
    assertEquals(8, p.get("metadata.tokenizer.ggml.tokens.array_type"));
    assertEquals(7L, p.get("metadata.tokenizer.ggml.tokens.length"));
    assertEquals(List.of("<s>", "</s>", "a", "b", "c"), p.get("metadata.tokenizer.ggml.tokens.head"));
    assertEquals(6400L + 4096 + 64, p.get("parameters"));
    assertEquals(2L, p.get("tensor_types.Q4_K"));
    assertEquals(1L, p.get("tensor_types.F32"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void aStatedParameterCountWins() throws IOException {
    byte[] bytes = new GgufBytes(3, 1, 1).key("general.parameter_count", 10).u64(7_000_000_000L)
        .tensor("w", 0, 0, 10, 10).pad(32).zeros(400).build();
    Record r = parse("stated.gguf", bytes);
    assertEquals(7_000_000_000L, r.getProperties().get("parameters"));
    assertEquals(100L, r.getProperties().get("tensor_elements"));
  }

  @Test
  void readsBigEndianFiles() throws IOException {
    Record r = parse("be.gguf", model(ByteOrder.BIG_ENDIAN));
    assertEquals("big-endian", r.getProperties().get("byte_order"));
    assertEquals(4096L, r.getProperties().get("context_length"));
    assertEquals(6400L + 4096 + 64, r.getProperties().get("parameters"));
  }

  @Test
  void readsVersionOneWithThirtyTwoBitCounts() throws IOException {
    byte[] v1 = new GgufBytes(1, 1, 1).kv("general.architecture", "gptj")
        .tensor("w", 1, 0, 10, 10).pad(32).zeros(200).build();
    Record r = parse("old.gguf", v1);
    assertEquals(1L, r.getProperties().get("version"));
    assertEquals("gptj", r.getProperties().get("architecture"));
    assertEquals(100L, r.getProperties().get("parameters"));
    assertEquals(1L, r.getProperties().get("tensor_types.F16"));
  }

  @Test
  void longArraysAreSummarisedNotLoaded() throws IOException {
    GgufBytes g = new GgufBytes(3, 0, 2).key("scores", 9).u32(6).count(200_000);
    for (int i = 0; i < 200_000; i++) {
      g.f32(i);
    }
    g.key("nested", 9).u32(9).count(2).u32(4).count(2).u32(1).u32(2).u32(4).count(1).u32(3);
    Record r = parse("arrays.gguf", g.build());
    assertEquals(200_000L, r.getProperties().get("metadata.scores.length"));
    assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0), r.getProperties().get("metadata.scores.head"));
    assertEquals(List.of("[array]", "[array]"), r.getProperties().get("metadata.nested.head"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void lengthsBeyondTheFileAreWarningsNotAllocations() throws IOException {
    Record huge = parse("huge.gguf", new GgufBytes(3, 0, 1).key("x", 9).u32(8).count(Long.MAX_VALUE / 2).build());
    assertTrue(huge.getWarnings().get(0).contains("truncated"), huge.getWarnings().toString());
    Record key = parse("key.gguf", new GgufBytes(3, 0, 1).count(10L << 30).zeros(16).build());
    assertTrue(key.getWarnings().get(0).contains("claims 10737418240 bytes"), key.getWarnings().toString());
    Record kvs = parse("kvs.gguf", new GgufBytes(3, 0, -1L).build());
    assertEquals(3L, kvs.getProperties().get("version"));
    assertFalse(kvs.getWarnings().isEmpty());
    Record type = parse("type.gguf", new GgufBytes(3, 0, 1).key("x", 99).u32(0).build());
    assertTrue(type.getWarnings().get(0).contains("unknown metadata value type 99"), type.getWarnings().toString());
  }

  @Test
  void aTruncatedFileKeepsWhatWasRead() throws IOException {
    byte[] full = model(ByteOrder.LITTLE_ENDIAN);
    Record r = parse("cut.gguf", Arrays.copyOf(full, 200));
    assertEquals("llama", r.getProperties().get("metadata.general.architecture"));
    assertNull(r.getProperties().get("parameters"));
    assertTrue(r.getWarnings().get(0).contains("truncated"), r.getWarnings().toString());
    Record data = parse("nodata.gguf", Arrays.copyOf(full, full.length - 8192));
    assertEquals(6400L + 4096 + 64, data.getProperties().get("parameters"));
    assertTrue(data.getWarnings().get(0).contains("truncated file"), data.getWarnings().toString());
  }

  @Test
  void randomBytesAndEmptyFilesGiveWarnings() throws IOException {
    byte[] random = new byte[1000];
    new java.util.Random(3).nextBytes(random);
    Record r = parse("random.gguf", random);
    assertTrue(r.getWarnings().get(0).contains("not a GGUF file"), r.getWarnings().toString());
    Record empty = parse("empty.gguf", new byte[0]);
    assertTrue(empty.getWarnings().get(0).contains("empty"));
    Record magicOnly = parse("magic.gguf", "GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertFalse(magicOnly.getWarnings().isEmpty());
  }
}
