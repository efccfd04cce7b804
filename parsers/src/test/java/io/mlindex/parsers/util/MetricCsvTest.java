package io.mlindex.parsers.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricCsvTest {
  private final FileSystem fs = TestTrees.newFileSystem();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  @Test
  void splitsQuotedCells() {
    assertEquals(List.of("a", "b,c", "say \"hi\"", ""), MetricCsv.split("a,\"b,c\",\"say \"\"hi\"\"\",", ','));
    assertEquals(List.of("x", "y"), MetricCsv.split("x\ty", '\t'));
  }

  @Test
  void tsvWithCrLfAndBom() throws IOException {
    Path f = TestTrees.write(fs.getPath("/t.tsv"), "\uFEFFstep\tacc\r\n0\t0.5\r\n1\t0.75\r\n");
    MetricCsv.Table t = MetricCsv.read(f, "step", Set.of(), '\t', new ParseContext());
    assertEquals(List.of("step", "acc"), t.columns);
    assertEquals(0.75, t.series.get("acc").build().last(), 0);
    assertEquals(1L, t.series.get("acc").build().lastStep());
    assertEquals(1.0, t.indexMax.get("step"), 0);
  }

  @Test
  void emptyFileIsAWarning() throws IOException {
    Path f = TestTrees.write(fs.getPath("/e.csv"), "\n\n");
    MetricCsv.Table t = MetricCsv.read(f, "step", Set.of(), ',', new ParseContext());
    assertEquals(List.of("e.csv is empty"), t.warnings);
    assertEquals(0, t.rows);
  }

  @Test
  void missingStepCellKeepsThePreviousStep() throws IOException {
    Path f = TestTrees.write(fs.getPath("/m.csv"), "step,loss\n5,1\n,2\n");
    MetricCsv.Table t = MetricCsv.read(f, "step", Set.of(), ',', new ParseContext());
    assertEquals(5L, t.series.get("loss").build().lastStep());
  }

  @Test
  void longLinesAreCut() throws IOException {
    BoundedLineReader in = new BoundedLineReader(new StringReader("abcdef\nxy\r\nend"), 3);
    assertEquals("abc", in.readLine());
    assertTrue(in.lastLineWasCut());
    assertEquals("xy", in.readLine());
    assertEquals("end", in.readLine());
    assertEquals(3, in.lineNumber());
    assertNull(in.readLine());
  }
}
