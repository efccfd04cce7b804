package io.mlindex.parsers.sacred;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.StepOrder;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.SeriesBuilder;
import java.util.Iterator;
import java.util.Map;

/**
 * Sacred's {@code metrics.json}: {@code {name: {steps: [...], values: [...], timestamps: [...]}}},
 * appended to as the run logs. Values keep NaN and infinities; a missing or short {@code steps}
 * list falls back to positions; non-numbers are skipped with a warning.
 */
final class SacredMetrics {
  private SacredMetrics() {}

  static void into(Record r, JsonNode metrics, ParseContext context) {
    if (!metrics.isObject()) {
      r.warn("metrics.json: the top level is not an object; no metric was read");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
      context.checkDeadline();
      Map.Entry<String, JsonNode> e = it.next();
      read(r, e.getKey(), e.getValue());
    }
  }

  private static void read(Record r, String name, JsonNode entry) {
    JsonNode values = entry.path("values");
    if (!values.isArray()) {
      r.warn("metrics.json: '" + name + "' has no list of values");
      return;
    }
    JsonNode steps = entry.path("steps");
    boolean useSteps = steps.isArray() && steps.size() == values.size();
    if (steps.isArray() && !useSteps) {
      r.warn("metrics.json: '" + name + "' has " + steps.size() + " steps for " + values.size()
          + " values; positions were used as steps");
    }
    SeriesBuilder series = new SeriesBuilder();
    StepOrder order = new StepOrder();
    int skipped = 0;
    for (int i = 0; i < values.size(); i++) {
      Double v = Flatten.number(values.get(i));
      JsonNode s = useSteps ? steps.get(i) : null;
      long step = s != null && s.canConvertToLong() && s.isNumber() ? s.asLong() : i;
      if (v == null) {
        skipped++;
        continue;
      }
      order.see(step);
      series.add(step, v);
    }
    if (skipped > 0) {
      r.warn("metrics.json: '" + name + "' has " + skipped + " value(s) that are not numbers; they were skipped");
    }
    String w = order.warning("metrics.json: '" + name + "'");
    if (w != null) {
      r.warn(w);
    }
    Metric m = series.build();
    if (m != null) {
      r.metric(name, m);
    }
  }
}
