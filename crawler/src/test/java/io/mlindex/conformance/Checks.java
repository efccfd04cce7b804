package io.mlindex.conformance;

import io.mlindex.record.Metric;
import java.util.Map;

/** Comparisons shared by the checks of series-logging formats (tfevents, Lightning, Keras). */
final class Checks {
  private Checks() {}

  /** The {@code count} and {@code last_step} of every certain series metric. */
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
    });
  }
}
