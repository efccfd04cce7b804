package io.mlindex.parsers.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.parsers.models.gguf.GgufParser;
import io.mlindex.parsers.models.keras.KerasH5Parser;
import io.mlindex.parsers.models.keras.KerasZipParser;
import io.mlindex.parsers.models.onnx.OnnxParser;
import io.mlindex.parsers.models.safetensors.SafetensorsParser;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelFileRecordsTest {
  static final String POINTER = "version https://git-lfs.github.com/spec/v1\n"
      + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 132489012\n";

  @Test
  void gitLfsPointersAreRecognisedByEveryModelParser() throws IOException {
    Map<String, FileParser> parsers = Map.of("m.onnx", new OnnxParser(), "m.safetensors", new SafetensorsParser(),
        "m.gguf", new GgufParser(), "m.keras", new KerasZipParser(), "m.h5", new KerasH5Parser());
    try (FileSystem fs = TestTrees.newFileSystem()) {
      for (Map.Entry<String, FileParser> e : parsers.entrySet()) {
        Path f = TestTrees.write(fs.getPath("/lfs", e.getKey()), POINTER);
        assertTrue(e.getValue().supports(TestTrees.candidate(f)), e.getKey());
        List<Record> records = e.getValue().parse(TestTrees.candidate(f), new ParseContext());
        Record r = records.get(0);
        assertEquals("sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393", r.getProperties().get("lfs_oid"));
        assertEquals(132489012L, r.getProperties().get("lfs_size"));
        assertEquals(1, r.getWarnings().size(), e.getKey() + " " + r.getWarnings());
        assertTrue(r.getWarnings().get(0).contains("Git LFS pointer"));
      }
    }
  }

  @Test
  void elementCountsRefuseNegativeAndOverflowingShapes() {
    assertEquals(24, ModelFileRecords.elements(new long[] {2, 3, 4}));
    assertEquals(1, ModelFileRecords.elements(new long[0]));
    assertEquals(-1, ModelFileRecords.elements(new long[] {2, -1}));
    assertEquals(-1, ModelFileRecords.elements(new long[] {1L << 40, 1L << 40}));
    assertEquals(Long.MAX_VALUE, ModelFileRecords.saturatedAdd(Long.MAX_VALUE - 1, 5));
    assertEquals(7, ModelFileRecords.saturatedAdd(3, 4));
  }

  @Test
  void longTextIsCutWithAMark() {
    String s = "x".repeat(5000);
    assertEquals(ModelFileRecords.MAX_PROPERTY_CHARS + 1, ModelFileRecords.cut(s).length());
    assertEquals("short", ModelFileRecords.cut("short"));
  }
}
