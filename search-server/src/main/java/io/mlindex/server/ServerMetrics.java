package io.mlindex.server;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts and latencies per route, written in the Prometheus text format (version 0.0.4).
 * Routes are the registered patterns ({@code /api/records/:id}), never raw paths, so the number of
 * series stays bounded whatever clients send.
 */
final class ServerMetrics {
  static final String UNROUTED = "unrouted";
  private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Latency> latencies = new ConcurrentHashMap<>();

  private static final class Latency {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();

    Latency() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }

  void record(String method, String route, int status, long nanos) {
    String key = labels("method", method, "route", route, "status", Integer.toString(status));
    requests.computeIfAbsent(key, k -> new LongAdder()).increment();
    Latency l = latencies.computeIfAbsent(labels("method", method, "route", route), k -> new Latency());
    double seconds = nanos / 1e9;
    l.count.increment();
    l.sum.add(seconds);
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        l.buckets[i].increment();
      }
    }
  }

  /** The request metrics followed by the given gauges (name to value, with help texts). */
  String render(Map<String, Gauge> gauges) {
    StringBuilder out = new StringBuilder();
    out.append("# HELP mlindex_http_requests_total HTTP requests answered, by method, route and status.\n");
    out.append("# TYPE mlindex_http_requests_total counter\n");
    new TreeMap<>(requests).forEach((labels, n) ->
        out.append("mlindex_http_requests_total{").append(labels).append("} ").append(n.sum()).append('\n'));
    out.append("# HELP mlindex_http_request_duration_seconds Time to answer HTTP requests, by method and route.\n");
    out.append("# TYPE mlindex_http_request_duration_seconds histogram\n");
    new TreeMap<>(latencies).forEach((labels, l) -> {
      for (int i = 0; i < BUCKETS.length; i++) {
        bucket(out, labels, number(BUCKETS[i]), l.buckets[i].sum());
      }
      bucket(out, labels, "+Inf", l.count.sum());
      out.append("mlindex_http_request_duration_seconds_sum{").append(labels).append("} ").append(number(l.sum.sum())).append('\n');
      out.append("mlindex_http_request_duration_seconds_count{").append(labels).append("} ").append(l.count.sum()).append('\n');
    });
    gauges.forEach((name, g) -> {
      out.append("# HELP ").append(name).append(' ').append(g.help()).append('\n');
      out.append("# TYPE ").append(name).append(" gauge\n");
      out.append(name).append(' ').append(number(g.value())).append('\n');
    });
    return out.toString();
  }

  record Gauge(String help, double value) {}

  private static void bucket(StringBuilder out, String labels, String le, long n) {
    out.append("mlindex_http_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
        .append(n).append('\n');
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }

  private static String labels(String... kv) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(kv[i]).append("=\"").append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    }
    return sb.toString();
  }
}
