package io.mlindex.server.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.index.QuerySyntaxException;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.index.SearchRequest;
import io.mlindex.index.SearchResult;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import io.mlindex.record.Series;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * A stand-in for the HTTP API of API.md while the real routes are being written elsewhere: the UI's
 * static files from the classpath under the same CSP, search/records/history through the real
 * index, and fields, series, compare and lineage computed from the fixture records in memory;
 * with a token, /api calls without it get a 401 as from the real server.
 */
final class FakeApiServer implements AutoCloseable {
  static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
      + " frame-ancestors 'none'; form-action 'self'";
  private static final String WEB = "io/mlindex/server/web/";
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
  private static final ObjectMapper JSON = RecordJson.mapper();

  private final RecordIndex index;
  private final Map<String, Record> records = new LinkedHashMap<>();
  private final String token;
  private final Service http = Service.ignite();

  /** token: the bearer token /api calls must carry, or null for none. */
  FakeApiServer(RecordIndex index, List<Record> fixtures, String token) {
    this.index = index;
    this.token = token;
    fixtures.forEach(r -> records.put(r.getId(), r));
  }

  FakeApiServer start() {
    http.initExceptionHandler(e -> {
      throw new IllegalStateException("the fake API server cannot start", e);
    });
    http.ipAddress("127.0.0.1");
    http.port(0);
    http.before((req, res) -> {
      res.header("Content-Security-Policy", CSP);
      res.header("X-Content-Type-Options", "nosniff");
      res.type("application/json; charset=utf-8");
      if (token != null && req.pathInfo().startsWith("/api/") && !("Bearer " + token).equals(req.headers("Authorization"))) {
        http.halt(401, JSON.createObjectNode().put("error", "this server needs a token: send Authorization: Bearer <token>")
            .put("status", 401).toString());
      }
    });
    http.get("/", (req, res) -> file(res, "index.html"));
    http.get("/static/*", (req, res) -> file(res, "static/" + req.splat()[0]));
    http.get("/api/health", (req, res) -> JSON.createObjectNode().put("status", "ok").put("records", records.size())
        .put("last_commit", "2025-03-08T12:00:00Z").toString());
    http.get("/api/search", this::search);
    http.get("/api/fields", (req, res) -> fields());
    http.get("/api/records/:id", (req, res) -> withRecord(req, r -> searcherGet(r.getId())));
    http.get("/api/records/:id/series", this::series);
    http.get("/api/records/:id/history", this::history);
    http.get("/api/compare", this::compare);
    http.get("/api/lineage", this::lineage);
    http.exception(QuerySyntaxException.class, (e, req, res) -> error(res, 400, e.getMessage(), e.position()));
    http.exception(NotFound.class, (e, req, res) -> error(res, 404, e.getMessage(), 0));
    http.notFound((req, res) -> {
      error(res, 404, "no such endpoint: " + req.pathInfo(), 0);
      return res.body();
    });
    http.init();
    http.awaitInitialization();
    return this;
  }

  int port() {
    return http.port();
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }

  private interface RecordAnswer {
    Object answer(Record r) throws IOException;
  }

  private Object withRecord(Request req, RecordAnswer answer) throws IOException {
    Record r = records.get(req.params("id"));
    if (r == null) {
      throw new NotFound("no record has the id " + req.params("id"));
    }
    return answer.answer(r);
  }

  private static void error(Response res, int status, String message, int position) {
    res.status(status);
    res.type("application/json; charset=utf-8");
    ObjectNode out = JSON.createObjectNode().put("error", message).put("status", status);
    if (position > 0) {
      out.put("position", position);
    }
    res.body(out.toString());
  }

