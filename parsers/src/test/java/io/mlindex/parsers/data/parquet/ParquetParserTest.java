package io.mlindex.parsers.data.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParquetParserTest {
  private static final int I32 = ThriftCompactReader.I32;
  private static final int STRUCT = ThriftCompactReader.STRUCT;

  private final FileSystem fs = TestTrees.newFileSystem();
  private final ParquetParser parser = new ParquetParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  /** A FileMetaData as pyarrow writes it, with a nested column and an unknown field. */
  static byte[] footer() {
    ThriftCompactWriter w = new ThriftCompactWriter();
    w.i32(1, 2);
    w.list(2, STRUCT, 6);
    w.begin().string(4, "schema").i32(5, 3).end();
    w.begin().i32(1, 2).i32(3, 0).string(4, "id").end();
    w.begin().i32(1, 6).i32(3, 1).string(4, "name").i32(6, 0).struct(10).struct(1).end().end().end();
    w.begin().i32(3, 1).string(4, "point").i32(5, 2).end();
    w.begin().i32(1, 5).i32(3, 0).string(4, "x").end();
    w.begin().i32(1, 5).i32(3, 0).string(4, "y").end();
    w.i64(3, 1234);
    w.list(4, STRUCT, 2);
    for (int i = 0; i < 2; i++) {
      w.begin().list(1, STRUCT, 0).i64(2, 4096).i64(3, 617).end();
    }
    w.list(5, STRUCT, 2);
    w.begin().string(1, "pandas").string(2, "{\"index_columns\": []}").end();
    w.begin().string(1, "ARROW:schema").string(2, "/////").end();
    w.string(6, "parquet-cpp-arrow version 15.0.0");
    w.list(7, STRUCT, 1).begin().struct(1).end().end();
    w.field(99, ThriftCompactReader.BOOLEAN_TRUE);
    w.end();
    return w.bytes();
  }

  /** PAR1, a fake column chunk, the footer, its length, PAR1. */
  static byte[] file(byte[] footer, int declaredLength, String tailMagic) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[100]);
    out.writeBytes(footer);
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(declaredLength).array());
    out.writeBytes(tailMagic.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private Record parse(String name, byte[] bytes) throws IOException {
    Path f = TestTrees.write(fs.getPath("/data/" + name), bytes);
    assertTrue(parser.supports(TestTrees.candidate(f)));
    List<Record> records = parser.parse(TestTrees.candidate(f), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void readsTheFooter() throws IOException {
    byte[] footer = footer();
    Record r = parse("train.parquet", file(footer, footer.length, "PAR1"));
    assertEquals(RecordKind.DATASET, r.getKind());
    assertEquals("parquet", r.getFormat());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
    assertEquals(2, r.getProperties().get("parquet_version"));
    assertEquals(1234L, r.getProperties().get("rows"));
    assertEquals(2, r.getProperties().get("row_groups"));
    assertEquals("parquet-cpp-arrow version 15.0.0", r.getProperties().get("created_by"));
    assertEquals(List.of("id", "name", "point.x", "point.y"), r.getProperties().get("columns"));
    assertEquals(4, r.getProperties().get("column_count"));
    assertEquals(
        List.of("id: INT64", "name: BYTE_ARRAY (STRING)", "point.x: DOUBLE", "point.y: DOUBLE"),
        r.getProperties().get("schema"));
    assertEquals(List.of("pandas", "ARROW:schema"), r.getProperties().get("metadata_keys"));
    assertEquals(true, r.getProperties().get("pandas_metadata"));
    assertTrue(r.getHash().startsWith("sha256:"));
  }

  @Test
  void aWrongTailMagicIsAWarning() throws IOException {
    byte[] footer = footer();
    Record r = parse("bad-magic.parquet", file(footer, footer.length, "PAR2"));
    assertTrue(r.getWarnings().get(0).contains("does not end with PAR1"), r.getWarnings().toString());
    assertNull(r.getProperties().get("rows"));
  }

  @Test
  void aFooterLengthBeyondTheFileIsAWarning() throws IOException {
    byte[] footer = footer();
    Record r = parse("bad-length.parquet", file(footer, Integer.MAX_VALUE, "PAR1"));
    assertTrue(r.getWarnings().get(0).contains("does not fit"), r.getWarnings().toString());
    Record negative = parse("negative-length.parquet", file(footer, -5, "PAR1"));
    assertTrue(negative.getWarnings().get(0).contains("does not fit"), negative.getWarnings().toString());
  }

  @Test
  void aTruncatedFooterKeepsWhatWasReadBeforeTheDamage() throws IOException {
    byte[] footer = footer();
    byte[] cut = Arrays.copyOf(footer, footer.length / 2);
    Record r = parse("cut.parquet", file(cut, cut.length, "PAR1"));
    assertTrue(r.getWarnings().get(0).contains("corrupt Parquet footer"), r.getWarnings().toString());
    assertEquals(2, r.getProperties().get("parquet_version"));
  }

  @Test
  void garbageFootersEndInWarningsNotErrors() throws IOException {
    byte[] huge = {(byte) 0x19, (byte) 0xFC, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}; // list of 4G structs
    Record r = parse("huge-list.parquet", file(huge, huge.length, "PAR1"));
    assertTrue(r.getWarnings().get(0).contains("cannot fit"), r.getWarnings().toString());

    ThriftCompactWriter nested = new ThriftCompactWriter().field(1, ThriftCompactReader.LIST);
    for (int i = 0; i < 100_000; i++) {
      nested.listHeader(ThriftCompactReader.LIST, 1);
    }
    byte[] deep = nested.bytes();
    Record d = parse("deep.parquet", file(deep, deep.length, "PAR1"));
    assertTrue(d.getWarnings().get(0).contains("nested deeper"), d.getWarnings().toString());
  }

  @Test
  void tinyAndEncryptedFilesAreWarnings() throws IOException {
    Record tiny = parse("tiny.parquet", "PAR1".getBytes(StandardCharsets.US_ASCII));
    assertTrue(tiny.getWarnings().get(0).contains("too small"), tiny.getWarnings().toString());
    byte[] footer = footer();
    Record enc = parse("enc.parquet", file(footer, footer.length, "PARE"));
    assertTrue(enc.getWarnings().get(0).contains("encrypted"), enc.getWarnings().toString());
    Record empty = parse("empty.parquet", new byte[0]);
    assertTrue(empty.getWarnings().get(0).contains("too small"), empty.getWarnings().toString());
  }
}
