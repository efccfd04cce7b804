package io.mlindex.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.index.QuerySyntaxException;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spark.Request;
import spark.Response;

/** {@code GET /api/health} and the Prometheus {@code GET /metrics}. */
final class HealthRoutes {
  private final RecordIndex index;
  private final ServerMetrics metrics;

  HealthRoutes(RecordIndex index, ServerMetrics metrics) {
    this.index = index;
    this.metrics = metrics;
  }

  Object health(Request req, Response res) throws IOException {
    ObjectNode out = SearchServer.JSON.createObjectNode();
    out.put("status", "ok");
    try (RecordSearcher s = index.searcher()) {
      out.put("records", records(s));
      out.put("last_commit", index.lastCommit());
      var unreachable = out.putArray("unreachable_roots");
      for (String[] root : s.unreachableRoots()) {
        unreachable.add(root[0]);
      }
    }
    return SearchServer.JSON.writeValueAsString(out);
  }

  Object prometheus(Request req, Response res) throws IOException {
    res.type("text/plain; version=0.0.4; charset=utf-8");
    Map<String, ServerMetrics.Gauge> gauges = new LinkedHashMap<>();
    try (RecordSearcher s = index.searcher()) {
      gauges.put("mlindex_records", new ServerMetrics.Gauge("Records in the index.", records(s)));
      gauges.put("mlindex_index_size_bytes", new ServerMetrics.Gauge("Bytes the index occupies on disk.", index.sizeOnDisk()));
      gauges.put("mlindex_last_commit_timestamp_seconds",
          new ServerMetrics.Gauge("When the index was last committed (Unix time; 0: never).", epochSeconds(index.lastCommit())));
      gauges.put("mlindex_last_crawl_timestamp_seconds",
          new ServerMetrics.Gauge("When the newest crawl ended (Unix time; 0: none yet).", lastCrawl(s.crawls(1))));
      gauges.put("mlindex_unreachable_roots",
          new ServerMetrics.Gauge("Roots whose last crawl found them missing.", s.unreachableRoots().size()));
    }
    return metrics.render(gauges);
  }

  private static long records(RecordSearcher s) throws IOException {
    try {
      return s.count("");
    } catch (QuerySyntaxException e) {
      throw new IllegalStateException("the empty query always parses", e);
    }
  }

  private static double lastCrawl(List<String> reports) throws IOException {
    if (reports.isEmpty()) {
      return 0;
    }
    JsonNode r = SearchServer.JSON.readTree(reports.get(0));
    return epochSeconds(r.hasNonNull("end") ? r.get("end").asText() : r.path("start").asText(null));
  }

  private static double epochSeconds(String iso) {
    if (iso == null) {
      return 0;
    }
    try {
      return Instant.parse(iso).toEpochMilli() / 1000.0;
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
