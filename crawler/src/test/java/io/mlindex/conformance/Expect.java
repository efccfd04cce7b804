package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.record.Metric;
import java.util.List;
import java.util.Map;

/** Comparison rules shared by the format checks (see the corpus README). */
public final class Expect {
  private Expect() {}

  /** Whether an expected value is wrapped as uncertain, or is an object that says it is. */
  public static boolean uncertain(JsonNode expected) {
    return expected != null && expected.isObject() && expected.path("uncertain").asBoolean(false);
  }

  /** The value of an expected entry, unwrapping {@code {"value": V, ...}}. */
  public static JsonNode value(JsonNode expected) {
    return expected != null && expected.isObject() && expected.has("value") ? expected.get("value") : expected;
  }

  /** Whether a harvested value equals an expected one: numbers to 1e-6 relative, "nan"/"inf" strings as non-finite. */
  public static boolean same(Object actual, JsonNode expected) {
    if (expected == null || expected.isNull()) {
      return actual == null;
    }
    if (expected.isTextual()) {
      String e = expected.asText();
      if (actual instanceof Number n && isNonFinite(e)) {
        return sameNumber(n.doubleValue(), nonFinite(e));
      }
      return e.equals(actual == null ? null : String.valueOf(actual));
    }
    if (expected.isNumber()) {
      return actual instanceof Number n && sameNumber(n.doubleValue(), expected.asDouble());
    }
    if (expected.isBoolean()) {
      return actual instanceof Boolean b && b == expected.asBoolean();
    }
    if (expected.isArray()) {
      if (!(actual instanceof List<?> list) || list.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < list.size(); i++) {
        if (!same(list.get(i), expected.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isObject()) {
      return actual instanceof Map && Flatten.value(expected).equals(actual);
    }
    return false;
  }

  public static boolean sameNumber(double a, double e) {
    if (Double.isNaN(e) || Double.isNaN(a)) {
      return Double.isNaN(e) && Double.isNaN(a);
    }
    if (Double.isInfinite(e) || Double.isInfinite(a)) {
      return a == e;
    }
    return Math.abs(a - e) <= 1e-6 * Math.max(1.0, Math.abs(e));
  }

  private static boolean isNonFinite(String s) {
    return s.equals("nan") || s.equals("inf") || s.equals("-inf");
  }

  private static double nonFinite(String s) {
    return s.equals("nan") ? Double.NaN : s.equals("inf") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** The expected {@code last} of a metric entry as a double (non-finite strings allowed), or null. */
  public static Double last(JsonNode metric, String field) {
    JsonNode v = metric.path(field);
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual() && isNonFinite(v.asText())) {
      return nonFinite(v.asText());
    }
    return null;
  }

  /** Compares every certain {@code params} entry. */
  public static void params(ManifestEntry e, Map<String, Object> actual, Tally tally) {
    e.get("params").fields().forEachRemaining(p -> {
      if (uncertain(p.getValue())) {
        return;
      }
      Object a = actual.get(p.getKey());
      tally.fact(e, "param " + p.getKey(), same(a, value(p.getValue())), value(p.getValue()), a);
    });
  }

  /** Compares the {@code last} (or another field) of every certain metric. */
  public static void metricLasts(ManifestEntry e, Map<String, Metric> actual, String lastField, Tally tally) {
    e.get("metrics").fields().forEachRemaining(m -> {
      if (uncertain(m.getValue())) {
        return;
      }
      Double expected = last(m.getValue(), lastField);
      if (expected == null) {
        expected = last(m.getValue(), "last");
      }
      if (expected == null) {
        return;
      }
      Metric a = actual.get(m.getKey());
      tally.fact(e, "metric " + m.getKey(), a != null && sameNumber(a.last(), expected), expected, a == null ? null : a.last());
    });
  }
}
