package io.mlindex.parsers.wandb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.util.MalformedFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelDbLogReaderTest {
  private static final long LIMIT = 1 << 20;

  private static LevelDbLogReader reader(byte[] bytes) throws IOException {
    return LevelDbLogReader.open(new ByteArrayInputStream(bytes), LIMIT, () -> { });
  }

  private static List<byte[]> all(LevelDbLogReader r) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (byte[] b = r.next(); b != null; b = r.next()) {
      out.add(b);
    }
    return out;
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] filled(int n, char c) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  @Test
  void readsWholeRecordsInOrder() throws IOException {
    byte[] log = new WandbLogWriter().record(text("one")).record(text("two")).record(new byte[0]).bytes();
    try (LevelDbLogReader r = reader(log)) {
      List<byte[]> records = all(r);
      assertEquals(3, records.size());
      assertArrayEquals(text("one"), records.get(0));
      assertArrayEquals(text("two"), records.get(1));
      assertEquals(0, records.get(2).length);
      assertEquals(List.of(), r.problems());
    }
  }

  @Test
  void joinsRecordsThatSpanBlocksAndSkipsBlockPadding() throws IOException {
    byte[] big = filled(80_000, 'x'); // FIRST + MIDDLE + LAST
    WandbLogWriter w = new WandbLogWriter().record(filled(32_768 - 7 - 7 - 3, 'a')); // leaves 3 bytes: padding
    byte[] log = w.record(text("after padding")).record(big).record(text("end")).bytes();
    try (LevelDbLogReader r = reader(log)) {
      List<byte[]> records = all(r);
      assertEquals(4, records.size());
      assertArrayEquals(text("after padding"), records.get(1));
      assertArrayEquals(big, records.get(2));
      assertArrayEquals(text("end"), records.get(3));
      assertEquals(List.of(), r.problems());
    }
  }

  @Test
  void acceptsLevelDbMaskedCrc32c() throws IOException {
    byte[] log = new WandbLogWriter(true).record(text("leveldb style")).bytes();
    try (LevelDbLogReader r = reader(log)) {
      assertArrayEquals(text("leveldb style"), r.next());
      assertEquals(List.of(), r.problems());
    }
  }

  @Test
  void aBadChecksumSkipsThatRecordAndKeepsTheOthers() throws IOException {
    byte[] log = new WandbLogWriter().record(text("first")).record(text("second")).record(text("third")).bytes();
    int secondData = 7 + 7 + 5 + 7; // file header, first chunk (5 bytes), second chunk header
    log[secondData] ^= 0x20;
    try (LevelDbLogReader r = reader(log)) {
      List<byte[]> records = all(r);
      assertEquals(2, records.size());
      assertArrayEquals(text("third"), records.get(1));
      assertTrue(r.problems().get(0).contains("1 chunk(s) with a bad checksum"), r.problems().toString());
    }
  }

  @Test
  void aTruncatedTailKeepsWhatCameBefore() throws IOException {
    byte[] whole = new WandbLogWriter().record(text("kept")).record(filled(50_000, 'z')).bytes();
    byte[] cut = Arrays.copyOf(whole, 40_000); // inside the second record's MIDDLE/LAST part
    try (LevelDbLogReader r = reader(cut)) {
      assertArrayEquals(text("kept"), r.next());
      assertNull(r.next());
      assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("truncated")), r.problems().toString());
    }
  }

  @Test
  void aTailInsideAChunkHeaderIsReportedAsTruncated() throws IOException {
    byte[] whole = new WandbLogWriter().record(text("kept")).record(text("lost")).bytes();
    try (LevelDbLogReader r = reader(Arrays.copyOf(whole, 7 + 11 + 3))) {
      assertArrayEquals(text("kept"), r.next());
      assertNull(r.next());
      assertTrue(r.problems().get(0).contains("chunk header"), r.problems().toString());
    }
  }

  @Test
  void aLengthPastTheBlockSkipsTheRestOfTheBlock() throws IOException {
    byte[] log = new WandbLogWriter().record(text("a")).bytes();
    log[7 + 4] = (byte) 0xff; // length 0x??ff > what the block holds
    log[7 + 5] = (byte) 0xff;
    try (LevelDbLogReader r = reader(log)) {
      assertNull(r.next());
      assertTrue(r.problems().get(0).contains("more bytes than their block holds"), r.problems().toString());
    }
  }

  @Test
  void aHeaderOnlyLogHasNoRecords() throws IOException {
    try (LevelDbLogReader r = reader(new WandbLogWriter().bytes())) {
      assertNull(r.next());
      assertEquals(List.of(), r.problems());
    }
  }

  @Test
  void rejectsFilesWithoutTheWandbHeader() {
    assertThrows(MalformedFileException.class, () -> reader(new byte[0]));
    assertThrows(MalformedFileException.class, () -> reader(text("{\"not\": \"a log\"}")));
    byte[] wrongMagic = new WandbLogWriter().bytes();
    wrongMagic[4] = 0;
    assertThrows(MalformedFileException.class, () -> reader(wrongMagic));
  }

  @Test
  void aRecordAboveTheLimitIsSkipped() throws IOException {
    byte[] log = new WandbLogWriter().record(filled(100_000, 'b')).record(text("small")).bytes();
    try (LevelDbLogReader r = LevelDbLogReader.open(new ByteArrayInputStream(log), 40_000, () -> { })) {
      assertArrayEquals(text("small"), r.next());
      assertTrue(r.problems().get(0).contains("larger than 40000 bytes"), r.problems().toString());
    }
  }
}
