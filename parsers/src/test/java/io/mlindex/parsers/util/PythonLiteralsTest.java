package io.mlindex.parsers.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonLiteralsTest {
  @Test
  void numbers() {
    assertEquals(1L, PythonLiterals.parse("1"));
    assertEquals(-3L, PythonLiterals.parse("-3"));
    assertEquals(0.001, PythonLiterals.parse("1e-3"));
    assertEquals(1000L, PythonLiterals.parse("1_000"));
    assertEquals(0.5, PythonLiterals.parse(".5"));
    assertEquals(255L, PythonLiterals.parse("0xff"));
    assertEquals(2.0, PythonLiterals.parse("2.  # trailing comment"));
  }

  @Test
  void stringsAndConstants() {
    assertEquals("a b", PythonLiterals.parse("'a b'"));
    assertEquals("x\"y", PythonLiterals.parse("\"x\\\"y\""));
    assertEquals("C:\\data", PythonLiterals.parse("r'C:\\data'"));
    assertEquals("ab", PythonLiterals.parse("'a' \"b\""));
    assertEquals("multi\nline", PythonLiterals.parse("'''multi\nline'''"));
    assertEquals(Boolean.TRUE, PythonLiterals.parse("True"));
    assertNull(PythonLiterals.parse("None"));
  }

  @Test
  void containers() {
    assertEquals(List.of(1L, 2L), PythonLiterals.parse("[1, 2,]"));
    assertEquals(List.of(0.9, 0.999), PythonLiterals.parse("(0.9, 0.999)"));
    assertEquals(Map.of("lr", 0.1, "opt", "adam"), PythonLiterals.parse("{'lr': 0.1, \"opt\": 'adam'}"));
  }

  @Test
  void nonLiterals() {
    assertSame(PythonLiterals.NOT_LITERAL, PythonLiterals.parse("foo(1)"));
    assertSame(PythonLiterals.NOT_LITERAL, PythonLiterals.parse("f'{x}.csv'"));
    assertSame(PythonLiterals.NOT_LITERAL, PythonLiterals.parse("1 + 2"));
    assertSame(PythonLiterals.NOT_LITERAL, PythonLiterals.parse("'unterminated"));
    assertSame(PythonLiterals.NOT_LITERAL, PythonLiterals.parse("[" .repeat(10_000)));
  }
}
