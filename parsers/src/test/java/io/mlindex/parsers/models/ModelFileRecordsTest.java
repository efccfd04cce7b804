package io.mlindex.parsers.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.TestTrees;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFileRecordsTest {
  @Test
  void gitLfsPointersGoToTheLfsParserNotToTheModelParsers() throws IOException {
    String pointer = "version https://git-lfs.github.com/spec/v1\n"
        + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 132489012\n";
    ParserRegistry registry = ParserRegistry.loadDefault();
    try (FileSystem fs = TestTrees.newFileSystem()) {
      for (String name : List.of("m.onnx", "m.safetensors", "m.gguf", "m.keras", "m.h5")) {
        Path f = TestTrees.write(fs.getPath("/lfs", name), pointer);
        assertEquals("git-lfs-pointer", registry.fileParserFor(TestTrees.candidate(f)).name(), name);
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
