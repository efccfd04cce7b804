package io.mlindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.record.Series;
import org.junit.jupiter.api.Test;

class SeriesDownsamplerTest {
  private static Series series(int n) {
    long[] steps = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = i * 10L;
      values[i] = Math.sin(i / 50.0);
    }
    return new Series(steps, values);
  }

  @Test
  void shortSeriesAreKeptAsTheyAre() {
    Series s = series(100);
    assertSame(s, SeriesDownsampler.downsample(s, 100));
  }

  @Test
  void longSeriesKeepEndsExtremesAndOrder() {
    Series s = series(10_000);
    s.values()[7777] = 42;
    s.values()[3333] = -42;
    s.values()[5000] = Double.NaN;
    Series d = SeriesDownsampler.downsample(s, 101);
    assertTrue(d.size() <= 101 && d.size() >= 90, d.size() + " points");
    assertEquals(0, d.steps()[0]);
    assertEquals(99_990, d.steps()[d.size() - 1]);
    boolean max = false;
    boolean min = false;
    for (int i = 0; i < d.size(); i++) {
      max |= d.values()[i] == 42;
      min |= d.values()[i] == -42;
      if (i > 0) {
        assertTrue(d.steps()[i] > d.steps()[i - 1], "steps stay in order");
      }
      assertTrue(!Double.isNaN(d.values()[i]), "a NaN is never an extreme");
    }
    assertTrue(max && min);
  }

  @Test
  void anAllNaNBucketKeepsOnePoint() {
    Series s = series(1000);
    java.util.Arrays.fill(s.values(), Double.NaN);
    Series d = SeriesDownsampler.downsample(s, 20);
    assertTrue(d.size() <= 20 && d.size() > 2, d.size() + " points");
  }
}
