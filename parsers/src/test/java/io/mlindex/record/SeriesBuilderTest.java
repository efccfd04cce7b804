package io.mlindex.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeriesBuilderTest {
  @Test
  void fileOrderLastAndFiniteMinMax() {
    SeriesBuilder b = new SeriesBuilder();
    b.add(0, 0.5);
    b.add(1, Double.NaN);
    b.add(2, 0.25);
    b.add(3, Double.POSITIVE_INFINITY);
    Metric m = b.build();
    assertEquals(Double.POSITIVE_INFINITY, m.last());
    assertEquals(0.25, m.min());
    assertEquals(0.5, m.max());
    assertEquals(4, m.steps());
    assertEquals(3L, m.lastStep());
  }

  @Test
  void mlflowRuleTakesGreatestStepThenTime() {
    SeriesBuilder b = new SeriesBuilder(SeriesBuilder.LastRule.MAX_STEP_THEN_TIME);
    b.add(5, 1.0, 100);
    b.add(2, 2.0, 200);
    b.add(5, 3.0, 50);
    Metric m = b.build();
    assertEquals(1.0, m.last());
    assertEquals(5L, m.lastStep());
  }

  @Test
  void onlyNonFiniteValuesHaveNoMinMax() {
    SeriesBuilder b = new SeriesBuilder();
    b.add(Double.NaN);
    Metric m = b.build();
    assertTrue(Double.isNaN(m.last()));
    assertNull(m.min());
    assertNull(m.max());
  }

  @Test
  void longSeriesAreThinnedButKeepTheLastPoint() {
    SeriesBuilder b = new SeriesBuilder();
    int n = 1_000_003;
    for (int i = 0; i < n; i++) {
      b.add(i, i);
    }
    Metric m = b.build();
    assertEquals(n, m.steps());
    Series s = m.series();
    assertTrue(s.size() <= SeriesBuilder.MAX_POINTS + 1, "kept " + s.size());
    assertTrue(s.size() > SeriesBuilder.MAX_POINTS / 4, "kept " + s.size());
    assertEquals(n - 1, s.steps()[s.size() - 1]);
    assertEquals(0, s.steps()[0]);
    for (int i = 1; i < s.size(); i++) {
      assertTrue(s.steps()[i] > s.steps()[i - 1]);
    }
  }
}
