package io.mlindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.record.RecordJson;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class UnitCodecTest {
  private static UnitState unit(int sources) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < sources; i++) {
      paths.add("/data/mlruns/1/0d86bd1c4e0b4b0e/metrics/metric_" + i);
    }
    return new UnitState("data\u0001mlruns", "/data/mlruns/1/0d86bd1c4e0b4b0e", "/data", true, "fp", paths, List.of("a1", "b2"), null);
  }

  @Test
  void roundTripsSmallAndLargeUnitsAndShrinksRepeatedPaths() throws IOException {
    UnitCodec codec = new UnitCodec();
    for (int n : new int[] {0, 1, 9, 5000}) {
      UnitState u = unit(n);
      BytesRef bytes = UnitCodec.encode(u);
      assertEquals(u, codec.decode(bytes));
      if (n >= 9) {
        int json = RecordJson.mapper().writeValueAsBytes(u).length;
        assertTrue(bytes.length * 3 < json, bytes.length + " bytes deflated from " + json);
      }
    }
  }

  @Test
  void corruptOrTruncatedBytesAreAnErrorThatSaysWhatToDo() throws IOException {
    BytesRef good = UnitCodec.encode(unit(9));
    BytesRef truncated = new BytesRef(good.bytes, good.offset, good.length / 2);
    IOException e = assertThrows(IOException.class, () -> new UnitCodec().decode(truncated));
    assertTrue(e.getMessage().contains("run the crawl again"), e.getMessage());
    BytesRef garbage = new BytesRef(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3});
    assertThrows(IOException.class, () -> new UnitCodec().decode(garbage));
  }
}
