package io.mlindex.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import io.mlindex.record.Series;
import java.io.IOException;
import spark.Request;
import spark.Response;

/** One record: {@code /api/records/:id}, its metric series for charts, and its history. */
final class RecordRoutes {
  static final int DEFAULT_POINTS = 2000;
  static final int MAX_POINTS = 100_000;
  static final int MAX_METRIC_CHARS = 1000;

  private final RecordIndex index;

  RecordRoutes(RecordIndex index) {
    this.index = index;
  }

  Object record(Request req, Response res) throws IOException {
    String id = Params.recordId(req.params("id"));
    try (RecordSearcher s = index.searcher()) {
      return RecordJson.toJson(find(s, id));
    }
  }

  Object series(Request req, Response res) throws IOException {
    String id = Params.recordId(req.params("id"));
    String metric = Params.text(req, "metric", MAX_METRIC_CHARS);
    if (metric == null || metric.isEmpty()) {
      throw new ApiError(400, "metric is required: /api/records/" + id + "/series?metric=<name>");
    }
    int points = Params.intParam(req, "points", DEFAULT_POINTS, 10, MAX_POINTS);
    try (RecordSearcher s = index.searcher()) {
      Record r = find(s, id);
      if (!r.getMetrics().containsKey(metric)) {
        throw new ApiError(404, "record " + id + " has no metric '" + Params.shorten(metric) + "'; it has "
            + Params.shorten(String.join(", ", r.getMetrics().keySet())));
      }
      Series full = s.series(id, metric).orElseThrow(() -> new ApiError(404,
          "metric '" + Params.shorten(metric) + "' of record " + id + " is a single value, not a series"));
      Series shown = SeriesDownsampler.downsample(full, points);
      ObjectNode out = SearchServer.JSON.createObjectNode();
      out.put("metric", metric);
      ArrayNode steps = out.putArray("steps");
      for (long step : shown.steps()) {
        steps.add(step);
      }
      ArrayNode values = out.putArray("values");
      for (double v : shown.values()) {
        if (Double.isFinite(v)) {
          values.add(v);
        } else {
          values.addNull(); // charts draw a gap; the record's metric summary keeps NaN and infinities
        }
      }
      out.put("downsampled", shown.size() < full.size());
      return SearchServer.JSON.writeValueAsString(out);
    }
  }

  Object history(Request req, Response res) throws IOException {
    String id = Params.recordId(req.params("id"));
    try (RecordSearcher s = index.searcher()) {
      Record r = find(s, id);
      ObjectNode out = SearchServer.JSON.createObjectNode();
      out.set("current", SearchServer.JSON.valueToTree(r));
      out.set("versions", SearchServer.JSON.valueToTree(s.history(id)));
      return SearchServer.JSON.writeValueAsString(out);
    }
  }

  static Record find(RecordSearcher s, String id) throws IOException {
    return s.get(id).orElseThrow(() -> new ApiError(404, "no record has the id " + id));
  }
}
