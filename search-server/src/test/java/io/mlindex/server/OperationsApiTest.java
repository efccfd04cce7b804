package io.mlindex.server;

import static io.mlindex.server.TestServer.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, crawls, metrics, the OpenAPI document and the UI's files. */
class OperationsApiTest {
  @TempDir Path dir;
  private TestServer t;

  @BeforeEach
  void start() throws Exception {
    t = TestServer.open(dir);
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  @Test
  void healthAndCrawls() throws Exception {
    JsonNode h = t.json("/api/health");
    assertEquals("ok", h.get("status").asText());
    assertEquals(3, h.get("records").asInt());
    assertTrue(h.get("last_commit").asText().startsWith("20"), h.toString());
    assertEquals(0, h.get("unreachable_roots").size());
    t.index.crawlFinished("c1", "/gone", java.time.Instant.parse("2025-01-01T00:00:00Z"), false,
        "{\"id\":\"c1\",\"root\":\"/gone\",\"start\":\"2025-01-01T00:00:00Z\",\"end\":\"2025-01-01T00:00:05Z\"}");
    JsonNode crawls = t.json("/api/crawls?limit=5");
    assertEquals("c1", crawls.get("crawls").get(0).get("id").asText());
    assertEquals("/gone", crawls.get("unreachable_roots").get(0).get("root").asText());
    assertEquals("[\"/gone\"]", t.json("/api/health").get("unreachable_roots").toString());
    assertEquals(400, t.get("/api/crawls?limit=0").statusCode());
    String metrics = t.get("/metrics").body();
    assertTrue(metrics.contains("mlindex_last_crawl_timestamp_seconds 1735689605\n"), metrics);
    assertTrue(metrics.contains("mlindex_unreachable_roots 1\n"), metrics);
  }

  @Test
  void metricsCountRequestsPerRoute() throws Exception {
    t.get("/api/search?q=resnet");
    t.get("/api/search?q=" + TestServer.q("a:>>"));
    t.get("/api/records/" + t.gbm.getId());
    t.get("/api/nowhere/at/all");
    HttpResponse<String> r = t.get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
    String m = r.body();
    assertTrue(m.contains("mlindex_http_requests_total{method=\"GET\",route=\"/api/search\",status=\"200\"} 1\n"), m);
    assertTrue(m.contains("mlindex_http_requests_total{method=\"GET\",route=\"/api/search\",status=\"400\"} 1\n"), m);
    assertTrue(m.contains("mlindex_http_requests_total{method=\"GET\",route=\"/api/records/:id\",status=\"200\"} 1\n"), m);
    assertTrue(m.contains("route=\"unrouted\",status=\"404\"} 1\n"), m);
    assertTrue(m.contains("mlindex_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/search\",le=\"+Inf\"} 2\n"), m);
    assertTrue(m.contains("mlindex_http_request_duration_seconds_count{method=\"GET\",route=\"/api/search\"} 2\n"), m);
    assertTrue(m.contains("# TYPE mlindex_http_request_duration_seconds histogram"), m);
    assertTrue(m.contains("\nmlindex_records 3\n"), m);
    assertTrue(m.matches("(?s).*\nmlindex_index_size_bytes [1-9][0-9]*\n.*"), m);
    assertTrue(m.contains("\nmlindex_last_crawl_timestamp_seconds 0\n"), m);
    assertTrue(m.matches("(?s).*\nmlindex_last_commit_timestamp_seconds [1-9][0-9.E]*\n.*"), m);
  }

  @Test
  void theOpenApiDocumentDescribesEveryRoute() throws Exception {
    JsonNode doc = t.json("/api/openapi.json");
    assertTrue(doc.get("openapi").asText().startsWith("3."));
    for (String path : List.of("/api/health", "/api/search", "/api/fields", "/api/records/{id}", "/api/records/{id}/series",
        "/api/records/{id}/history", "/api/compare", "/api/lineage", "/api/crawls", "/api/openapi.json", "/metrics", "/")) {
      assertTrue(doc.get("paths").has(path), path);
    }
    assertTrue(doc.get("paths").get("/api/crawls").has("post"));
  }

  @Test
  void theUiIsServedFromTheClasspathOnly() throws Exception {
    HttpResponse<String> index = t.get("/");
    assertEquals(200, index.statusCode());
    assertTrue(index.body().contains("test ui"));
    assertTrue(index.headers().firstValue("content-type").orElse("").startsWith("text/html"));
    assertEquals(index.body(), t.get("/?q=" + TestServer.q("metric.acc:>0.9")).body(), "shareable links open the UI");
    assertEquals(index.body(), t.get("/index.html").body());
    HttpResponse<String> js = t.get("/static/app.js");
    assertEquals(200, js.statusCode());
    assertTrue(js.headers().firstValue("content-type").orElse("").startsWith("text/javascript"));
    assertEquals(200, t.get("/static/app.css").statusCode(), "files beside index.html too");
    for (String bad : List.of("/static/../testui/index.html", "/static/%2e%2e/openapi.json", "/static/..%2fopenapi.json",
        "/static/SearchServer.class", "/static/", "/static/nothing.js", "/webjars/none/1.0/x.js", "/webjars/../../io/mlindex/server/openapi.json",
        "/etc/passwd", "/static/%00.js")) {
      HttpResponse<String> r = t.get(bad);
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, bad + " -> " + r.statusCode() + " " + r.body());
      assertTrue(body(r).has("error"), bad + ": " + r.body());
    }
  }

  @Test
  void withoutTheUiTheRootSaysWhereTheApiIs() throws Exception {
    t.close();
    t = new TestServer(dir.resolve("noui"), null, List.of(), ServerOptions.defaults().withUiResources("io/mlindex/server/no-such-ui/"));
    HttpResponse<String> r = t.get("/");
    assertEquals(404, r.statusCode());
    assertTrue(body(r).get("error").asText().contains("/api/openapi.json"), r.body());
  }
}
