package io.mlindex.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Records side by side: every param and metric (latest value) any of them has, values in the order
 * of the records, null where one lacks it, and which of them differ. Values are compared as
 * numbers where both read as numbers ({@code "0.001"} equals {@code 1e-3}), else as text.
 */
public final class RecordComparison {
  private final List<Record> records;
  private final Map<String, List<Object>> params = new LinkedHashMap<>();
  private final Map<String, List<Double>> metrics = new LinkedHashMap<>();
  private final List<String> differingParams = new ArrayList<>();
  private final List<String> differingMetrics = new ArrayList<>();

  public RecordComparison(List<Record> records) {
    this.records = List.copyOf(records);
    TreeSet<String> paramNames = new TreeSet<>();
    TreeSet<String> metricNames = new TreeSet<>();
    for (Record r : records) {
      paramNames.addAll(r.getParams().keySet());
      metricNames.addAll(r.getMetrics().keySet());
    }
    for (String name : paramNames) {
      List<Object> values = new ArrayList<>();
      for (Record r : records) {
        values.add(r.getParams().get(name));
      }
      params.put(name, Collections.unmodifiableList(values));
      if (!allSame(values)) {
        differingParams.add(name);
      }
    }
    for (String name : metricNames) {
      List<Double> values = new ArrayList<>();
      for (Record r : records) {
        Metric m = r.getMetrics().get(name);
        values.add(m == null ? null : m.last());
      }
      metrics.put(name, Collections.unmodifiableList(values));
      if (!allSame(new ArrayList<>(values))) {
        differingMetrics.add(name);
      }
    }
  }

  public List<Record> records() {
    return records;
  }

  /** Param name to its values, one per record (null where a record lacks it), names sorted. */
  public Map<String, List<Object>> params() {
    return Collections.unmodifiableMap(params);
  }

  /** Metric name to its latest values, one per record (null where a record lacks it). */
  public Map<String, List<Double>> metrics() {
    return Collections.unmodifiableMap(metrics);
  }

  public List<String> differingParams() {
    return Collections.unmodifiableList(differingParams);
  }

  public List<String> differingMetrics() {
    return Collections.unmodifiableList(differingMetrics);
  }

  /** The answer of {@code GET /api/compare}. */
  public ObjectNode toJson() {
    ObjectNode out = SearchServer.JSON.createObjectNode();
    ArrayNode list = out.putArray("records");
    for (Record r : records) {
      ObjectNode o = list.addObject();
      o.put("id", r.getId());
      o.put("name", r.getName());
      o.put("kind", r.getKind() == null ? null : r.getKind().id());
      o.put("format", r.getFormat());
      o.put("path", r.getPath());
    }
    out.set("params", SearchServer.JSON.valueToTree(params));
    out.set("metrics", SearchServer.JSON.valueToTree(metrics));
    out.set("differing_params", SearchServer.JSON.valueToTree(differingParams));
    out.set("differing_metrics", SearchServer.JSON.valueToTree(differingMetrics));
    return out;
  }

  private static boolean allSame(List<Object> values) {
    Object first = normalised(values.get(0));
    for (Object v : values) {
      if (!Objects.equals(first, normalised(v))) {
        return false;
      }
    }
    return true;
  }

  private static Object normalised(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      Double d = Numbers.parseDouble(s);
      return d != null ? (Object) d : s;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      for (Object o : c) {
        out.add(normalised(o));
      }
      return out;
    }
    return v;
  }
}
