package io.mlindex.conformance;

import io.mlindex.record.Metric;
import java.util.Map;

/** Comparisons shared by the checks of series-logging formats (tfevents, Lightning, Keras). */
final class Checks {
  private Checks() {}

  /** The {@code count}, {@code last_step}, {@code min} and {@code max} of every certain series metric. */
  static void seriesShape(ManifestEntry e, Map<String, Metric> actual, Tally tally) {
    e.get("metrics").fields().forEachRemaining(m -> {
      if (Expect.uncertain(m.getValue()) || !m.getValue().has("count")) {
        return;
      }
      Metric a = actual.get(m.getKey());
      long count = m.getValue().get("count").asLong();
      tally.fact(e, "metric " + m.getKey() + " count", a != null && a.steps() == count, count, a == null ? null : a.steps());
      if (m.getValue().hasNonNull("last_step")) {
        long step = m.getValue().get("last_step").asLong();
        Long got = a == null ? null : a.lastStep();
        tally.fact(e, "metric " + m.getKey() + " last_step", got != null && got == step, step, got);
      }
      for (String bound : new String[] {"min", "max"}) {
        Double expected = Expect.last(m.getValue(), bound);
        if (expected != null) {
          Double got = a == null ? null : bound.equals("min") ? a.min() : a.max();
          tally.fact(e, "metric " + m.getKey() + " " + bound, got != null && Expect.sameNumber(got, expected), expected, got);
        }
      }
    });
  }
}
