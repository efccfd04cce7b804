package io.mlindex.parsers.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.config.ParseLimits;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLinesParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final JsonLinesParser parser = new JsonLinesParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Record parse(Path file, ParseContext context) throws IOException {
    assertTrue(parser.supports(TestTrees.candidate(file)));
    return parser.parse(TestTrees.candidate(file), context).get(0);
  }

  @Test
  void countsRowsAndCollectsKeysOfTheFirstRows() throws IOException {
    Path f = TestTrees.write(fs.getPath("/data/train.jsonl"),
        "{\"prompt\": \"a\\nb\", \"completion\": \"c\"}\n\n{\"prompt\": \"d\", \"label\": 1}\r\n{\"prompt\": \"e\"}");
    Record r = parse(f, new ParseContext());
    assertEquals("jsonl", r.getFormat());
    assertEquals(3L, r.getProperties().get("rows"));
    assertEquals(false, r.getProperties().get("rows_estimated"));
    assertEquals(List.of("prompt", "completion", "label"), r.getProperties().get("columns"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void badLinesAreWarningsAndStillRows() throws IOException {
    Path f = TestTrees.write(fs.getPath("/data/x.ndjson"), "{\"a\": 1}\n[1, 2]\n{broken\n");
    Record r = parse(f, new ParseContext());
    assertEquals(3L, r.getProperties().get("rows"));
    assertEquals(List.of("a"), r.getProperties().get("columns"));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("line 2 is JSON but not an object")), r.getWarnings().toString());
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("line 3")), r.getWarnings().toString());
  }

  @Test
  void estimatesAboveTheReadLimit() throws IOException {
    String line = "{\"k\": \"0123456789\"}\n"; // 20 bytes
    Path f = TestTrees.write(fs.getPath("/data/big.jsonl"), line.repeat(5000));
    ParseContext c = new ParseContext();
    c.set(ParseLimits.class, new ParseLimits(10_000, 1 << 20, Duration.ofSeconds(60), 1L << 30));
    Record r = parse(f, c);
    assertEquals(5000L, r.getProperties().get("rows"));
    assertEquals(true, r.getProperties().get("rows_estimated"));
  }

  @Test
  void emptyAndBinaryFilesAreWarnings() throws IOException {
    Path empty = TestTrees.write(fs.getPath("/data/empty.jsonl"), "");
    assertTrue(parse(empty, new ParseContext()).getWarnings().get(0).contains("empty file"));
    Path junk = TestTrees.write(fs.getPath("/data/junk.jsonl"), new byte[] {1, 2, 0, 3, 4});
    assertTrue(parse(junk, new ParseContext()).getWarnings().get(0).contains("binary"));
  }
}
