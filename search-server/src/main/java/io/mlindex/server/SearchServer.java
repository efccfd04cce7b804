package io.mlindex.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.config.ServerSettings;
import io.mlindex.index.QuerySyntaxException;
import io.mlindex.index.RecordIndex;
import io.mlindex.record.RecordJson;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.lucene.search.IndexSearcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Route;
import spark.Service;

/**
 * The HTTP server: a JSON API over the index and the web UI (see the README and
 * {@code /api/openapi.json}). Uses SparkJava's instance API only ({@link Service#ignite()}); the
 * routes live in small classes built here with what they need, and everything specific to the
 * HTTP engine stays in this package ({@link JettyEngine}), so a move to another engine is one
 * module's change.
 */
public final class SearchServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchServer.class);
  static final ObjectMapper JSON = RecordJson.mapper();
  private static final String ROUTE = "mlindex.route";
  private static final String STARTED = "mlindex.started";
  private static final Set<String> METHODS = Set.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH");

  private final RecordIndex index;
  private final ServerSettings settings;
  private final CrawlTrigger crawls;
  private final ConfiguredRoots roots;
  private final ServerOptions options;
  private final RequestGuard guard;
  private final ServerMetrics metrics = new ServerMetrics();
  private final Service http;

  /** A server that knows no roots (any root a client names is refused) with default limits. */
  public SearchServer(RecordIndex index, ServerSettings settings, CrawlTrigger crawls) {
    this(index, settings, crawls, List.of(), ServerOptions.defaults());
  }

  /**
   * @param crawls starts crawls for POST /api/crawls (null: this server does not crawl)
   * @param roots the configured roots (absolute POSIX paths): the only paths clients may name
   */
  public SearchServer(RecordIndex index, ServerSettings settings, CrawlTrigger crawls, List<String> roots, ServerOptions options) {
    this.index = index;
    this.settings = settings;
    this.crawls = crawls;
    this.roots = new ConfiguredRoots(roots);
    this.options = options;
    this.guard = new RequestGuard(settings);
    this.http = Service.ignite();
  }

  /** Starts listening; returns once the server answers, or throws if it cannot start. */
  public SearchServer start() throws IOException {
    CompletableFuture<Exception> startFailure = new CompletableFuture<>();
    http.initExceptionHandler(startFailure::complete); // Spark's default would System.exit(100)
    http.embeddedServerIdentifier(JettyEngine.register(options));
    http.ipAddress(settings.bind());
    http.port(settings.port());
    http.threadPool(options.maxThreads(), 2, 30_000);
    IndexSearcher.setMaxClauseCount(options.maxClauses()); // process-wide in Lucene
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

  /** The roots clients may name (for route classes that take paths). */
  ConfiguredRoots roots() {
    return roots;
  }

  private void routes() {
    http.before((req, res) -> {
      req.attribute(STARTED, System.nanoTime());
      res.type("application/json; charset=utf-8");
    });
    guard.register(http);
    http.afterAfter(this::count);

    SearchRoutes search = new SearchRoutes(index, options);
    RecordRoutes records = new RecordRoutes(index);
    CrawlRoutes crawlRoutes = new CrawlRoutes(index, crawls, roots, guard);
    HealthRoutes health = new HealthRoutes(index, metrics);
    ClasspathFiles files = new ClasspathFiles();
    StaticUiRoutes ui = new StaticUiRoutes(files, options.uiResources());

    get("/api/health", health::health);
    get("/api/search", search::search);
    get("/api/fields", search::fields);
    get("/api/records/:id", records::record);
    get("/api/records/:id/series", records::series);
    get("/api/records/:id/history", records::history);
    get("/api/compare", new CompareRoutes(index)::compare);
    new LineageRoutes(index).register(http);
    label("/api/lineage");
    get("/api/crawls", crawlRoutes::list);
    http.post("/api/crawls", named("/api/crawls", crawlRoutes::trigger));
    get("/api/openapi.json", new OpenApiRoute(files)::document);
    get("/metrics", health::prometheus);
    get("/", ui::index);
    get("/index.html", ui::index);
    get("/static/*", ui::staticFile);
    get("/webjars/*", ui::webjar);

    http.notFound((req, res) -> error(res, 404, "no such endpoint: " + req.requestMethod() + " " + Params.shorten(req.pathInfo())
        + "; the API is described at /api/openapi.json", 0));
    http.internalServerError((req, res) -> error(res, 500, "internal error; see the server log", 0));
    http.exception(ApiError.class, (e, req, res) -> res.body(error(res, e.status, e.getMessage(), e.position)));
    http.exception(QuerySyntaxException.class, (e, req, res) -> res.body(error(res, 400, e.getMessage(), e.position())));
    http.exception(RequestGuard.Preflight.class, (e, req, res) -> {
      res.status(204);
      res.body("");
    });
    http.exception(Exception.class, (e, req, res) -> {
      if (isBadRequest(e)) {
        res.body(error(res, 400, "malformed request: " + Params.shorten(e.getMessage()), 0));
        return;
      }
      LOG.error("Request {} {} failed", req.requestMethod(), req.pathInfo(), e);
      res.body(error(res, 500, "internal error; see the server log", 0));
    });
  }

  private void get(String path, Route route) {
    http.get(path, named(path, route));
  }

  /** Names a route that registers itself, for the metrics. */
  private void label(String path) {
    http.before(path, (req, res) -> req.attribute(ROUTE, path));
  }

  /** Remembers which route answered, for the metrics. */
  private static Route named(String path, Route route) {
    return (req, res) -> {
      req.attribute(ROUTE, path);
      return route.handle(req, res);
    };
  }

  private void count(Request req, Response res) {
    Long started = req.attribute(STARTED);
    String route = req.attribute(ROUTE);
    String method = METHODS.contains(req.requestMethod()) ? req.requestMethod() : "other";
    metrics.record(method, route == null ? ServerMetrics.UNROUTED : route, res.raw().getStatus(),
        started == null ? 0 : System.nanoTime() - started);
  }

  /** The engine's refusal of a malformed request (bad percent-encoding, say) surfaces as an exception. */
  private static boolean isBadRequest(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals("BadMessageException")
          || t.getClass().getSimpleName().equals("NotUtf8Exception")) {
        return true;
      }
    }
    return false;
  }

  static int intParam(Request req, String name, int fallback, int min, int max) {
    return Params.intParam(req, name, fallback, min, max);
  }

  static String error(Response res, int status, String message, int position) {
    res.status(status);
    res.type("application/json; charset=utf-8");
    return errorJson(status, message, position);
  }

  static String errorJson(int status, String message, int position) {
    ObjectNode out = JSON.createObjectNode();
    out.put("error", message);
    out.put("status", status);
    if (position > 0) {
      out.put("position", position);
    }
    try {
      return JSON.writeValueAsString(out);
    } catch (IOException e) {
      return "{\"error\":\"internal error\",\"status\":500}";
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
