package io.mlindex.parsers.models.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.config.ParseLimits;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SafetensorsParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final SafetensorsParser parser = new SafetensorsParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  static byte[] safetensors(String header, int dataBytes) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
  }

  private Record parse(String name, byte[] bytes) throws IOException {
    Path f = TestTrees.write(fs.getPath("/models", name), bytes);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    List<Record> records = parser.parse(TestTrees.candidate(f), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void readsTheHeaderFacts() throws IOException {
    String header = "{\"__metadata__\":{\"format\":\"pt\",\"source\":\"unit test\"},"
        + "\"w\":{\"dtype\":\"F32\",\"shape\":[4,3],\"data_offsets\":[0,48]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[48,60]},"
        + "\"emb\":{\"dtype\":\"BF16\",\"shape\":[10,2],\"data_offsets\":[60,100]},"
        + "\"step\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[100,108]}}  ";
    Record r = parse("model.safetensors", safetensors(header, 108));
    assertEquals(RecordKind.MODEL, r.getKind());
    assertEquals("safetensors", r.getFormat());
    var p = r.getProperties();
    assertEquals(4L, p.get("tensor_count"));
    assertEquals(12L + 3 + 20 + 1, p.get("parameters"));
    assertEquals(2L, p.get("dtype_counts.F32"));
    assertEquals(1L, p.get("dtype_counts.BF16"));
    assertEquals(List.of("BF16", "F32", "I64"), p.get("dtypes"));
    assertEquals(List.of("b", "emb", "step", "w"), p.get("tensor_names_sample"));
    assertEquals(List.of("b: F32[3]", "emb: BF16[10,2]", "step: I64[]", "w: F32[4,3]"), p.get("tensor_shapes_sample"));
    assertEquals("pt", p.get("metadata.format"));
    assertEquals("unit test", p.get("metadata.source"));
    assertEquals("pytorch", p.get("framework"));
    assertEquals((long) header.length(), p.get("header_size"));
    assertEquals(108L, p.get("data_bytes_expected"));
    assertEquals(108L, p.get("data_bytes_present"));
    assertTrue(r.getHash().startsWith("sha256:"));
    assertEquals(List.of(r.getPath()), r.getSources());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void theNameSampleKeepsTheFirstTenInOrder() throws IOException {
    StringBuilder h = new StringBuilder("{");
    for (int i = 25; i >= 0; i--) {
      h.append(i == 25 ? "" : ",").append(String.format(java.util.Locale.ROOT, "\"t%02d\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}", i));
    }
    Record r = parse("m.safetensors", safetensors(h.append('}').toString(), 4));
    assertEquals(List.of("t00", "t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09"), r.getProperties().get("tensor_names_sample"));
    assertEquals(52L, r.getProperties().get("parameters"));
  }

  @Test
  void aHeaderClaimingTenGigabytesIsAWarningNotAnAllocation() throws IOException {
    byte[] bytes = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(10L << 30).array();
    Record r = parse("huge.safetensors", bytes);
    assertTrue(r.getWarnings().get(0).contains("claims 10737418240 bytes"), r.getWarnings().toString());
    assertNull(r.getProperties().get("tensor_count"));
  }

  @Test
  void aHeaderAboveTheReadLimitIsRefusedEvenWhenTheFileIsThatBig() throws IOException {
    Path f = fs.getPath("/big.safetensors");
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(2L << 20).array());
      out.write(new byte[3 << 20]);
    }
    ParseContext small = new ParseContext()
        .set(ParseLimits.class, new ParseLimits(1 << 20, 1 << 20, Duration.ofSeconds(60), 1L << 30));
    Record r = parser.parse(TestTrees.candidate(f), small).get(0);
    assertTrue(r.getWarnings().get(0).contains("more than the 1048576 a header may have"), r.getWarnings().toString());
  }

  @Test
  void truncatedTensorDataIsAWarning() throws IOException {
    String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[100],\"data_offsets\":[0,400]}}";
    Record r = parse("cut.safetensors", safetensors(header, 100));
    assertEquals(100L, r.getProperties().get("parameters"));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("truncated")), r.getWarnings().toString());
  }

  @Test
  void aBrokenHeaderKeepsWhatWasRead() throws IOException {
    String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":";
    Record r = parse("broken.safetensors", safetensors(header, 8));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("not valid JSON")), r.getWarnings().toString());
  }

  @Test
  void randomBytesAndEmptyFilesGiveWarnings() throws IOException {
    byte[] random = new byte[4096];
    new java.util.Random(42).nextBytes(random);
    Record r = parse("random.safetensors", random);
    assertFalse(r.getWarnings().isEmpty());
    Record empty = parse("empty.safetensors", new byte[0]);
    assertTrue(empty.getWarnings().get(0).contains("empty"), empty.getWarnings().toString());
    Record shortFile = parse("short.safetensors", new byte[] {1, 2, 3});
    assertTrue(shortFile.getWarnings().get(0).contains("too short"));
  }

  @Test
  void badEntriesGiveOneWarningWithACount() throws IOException {
    StringBuilder h = new StringBuilder("{\"__metadata__\":{\"nested\":{\"a\":1}}");
    for (int i = 0; i < 500; i++) {
      h.append(",\"t").append(i).append("\":{\"dtype\":{\"x\":1},\"shape\":\"?\"}");
    }
    Record r = parse("bad.safetensors", safetensors(h.append(",\"n\":5}").toString(), 0));
    assertEquals(500L, r.getProperties().get("tensor_count"));
    assertNull(r.getProperties().get("parameters"));
    assertTrue(r.getWarnings().get(0).contains("__metadata__ value 'nested' is not a string (and 501 more header problems)"),
        r.getWarnings().toString());
    assertEquals(3, r.getWarnings().size(), r.getWarnings().toString());
  }

  @Test
  void aHeaderThatIsNotAnObjectIsAWarning() throws IOException {
    Record r = parse("list.safetensors", safetensors("[1,2,3]", 0));
    assertTrue(r.getWarnings().get(0).contains("not a JSON object"), r.getWarnings().toString());
  }
}
