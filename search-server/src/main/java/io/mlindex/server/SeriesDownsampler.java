package io.mlindex.server;

import io.mlindex.record.Series;

/**
 * Thins a metric series for a chart without losing its shape: the first and last points are kept,
 * and the rest is cut into buckets of which each keeps its smallest and largest value, in step
 * order. So every spike and the global extremes survive, and the result has at most {@code
 * maxPoints} points.
 */
final class SeriesDownsampler {
  private SeriesDownsampler() {}

  static Series downsample(Series s, int maxPoints) {
    int n = s.size();
    if (n <= maxPoints || maxPoints < 4) {
      return s;
    }
    int buckets = (maxPoints - 2) / 2;
    int inner = n - 2;
    int[] keep = new int[2 + 2 * buckets];
    int kept = 0;
    keep[kept++] = 0;
    double[] v = s.values();
    for (int b = 0; b < buckets; b++) {
      int from = 1 + (int) ((long) inner * b / buckets);
      int to = 1 + (int) ((long) inner * (b + 1) / buckets);
      if (from >= to) {
        continue;
      }
      int min = from;
      int max = from;
      for (int i = from; i < to; i++) {
        if (better(v[i], v[min], true)) {
          min = i;
        }
        if (better(v[i], v[max], false)) {
          max = i;
        }
      }
      keep[kept++] = Math.min(min, max);
      if (max != min) {
        keep[kept++] = Math.max(min, max);
      }
    }
    keep[kept++] = n - 1;
    long[] steps = new long[kept];
    double[] values = new double[kept];
    for (int i = 0; i < kept; i++) {
      steps[i] = s.steps()[keep[i]];
      values[i] = v[keep[i]];
    }
    return new Series(steps, values);
  }

  /** Whether {@code candidate} is a new minimum (or maximum); NaN never is, but replaces a NaN. */
  private static boolean better(double candidate, double current, boolean lower) {
    if (Double.isNaN(candidate)) {
      return false;
    }
    if (Double.isNaN(current)) {
      return true;
    }
    return lower ? candidate < current : candidate > current;
  }
}
