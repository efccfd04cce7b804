package io.mlindex.parsers.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.parsers.models.gguf.GgufFixtures;
import io.mlindex.parsers.models.keras.KerasFixtures;
import io.mlindex.parsers.models.keras.KerasH5Parser;
import io.mlindex.parsers.models.keras.KerasZipParser;
import io.mlindex.parsers.models.onnx.OnnxFixtures;
import io.mlindex.parsers.models.onnx.OnnxParser;
import io.mlindex.parsers.models.gguf.GgufParser;
import io.mlindex.parsers.models.safetensors.SafetensorsParser;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Valid fixtures with bytes overwritten at random (seeded, so a failure reproduces): every parse
 * must end in records or an IOException, never in another exception.
 */
class DamagedModelFilesTest {
  private static final int ROUNDS = 100;

  private static void damage(String name, byte[] valid, FileParser parser, long seed) throws IOException {
    Random random = new Random(seed);
    try (FileSystem fs = TestTrees.newFileSystem()) {
      for (int round = 0; round < ROUNDS; round++) {
        byte[] bytes = valid.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
          int at = random.nextInt(bytes.length);
          bytes[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : 0xFF);
        }
        if (random.nextInt(4) == 0) {
          bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        Path f = TestTrees.write(fs.getPath("/d/" + round + "/" + name), bytes);
        try {
          List<Record> records = parser.parse(TestTrees.candidate(f), new ParseContext());
          assertEquals(1, records.size());
        } catch (IOException expected) {
          // nothing could be read: allowed
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
          fail(name + " round " + round + " (seed " + seed + "): " + e, e);
        }
      }
    }
  }

  @Test
  void safetensors() throws IOException {
    String header = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[4,3],\"data_offsets\":[0,48]}}";
    byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bytes = java.nio.ByteBuffer.allocate(8 + h.length + 48).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(h.length).put(h).array();
    damage("m.safetensors", bytes, new SafetensorsParser(), 1);
  }

  @Test
  void onnx() throws IOException {
    damage("m.onnx", OnnxFixtures.small(), new OnnxParser(), 2);
  }

  @Test
  void gguf() throws IOException {
    damage("m.gguf", GgufFixtures.small(), new GgufParser(), 3);
  }

  @Test
  void kerasH5() throws IOException {
    damage("m.h5", KerasFixtures.legacyH5(), new KerasH5Parser(), 4);
    damage("n.h5", KerasFixtures.latestH5(), new KerasH5Parser(), 5);
  }

  @Test
  void kerasZip() throws IOException {
    damage("m.keras", KerasFixtures.zip(), new KerasZipParser(), 6);
  }
}
