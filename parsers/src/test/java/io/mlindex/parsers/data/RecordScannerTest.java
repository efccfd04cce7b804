package io.mlindex.parsers.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordScannerTest {
  private static RecordScanner scanner(String text, long budget) {
    return new RecordScanner(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ',', true, 100, 10, budget, () -> { });
  }

  private static List<List<String>> all(String text) throws IOException {
    RecordScanner s = scanner(text, Long.MAX_VALUE);
    List<List<String>> out = new ArrayList<>();
    while (s.next(true)) {
      out.add(new ArrayList<>(s.fields()));
    }
    return out;
  }

  @Test
  void splitsOnEveryKindOfLineEnd() throws IOException {
    assertEquals(List.of(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"), List.of("5", "6")),
        all("a,b\r1,2\r\n3,4\n5,6"));
  }

  @Test
  void quotesHoldDelimitersLineEndsAndDoubledQuotes() throws IOException {
    assertEquals(List.of(List.of("he said \"hi\"", "x,\ny"), List.of("ab\"c", "d")),
        all("\"he said \"\"hi\"\"\",\"x,\ny\"\nab\"c,d\n"));
  }

  @Test
  void keepsFieldsWithinTheirBounds() throws IOException {
    RecordScanner s = scanner("x".repeat(500) + ",b,c,d,e,f,g,h,i,j,k,l\n", Long.MAX_VALUE);
    assertTrue(s.next(true));
    assertEquals(100, s.fields().get(0).length());
    assertTrue(s.fieldCut());
    assertEquals(10, s.fields().size());
    assertEquals(12, s.fieldCount());
    assertTrue(s.fieldsCut());
  }

  @Test
  void stopsAtTheBudgetInsideARecord() throws IOException {
    RecordScanner s = scanner("a,b\n1234567890,1234567890\n", 10);
    assertTrue(s.next(false));
    assertEquals(4, s.position());
    assertFalse(s.next(false));
    assertTrue(s.stoppedAtBudget());
  }

  @Test
  void sniffsTheDelimiter() {
    byte[] pipes = "a|b|c\n1|2,5|3\n4|5|6\n".getBytes(StandardCharsets.UTF_8);
    assertEquals('|', TextSniff.csvDelimiter(pipes, false));
    byte[] tabs = "a\tb\n\"x\ty\"\t2\n".getBytes(StandardCharsets.UTF_8);
    assertEquals('\t', TextSniff.csvDelimiter(tabs, false));
    byte[] single = "value\n1.5\n2.5\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(',', TextSniff.csvDelimiter(single, false));
  }
}
