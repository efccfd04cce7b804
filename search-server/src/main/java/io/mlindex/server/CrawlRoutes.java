package io.mlindex.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import spark.Request;
import spark.Response;

/** {@code GET /api/crawls} (history, unreachable roots) and {@code POST /api/crawls} (start one). */
final class CrawlRoutes {
  private final RecordIndex index;
  private final CrawlTrigger crawls;
  private final ConfiguredRoots roots;
  private final RequestGuard guard;

  CrawlRoutes(RecordIndex index, CrawlTrigger crawls, ConfiguredRoots roots, RequestGuard guard) {
    this.index = index;
    this.crawls = crawls;
    this.roots = roots;
    this.guard = guard;
  }

  Object list(Request req, Response res) throws IOException {
    int limit = Params.intParam(req, "limit", 20, 1, 1000);
    try (RecordSearcher s = index.searcher()) {
      ObjectNode out = SearchServer.JSON.createObjectNode();
      ArrayNode list = out.putArray("crawls");
      for (String json : s.crawls(limit)) {
        list.add(SearchServer.JSON.readTree(json));
      }
      ArrayNode unreachable = out.putArray("unreachable_roots");
      for (String[] root : s.unreachableRoots()) {
        unreachable.addObject().put("root", root[0]).put("since", root[1]);
      }
      return SearchServer.JSON.writeValueAsString(out);
    }
  }

  Object trigger(Request req, Response res) throws IOException {
    guard.requireToken(req, res);
    if (crawls == null) {
      throw new ApiError(503, "this server does not crawl");
    }
    String[] given = req.queryParamsValues("root");
    List<String> named = new ArrayList<>();
    if (given != null) {
      if (given.length > 100) {
        throw new ApiError(400, "name at most 100 roots");
      }
      for (String root : given) {
        named.add(roots.requireRoot(root));
      }
    }
    List<String> started;
    try {
      started = crawls.trigger(named);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    res.status(202);
    ObjectNode out = SearchServer.JSON.createObjectNode();
    out.set("started", SearchServer.JSON.valueToTree(started));
    return SearchServer.JSON.writeValueAsString(out);
  }
}
