package io.mlindex.parsers.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The numbers of a metrics file (JSON, YAML or TOML) as single-value metrics: nested names joined
 * with dots, NaN and infinities kept; texts, booleans and lists are not metrics. A file that holds
 * one bare number (legacy DVC metric files) gives a metric named after the file.
 */
final class MetricValues {
  /** Most metrics read from one file (a guard against a data dump declared as metrics). */
  static final int MAX_METRICS = 10_000;

  private MetricValues() {}

  static void into(Record r, JsonNode tree, Path file) {
    if (tree == null) {
      return;
    }
    if (tree.isNumber()) {
      r.metric(stem(file), Metric.single(tree.doubleValue()));
      return;
    }
    int[] count = {0};
    walk(r, "", tree, count);
    if (count[0] >= MAX_METRICS) {
      r.warn(file.getFileName() + ": more than " + MAX_METRICS + " numbers; only the first were read as metrics");
    }
  }

  private static void walk(Record r, String prefix, JsonNode node, int[] count) {
    if (!node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && count[0] < MAX_METRICS; ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isNumber()) {
        r.metric(name, Metric.single(v.doubleValue()));
        count[0]++;
      } else if (v.isObject()) {
        walk(r, name, v, count);
      }
    }
  }

  private static String stem(Path file) {
    String n = String.valueOf(file.getFileName());
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
