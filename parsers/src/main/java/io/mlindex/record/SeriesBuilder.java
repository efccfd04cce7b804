package io.mlindex.record;

import java.util.Arrays;

/**
 * Accumulates a metric series in constant memory, however long it is: exact count, min, max and
 * last value, and a thinned copy of the points for charts (when the buffer fills, every other point
 * is dropped and the sampling stride doubles).
 */
public final class SeriesBuilder {
  /** Most points kept for a chart. */
  public static final int MAX_POINTS = 4096;

  /** Which value counts as the last one. */
  public enum LastRule {
    /** The value logged last, in file order. */
    FILE_ORDER,
    /** MLflow's rule: the greatest (step, timestamp, value). */
    MAX_STEP_THEN_TIME
  }

  private final LastRule rule;
  private long count;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private double last = Double.NaN;
  private long lastStep;
  private long lastTime = Long.MIN_VALUE;
  private boolean hasSteps;

  private long[] steps = new long[64];
  private double[] values = new double[64];
  private int kept;
  private long stride = 1;
  private long sinceKept;
  private long tailStep;
  private double tailValue;

  public SeriesBuilder() {
    this(LastRule.FILE_ORDER);
  }

  public SeriesBuilder(LastRule rule) {
    this.rule = rule;
  }

  /** Adds a value whose step is its position in the series (0, 1, 2, ...). */
  public void add(double value) {
    add(count, value, Long.MIN_VALUE, false);
  }

  /** Adds a value logged at a step. */
  public void add(long step, double value) {
    add(step, value, Long.MIN_VALUE, true);
  }

  /** Adds a value logged at a step and a time (milliseconds, used by {@link LastRule#MAX_STEP_THEN_TIME}). */
  public void add(long step, double value, long timeMillis) {
    add(step, value, timeMillis, true);
  }

  private void add(long step, double value, long time, boolean explicitStep) {
    hasSteps |= explicitStep;
    if (Double.isFinite(value)) {
      min = Double.isNaN(min) ? value : Math.min(min, value);
      max = Double.isNaN(max) ? value : Math.max(max, value);
    }
    if (count == 0 || rule == LastRule.FILE_ORDER || isLater(step, time, value)) {
      last = value;
      lastStep = step;
      lastTime = time;
    }
    count++;
    keepPoint(step, value);
  }

  private boolean isLater(long step, long time, double value) {
    if (step != lastStep) {
      return step > lastStep;
    }
    if (time != lastTime) {
      return time > lastTime;
    }
    return Double.compare(value, last) >= 0;
  }

  private void keepPoint(long step, double value) {
    tailStep = step;
    tailValue = value;
    if (sinceKept++ % stride != 0) {
      return;
    }
    if (kept == MAX_POINTS) {
      for (int i = 0; i < kept / 2; i++) {
        steps[i] = steps[2 * i];
        values[i] = values[2 * i];
      }
      kept /= 2;
      stride *= 2;
      sinceKept = 1;
    }
    if (kept == steps.length) {
      steps = Arrays.copyOf(steps, Math.min(MAX_POINTS, kept * 2));
      values = Arrays.copyOf(values, steps.length);
    }
    steps[kept] = step;
    values[kept] = value;
    kept++;
  }

  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** The summary and its chart series; null when nothing was added. */
  public Metric build() {
    if (count == 0) {
      return null;
    }
    long[] s = Arrays.copyOf(steps, kept);
    double[] v = Arrays.copyOf(values, kept);
    if (kept > 0 && (s[kept - 1] != tailStep || Double.compare(v[kept - 1], tailValue) != 0)) {
      s = Arrays.copyOf(s, kept + 1);
      v = Arrays.copyOf(v, kept + 1);
      s[kept] = tailStep;
      v[kept] = tailValue;
    }
    return new Metric(
        last,
        Double.isNaN(min) ? null : min,
        Double.isNaN(max) ? null : max,
        count,
        hasSteps || count > 1 ? lastStep : null,
        new Series(s, v));
  }
}
