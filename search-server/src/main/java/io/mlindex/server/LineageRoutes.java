package io.mlindex.server;

import io.mlindex.index.LineageDirection;
import io.mlindex.index.LineageException;
import io.mlindex.index.LineageRequest;
import io.mlindex.index.LineageResult;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.RecordJson;
import java.io.IOException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /api/lineage?ref=&direction=&depth=&max_nodes=}: the lineage graph of a record id, a
 * path or a hash as {@code {nodes, edges, truncated}} (see API.md). 400 for a bad parameter, 404
 * when nothing matches the reference.
 */
final class LineageRoutes {
  /** Largest node limit a client may ask for. */
  static final int MAX_NODES = 100_000;

  private final RecordIndex index;

  LineageRoutes(RecordIndex index) {
    this.index = index;
  }

  void register(Service http) {
    http.get("/api/lineage", this::lineage);
  }

  private Object lineage(Request req, Response res) throws IOException {
    String ref = req.queryParams("ref");
    if (ref == null || ref.isBlank()) {
      throw new ApiError(400, "ref is required: a record id, a path or a hash (md5:..., sha256:...)");
    }
    LineageRequest request;
    try {
      request = new LineageRequest(ref, LineageDirection.parse(req.queryParams("direction")),
          Params.intParam(req, "depth", LineageRequest.UNLIMITED, 0, Integer.MAX_VALUE),
          Params.intParam(req, "max_nodes", LineageRequest.DEFAULT_MAX_NODES, 1, MAX_NODES));
    } catch (LineageException e) {
      throw new ApiError(400, e.getMessage());
    }
    try (RecordSearcher s = index.searcher()) {
      LineageResult result = s.lineage(request);
      return RecordJson.mapper().writeValueAsString(result);
    } catch (LineageException e) {
      throw new ApiError(e.reason() == LineageException.Reason.NOT_FOUND ? 404 : 400, e.getMessage());
    }
  }
}
