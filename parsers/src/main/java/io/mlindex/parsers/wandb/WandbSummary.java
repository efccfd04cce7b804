package io.mlindex.parsers.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.SeriesBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a run's summary (final values) and history (series) into metrics. Numeric summary values
 * are metrics; W&B's own keys ({@code _step}, {@code _runtime}, {@code _timestamp}) are
 * properties; nested objects are flattened with dots, except media (objects with a {@code _type}:
 * histograms, tables, images), which are only listed. A history series replaces a summary value
 * when its last value is the same, so that the metric keeps its steps, min and max.
 */
final class WandbSummary {
  /** Most metrics taken from one summary. */
  static final int MAX_METRICS = 10_000;
  /** Most media names listed. */
  static final int MAX_MEDIA_LISTED = 100;

  private final Record r;
  private final Map<String, Metric> history = new LinkedHashMap<>();
  private final List<String> media = new ArrayList<>();
  private int mediaCount;
  private int metricCount;

  private WandbSummary(Record r, Map<String, SeriesBuilder> series) {
    this.r = r;
    series.forEach((k, b) -> {
      Metric m = b.build();
      if (m != null) {
        history.put(k, m);
      }
    });
  }

  /** Adds the metrics of a summary (may be null) and of the history series to the record. */
  static void apply(Record r, JsonNode summary, Map<String, SeriesBuilder> series) {
    WandbSummary s = new WandbSummary(r, series);
    if (summary != null) {
      s.top(summary);
    }
    s.history.forEach((k, m) -> {
      if (!r.getMetrics().containsKey(k)) {
        s.metric(k, m);
      }
    });
    if (s.mediaCount > 0) {
      r.property("summary_media", s.media);
      r.property("summary_media_count", s.mediaCount);
    }
    if (s.metricCount > MAX_METRICS) {
      r.warn("the summary holds more than " + MAX_METRICS + " numbers; only the first " + MAX_METRICS + " are metrics");
    }
  }

  private void top(JsonNode summary) {
    for (Iterator<Map.Entry<String, JsonNode>> it = summary.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("_wandb")) {
        continue;
      }
      if (key.startsWith("_")) {
        if (v.isValueNode()) {
          r.property(key, Flatten.value(v));
        }
        continue;
      }
      value(key, v, 0);
    }
  }

  private void value(String name, JsonNode v, int depth) {
    if (v.isNumber()) {
      double x = v.doubleValue();
      Metric fromHistory = history.get(name);
      metric(name, fromHistory != null && Double.compare(fromHistory.last(), x) == 0 ? fromHistory : Metric.single(x));
    } else if (v.isObject() && v.has("_type")) {
      if (mediaCount++ < MAX_MEDIA_LISTED) {
        media.add(name);
      }
    } else if (v.isObject() && depth < 32) {
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        value(name + "." + e.getKey(), e.getValue(), depth + 1);
      }
    } else if (v.isTextual() || v.isBoolean()) {
      r.property("summary." + name, Flatten.value(v));
    }
  }

  private void metric(String name, Metric m) {
    if (metricCount++ < MAX_METRICS) {
      r.metric(name, m);
    }
  }
}
