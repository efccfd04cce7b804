package io.mlindex.parsers.data;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CsvParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final CsvParser parser = new CsvParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Record parse(Path file, ParseContext context) throws IOException {
    assertTrue(parser.supports(TestTrees.candidate(file)));
    List<Record> records = parser.parse(TestTrees.candidate(file), context);
    assertEquals(1, records.size());
    return records.get(0);
  }

  private static ParseContext withReadLimit(long maxReadBytes) {
    ParseContext c = new ParseContext();
    c.set(ParseLimits.class, new ParseLimits(maxReadBytes, 1 << 20, Duration.ofSeconds(60), 1L << 30));
    return c;
  }

  @Test
  void readsHeaderRowsAndQuotedNewlines() throws IOException {
    Path f = TestTrees.write(fs.getPath("/data/train.csv"),
        "id,text,label\r\n1,\"hello, world\",0\r\n2,\"two\nlines \"\"quoted\"\"\",1\r\n\r\n3,plain,0\r\n");
    Record r = parse(f, new ParseContext());
    assertEquals(RecordKind.DATASET, r.getKind());
    assertEquals("csv", r.getFormat());
    assertEquals("/data/train.csv", r.getPath());
    assertEquals(List.of("id", "text", "label"), r.getProperties().get("columns"));
    assertEquals(3, r.getProperties().get("column_count"));
    assertEquals(3L, r.getProperties().get("rows"));
    assertEquals(false, r.getProperties().get("rows_estimated"));
    assertEquals(",", r.getProperties().get("delimiter"));
    assertEquals(Files.size(f), r.getSize());
    assertTrue(r.getHash().startsWith("sha256:"), r.getHash());
    assertEquals(List.of("/data/train.csv"), r.getSources());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void detectsSemicolonsAndKeepsQuotedDelimiters() throws IOException {
    Path f = TestTrees.write(fs.getPath("/data/eu.csv"),
        "\uFEFFname;price;note\n\"a;b\";1,5;x\nc;2,0;\"y;z\"\n");
    Record r = parse(f, new ParseContext());
    assertEquals(";", r.getProperties().get("delimiter"));
    assertEquals(List.of("name", "price", "note"), r.getProperties().get("columns"));
    assertEquals(2L, r.getProperties().get("rows"));
  }

  @Test
  void aFirstLineOfNumbersIsDataNotAHeader() throws IOException {
    Path f = TestTrees.write(fs.getPath("/data/matrix.csv"), "0.1,0.2,3\n4,5,6\n");
    Record r = parse(f, new ParseContext());
    assertEquals(false, r.getProperties().get("header"));
    assertNull(r.getProperties().get("columns"));
    assertEquals(3, r.getProperties().get("column_count"));
    assertEquals(2L, r.getProperties().get("rows"));
  }

  @Test
  void estimatesRowsAboveTheReadLimit() throws IOException {
    StringBuilder sb = new StringBuilder("a,b\n");
    for (int i = 0; i < 10_000; i++) {
      sb.append(10_000 + i).append(",xyz\n"); // 10 bytes per row
    }
    Path f = TestTrees.write(fs.getPath("/data/big.csv"), sb.toString());
    Record r = parse(f, withReadLimit(9_000));
    assertEquals(true, r.getProperties().get("rows_estimated"));
    long rows = (Long) r.getProperties().get("rows");
    assertTrue(Math.abs(rows - 10_000) < 50, "estimated " + rows);
    assertEquals(List.of("a", "b"), r.getProperties().get("columns"));
  }

  @Test
  void aHugeSingleLineIsScannedNotHeld() throws IOException {
    Path f = fs.getPath("/data/oneline.csv");
    Files.createDirectories(f.getParent());
    byte[] chunk = "abcdefgh,".repeat(1024).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(f)) {
      for (int i = 0; i < 400; i++) { // ~3.7 MB, no line end
        out.write(chunk);
      }
    }
    Record r = parse(f, withReadLimit(64 << 10));
    assertNull(r.getProperties().get("rows"));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("no complete line")), r.getWarnings().toString());
    assertEquals(Files.size(f), r.getSize());
  }

  @Test
  void aHugeLineUnderTheLimitIsCountedWithBoundedFields() throws IOException {
    String wide = "x".repeat(50_000);
    Path f = TestTrees.write(fs.getPath("/data/wide.csv"), "name," + wide + "\nfoo,1\nbar,2\n");
    Record r = parse(f, new ParseContext());
    assertEquals(2L, r.getProperties().get("rows"));
    @SuppressWarnings("unchecked")
    List<String> columns = (List<String>) r.getProperties().get("columns");
    assertEquals(DelimitedTable.MAX_NAME_BYTES, columns.get(1).length());
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("was cut")), r.getWarnings().toString());
  }

  @Test
  void anEmptyFileIsADatasetWithAWarning() throws IOException {
    Path f = TestTrees.write(fs.getPath("/data/empty.csv"), "");
    Record r = parse(f, new ParseContext());
    assertEquals(0L, r.getProperties().get("rows"));
    assertTrue(r.getWarnings().get(0).contains("empty file"));
  }

  @Test
  void binaryJunkIsNotReadAsText() throws IOException {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    junk[10] = 0;
    Path f = TestTrees.write(fs.getPath("/data/junk.csv"), junk);
    Record r = parse(f, new ParseContext());
    assertNull(r.getProperties().get("columns"));
    assertNull(r.getProperties().get("rows"));
    assertTrue(r.getWarnings().get(0).contains("binary content"), r.getWarnings().toString());
    assertTrue(r.getHash().startsWith("sha256:"));
  }

  @Test
  void anUnterminatedQuoteIsAWarning() throws IOException {
    Path f = TestTrees.write(fs.getPath("/data/cut.csv"), "a,b\n1,\"open\n2,3\n");
    Record r = parse(f, new ParseContext());
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("quoted field")), r.getWarnings().toString());
  }

  @Test
  void leavesCheckpointCopiesAndOtherExtensionsAlone() {
    Path copy = TestTrees.write(fs.getPath("/nb/.ipynb_checkpoints/x-checkpoint.csv"), "a\n1\n");
    Path txt = TestTrees.write(fs.getPath("/nb/x.txt"), "a,b\n1,2\n");
    assertFalse(parser.supports(TestTrees.candidate(copy)));
    assertFalse(parser.supports(TestTrees.candidate(txt)));
    assertTrue(parser.priority() < 0);
  }

  @Test
  void tsvFilesUseTabs() throws IOException {
    Path f = TestTrees.write(fs.getPath("/data/scores.tsv"), "step\tacc, top-1\n1\t0.5\n2\t0.7\n");
    TsvParser tsv = new TsvParser();
    assertTrue(tsv.supports(TestTrees.candidate(f)));
    Record r = tsv.parse(TestTrees.candidate(f), new ParseContext()).get(0);
    assertEquals("tsv", r.getFormat());
    assertEquals("tab", r.getProperties().get("delimiter"));
    assertEquals(List.of("step", "acc, top-1"), r.getProperties().get("columns"));
    assertEquals(2L, r.getProperties().get("rows"));
  }
}
