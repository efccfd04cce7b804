package io.mlindex.record;

import java.util.Arrays;

/**
 * The points of a metric series for charts: parallel arrays of steps and values, in logged order,
 * at most {@link SeriesBuilder#MAX_POINTS} of them (longer series are thinned evenly, keeping the
 * last point).
 */
public record Series(long[] steps, double[] values) {
  public Series {
    if (steps.length != values.length) {
      throw new IllegalArgumentException("steps and values differ in length");
    }
  }

  public int size() {
    return steps.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && Arrays.equals(steps, s.steps) && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(steps) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Series[" + steps.length + " points]";
  }
}
