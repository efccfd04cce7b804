package io.mlindex.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.config.ServerSettings;
import io.mlindex.index.QuerySyntaxException;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.index.SearchRequest;
import io.mlindex.index.SearchResult;
import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The HTTP server: a JSON API over the index and the web UI. Uses SparkJava's instance API only
 * ({@link Service#ignite()}); everything Spark-specific stays in this package so that a move to
 * another engine is one module's change.
 */
public final class SearchServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchServer.class);
  static final ObjectMapper JSON = RecordJson.mapper();

  private final RecordIndex index;
  private final ServerSettings settings;
  private final CrawlTrigger crawls;
  private final Service http;

  public SearchServer(RecordIndex index, ServerSettings settings, CrawlTrigger crawls) {
    this.index = index;
    this.settings = settings;
    this.crawls = crawls;
    this.http = Service.ignite();
  }

  /** Starts listening; returns once the server answers, or throws if it cannot start. */
  public SearchServer start() throws IOException {
    CompletableFuture<Exception> startFailure = new CompletableFuture<>();
    http.initExceptionHandler(startFailure::complete); // Spark's default would System.exit(100)
    http.ipAddress(settings.bind());
    http.port(settings.port());
    http.threadPool(16, 2, 30_000);
    routes();
    http.init();
    http.awaitInitialization();
    if (startFailure.isDone()) {
      Exception e = startFailure.join();
      http.stop();
      throw new IOException("cannot listen on " + settings.bind() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return http.port();
  }

  private void routes() {
    http.before((req, res) -> res.type("application/json; charset=utf-8"));
    http.get("/api/health", this::health);
    http.get("/api/search", this::search);
    http.get("/api/records/:id", this::record);
    http.get("/api/records/:id/history", this::history);
    http.get("/api/crawls", this::crawls);
    http.post("/api/crawls", this::triggerCrawl);
    new LineageRoutes(index).register(http);
    http.notFound((req, res) -> error(res, 404, "no such endpoint: " + req.requestMethod() + " " + req.pathInfo(), 0));
    http.internalServerError((req, res) -> error(res, 500, "internal error; see the server log", 0));
    http.exception(ApiError.class, (e, req, res) -> res.body(error(res, e.status, e.getMessage(), e.position)));
    http.exception(QuerySyntaxException.class, (e, req, res) -> res.body(error(res, 400, e.getMessage(), e.position())));
    http.exception(Exception.class, (e, req, res) -> {
      LOG.error("Request {} {} failed", req.requestMethod(), req.pathInfo(), e);
      res.body(error(res, 500, "internal error; see the server log", 0));
    });
  }

  private Object health(Request req, Response res) throws IOException {
    ObjectNode out = JSON.createObjectNode();
    out.put("status", "ok");
    try (RecordSearcher s = index.searcher()) {
      out.put("records", s.count(""));
    } catch (QuerySyntaxException e) {
      throw new IllegalStateException(e);
    }
    out.put("last_commit", index.lastCommit());
    return JSON.writeValueAsString(out);
  }

  private Object search(Request req, Response res) throws Exception {
    SearchRequest request =
        new SearchRequest(
            Optional.ofNullable(req.queryParams("q")).orElse(""),
            req.queryParams("sort"),
            intParam(req, "limit", 20, 0, RecordSearcher.MAX_WINDOW),
            intParam(req, "offset", 0, 0, RecordSearcher.MAX_WINDOW),
            List.of(),
            false);
    try (RecordSearcher s = index.searcher()) {
      SearchResult result = s.search(request);
      ObjectNode out = JSON.createObjectNode();
      out.put("total", result.total());
      out.set("hits", JSON.valueToTree(result.hits()));
      return JSON.writeValueAsString(out);
    }
  }

  private Object record(Request req, Response res) throws IOException {
    String id = checkedId(req);
    try (RecordSearcher s = index.searcher()) {
      Record r = s.get(id).orElseThrow(() -> new ApiError(404, "no record has the id " + id));
      return RecordJson.toJson(r);
    }
  }

  private Object history(Request req, Response res) throws IOException {
    String id = checkedId(req);
    try (RecordSearcher s = index.searcher()) {
      Record r = s.get(id).orElseThrow(() -> new ApiError(404, "no record has the id " + id));
      ObjectNode out = JSON.createObjectNode();
      out.set("current", JSON.valueToTree(r));
      out.set("versions", JSON.valueToTree(s.history(id)));
      return JSON.writeValueAsString(out);
    }
  }

  private Object crawls(Request req, Response res) throws IOException {
    int limit = intParam(req, "limit", 20, 1, 1000);
    try (RecordSearcher s = index.searcher()) {
      ObjectNode out = JSON.createObjectNode();
      var list = out.putArray("crawls");
      for (String json : s.crawls(limit)) {
        list.add(JSON.readTree(json));
      }
      var unreachable = out.putArray("unreachable_roots");
      for (String[] root : s.unreachableRoots()) {
        unreachable.addObject().put("root", root[0]).put("since", root[1]);
      }
      return JSON.writeValueAsString(out);
    }
  }

  private static String checkedId(Request req) {
    String id = req.params("id");
    if (id == null || !id.matches("[0-9a-f]{16}")) {
      throw new ApiError(400, "'" + id + "' is not a record id (16 lowercase hex characters)");
    }
    return id;
  }

  private Object triggerCrawl(Request req, Response res) throws IOException {
    if (crawls == null) {
      throw new ApiError(503, "this server does not crawl");
    }
    List<String> started;
    try {
      started = crawls.trigger(req.queryParamsValues("root") == null ? List.of() : List.of(req.queryParamsValues("root")));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    res.status(202);
    ObjectNode out = JSON.createObjectNode();
    out.set("started", JSON.valueToTree(started));
    return JSON.writeValueAsString(out);
  }

  static int intParam(Request req, String name, int fallback, int min, int max) {
    String v = req.queryParams(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min || i > max) {
        throw new ApiError(400, name + " must be between " + min + " and " + max + ", not " + i);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ApiError(400, name + " must be a whole number, not '" + v + "'");
    }
  }

  static String error(Response res, int status, String message, int position) {
    res.status(status);
    res.type("application/json; charset=utf-8");
    ObjectNode out = JSON.createObjectNode();
    out.put("error", message);
    out.put("status", status);
    if (position > 0) {
      out.put("position", position);
    }
    try {
      return JSON.writeValueAsString(out);
    } catch (IOException e) {
      return "{\"error\":\"internal error\"}";
    }
  }

  @Override
  public void close() {
    http.stop();
    http.awaitStop();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "http://%s:%d/", settings.bind(), port());
  }

}