  private Object file(Response res, String name) throws IOException {
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new NotFound("no such file");
      }
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(WEB + name)) {
      if (in == null) {
        throw new NotFound("no such file: " + name);
      }
      String ext = name.substring(name.lastIndexOf('.') + 1);
      res.type(switch (ext) {
        case "html" -> "text/html; charset=utf-8";
        case "js" -> "text/javascript; charset=utf-8";
        case "css" -> "text/css; charset=utf-8";
        case "svg" -> "image/svg+xml";
        default -> "application/octet-stream";
      });
      return in.readAllBytes();
    }
  }

  private Object search(Request req, Response res) throws Exception {
    List<String> facets = req.queryParams("facets") == null ? List.of() : List.of(req.queryParams("facets").split(","));
    String q = Objects.toString(req.queryParams("q"), "");
    SearchRequest request = new SearchRequest(q, req.queryParams("sort"), intParam(req, "limit", 20),
        intParam(req, "offset", 0), facets, false);
    try (RecordSearcher s = index.searcher()) {
      SearchResult result = s.search(request);
      ObjectNode out = JSON.createObjectNode().put("total", result.total());
      out.set("hits", JSON.valueToTree(result.hits()));
      if (!facets.isEmpty()) {
        out.set("facets", JSON.valueToTree(result.facets()));
      }
      if ("true".equals(req.queryParams("highlight"))) {
        out.set("highlights", highlights(q, result.hits()));
      }
      return JSON.writeValueAsString(out);
    }
  }

  /** Naive snippets: the first text line containing a query word, escaped, with the word marked. */
  private ObjectNode highlights(String q, List<Record> hits) {
    ObjectNode out = JSON.createObjectNode();
    for (String word : q.split("[^A-Za-z0-9]+")) {
      if (word.length() < 3 || word.equals("AND") || word.equals("OR")) {
        continue;
      }
      for (Record hit : hits) {
        String text = records.get(hit.getId()).getText();
        if (text == null || out.has(hit.getId())) {
          continue;
        }
        for (String line : text.split("\n")) {
          Matcher m = Pattern.compile("(?i)" + Pattern.quote(word)).matcher(line);
          if (m.find()) {
            String snippet = escape(line.substring(0, m.start())) + "<mark>" + escape(m.group()) + "</mark>" + escape(line.substring(m.end()));
            out.putArray(hit.getId()).add(snippet);
            break;
          }
        }
      }
    }
    return out;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static int intParam(Request req, String name, int fallback) {
    String v = req.queryParams(name);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private String searcherGet(String id) throws IOException {
    try (RecordSearcher s = index.searcher()) {
      return RecordJson.toJson(s.get(id).orElseThrow(() -> new NotFound("no record has the id " + id)));
    }
  }

  private Object history(Request req, Response res) throws IOException {
    return withRecord(req, r -> {
      try (RecordSearcher s = index.searcher()) {
        ObjectNode out = JSON.createObjectNode();
        out.set("current", JSON.valueToTree(r));
        out.set("versions", JSON.valueToTree(s.history(r.getId())));
        return JSON.writeValueAsString(out);
      }
    });
  }

  private String fields() {
    Map<String, String> fields = new TreeMap<>();
    for (String fixed : List.of("kind", "format", "name", "experiment", "path", "framework", "code.imports")) {
      fields.put(fixed, "keyword");
    }
    fields.put("time.start", "date");
    for (Record r : records.values()) {
      r.getMetrics().keySet().forEach(k -> fields.put("metric." + k, "number"));
      r.getParams().forEach((k, v) -> fields.put("param." + k, v instanceof Number ? "number" : "keyword"));
      r.getTags().keySet().forEach(k -> fields.put("tag." + k, "keyword"));
      r.getProperties().forEach((k, v) -> fields.put("properties." + k, v instanceof Number ? "number" : "keyword"));
    }
    ArrayNode list = JSON.createArrayNode();
    fields.forEach((name, type) -> list.addObject().put("name", name).put("type", type));
    ObjectNode out = JSON.createObjectNode();
    out.set("fields", list);
    return out.toString();
  }

  private Object series(Request req, Response res) throws IOException {
    return withRecord(req, r -> {
      String metric = req.queryParams("metric");
      Series s = r.series().get(metric);
      if (s == null) {
        throw new NotFound("record " + r.getId() + " has no series for the metric '" + metric + "'");
      }
      ObjectNode out = JSON.createObjectNode().put("metric", metric).put("downsampled", false);
      out.set("steps", JSON.valueToTree(s.steps()));
      out.set("values", JSON.valueToTree(s.values()));
      return JSON.writeValueAsString(out);
    });
  }

  private Object compare(Request req, Response res) throws IOException {
    String[] ids = req.queryParamsValues("id");
    if (ids == null || ids.length < 2) {
      error(res, 400, "compare needs 2 to 20 ids (id=...&id=...)", 0);
      return res.body();
    }
    List<Record> list = Arrays.stream(ids).map(id -> {
      Record r = records.get(id);
      if (r == null) {
        throw new NotFound("no record has the id " + id);
      }
      return r;
    }).toList();
    ObjectNode out = JSON.createObjectNode();
    ArrayNode recs = out.putArray("records");
    Map<String, Object[]> params = new TreeMap<>();
    Map<String, Object[]> metrics = new TreeMap<>();
    for (int i = 0; i < list.size(); i++) {
      Record r = list.get(i);
      recs.addObject().put("id", r.getId()).put("name", r.getName()).put("kind", r.getKind().id())
          .put("format", r.getFormat()).put("path", r.getPath());
      int at = i;
      r.getParams().forEach((k, v) -> params.computeIfAbsent(k, x -> new Object[list.size()])[at] = v);
      r.getMetrics().forEach((k, m) -> metrics.computeIfAbsent(k, x -> new Object[list.size()])[at] = m.last());
    }
    out.set("params", JSON.valueToTree(params));
    out.set("metrics", JSON.valueToTree(metrics));
    ArrayNode differing = out.putArray("differing_params");
    params.forEach((k, vs) -> {
      if (Arrays.stream(vs).map(String::valueOf).distinct().count() > 1) {
        differing.add(k);
      }
    });
    return JSON.writeValueAsString(out);
  }

  /** Breadth-first over stated inputs and outputs; files that are records become those records. */
  private Object lineage(Request req, Response res) throws IOException {
    String ref = req.queryParams("ref");
    int depth = req.queryParams("depth") == null ? Integer.MAX_VALUE : Integer.parseInt(req.queryParams("depth"));
    Map<String, String> byPath = new HashMap<>();
    records.values().forEach(r -> byPath.put(r.getPath(), r.getId()));
    String start = records.containsKey(ref) ? ref : byPath.getOrDefault(ref, ref);
    List<String[]> edges = new ArrayList<>();
    for (Record r : records.values()) {
      for (LineageRef in : r.getLineage().getInputs()) {
        edges.add(new String[] {byPath.getOrDefault(in.target(), in.target()), r.getId(), "reads", r.getId(), "lineage.inputs"});
      }
      for (LineageRef o : r.getLineage().getOutputs()) {
        edges.add(new String[] {r.getId(), byPath.getOrDefault(o.target(), o.target()), "writes", r.getId(), "lineage.outputs"});
      }
    }
    if (!records.containsKey(start) && edges.stream().noneMatch(e -> e[0].equals(start) || e[1].equals(start))) {
      throw new NotFound("nothing in the index is or names '" + ref + "'");
    }
    Map<String, Integer> seen = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    seen.put(start, 0);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      if (seen.get(at) >= depth) {
        continue;
      }
      for (String[] e : edges) {
        String next = e[0].equals(at) ? e[1] : e[1].equals(at) ? e[0] : null;
        if (next != null && !seen.containsKey(next)) {
          seen.put(next, seen.get(at) + 1);
          queue.add(next);
        }
      }
    }
    ObjectNode out = JSON.createObjectNode().put("truncated", false);
    ArrayNode nodes = out.putArray("nodes");
    for (String id : seen.keySet()) {
      Record r = records.get(id);
      ObjectNode n = nodes.addObject().put("id", id);
      if (r != null) {
        n.put("kind", r.getKind().id()).put("format", r.getFormat()).put("path", r.getPath())
            .put("name", r.getName()).put("record", true);
      } else {
        n.put("kind", "artifact").put("path", id).put("name", id.substring(id.lastIndexOf('/') + 1)).put("record", false);
      }
    }
    ArrayNode edgeList = out.putArray("edges");
    for (String[] e : edges) {
      if (seen.containsKey(e[0]) && seen.containsKey(e[1])) {
        ObjectNode edge = edgeList.addObject().put("from", e[0]).put("to", e[1]).put("relation", e[2]);
        edge.putObject("evidence").put("record", e[3]).put("field", e[4]);
      }
    }
    return JSON.writeValueAsString(out);
  }

  @Override
  public void close() {
    http.stop();
    http.awaitStop();
  }
}
