package io.mlindex.server;

import static io.mlindex.server.TestServer.TOKEN;
import static io.mlindex.server.TestServer.body;
import static io.mlindex.server.TestServer.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {
  @TempDir Path dir;
  private TestServer t;

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  private static void assertSecurityHeaders(HttpResponse<String> r) {
    String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp);
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
    assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
    assertFalse(r.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "CORS is off");
    assertFalse(r.headers().firstValue("Server").orElse("").contains("Jetty("), "no version announced");
  }

  @Test
  void everyAnswerHasSecurityHeadersAndNoCors() throws Exception {
    t = TestServer.open(dir);
    for (String path : List.of("/api/health", "/api/search?q=" + q("a:>>"), "/api/nothing", "/", "/static/app.js", "/metrics",
        "/api/records/0000000000000000")) {
      HttpResponse<String> r = t.get(path, "Origin", "https://evil.example");
      assertSecurityHeaders(r);
    }
    assertTrue(t.server.toString().startsWith("http://127.0.0.1:"));
  }

  @Test
  void withoutATokenReadsAreOpenAndCrawlsAreForbidden() throws Exception {
    t = TestServer.open(dir);
    assertEquals(200, t.get("/api/health").statusCode());
    HttpResponse<String> post = t.post("/api/crawls");
    assertEquals(403, post.statusCode(), post.body());
    assertTrue(body(post).get("error").asText().contains("needs a token and the server has none"), post.body());
    assertEquals(403, t.post("/api/crawls", "Authorization", "Bearer " + TOKEN).statusCode());
    assertTrue(t.triggered.isEmpty());
  }

  @Test
  void aConfiguredTokenGuardsTheApiAndMetrics() throws Exception {
    t = new TestServer(dir, TOKEN, List.of(), ServerOptions.defaults().withUiResources("io/mlindex/server/testui/"));
    for (String path : List.of("/api/health", "/api/search", "/api/fields", "/api/records/" + t.gbm.getId(), "/api/crawls",
        "/api/openapi.json", "/metrics", "/api/compare?id=" + t.gbm.getId() + "&id=" + t.resnet.getId())) {
      HttpResponse<String> none = t.get(path);
      assertEquals(401, none.statusCode(), path);
      assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
      assertTrue(body(none).get("error").asText().contains("Authorization: Bearer"), none.body());
      assertSecurityHeaders(none);
      assertEquals(401, t.get(path, "Authorization", "Bearer wrong-token-of-some-length").statusCode(), path);
      assertEquals(401, t.get(path, "Authorization", "Bearer " + TOKEN + "x").statusCode(), path);
      assertEquals(401, t.get(path, "Authorization", "Basic " + TOKEN).statusCode(), path);
      assertEquals(200, t.get(path, "Authorization", "Bearer " + TOKEN).statusCode(), path);
      assertEquals(200, t.get(path, "Authorization", "bearer " + TOKEN).statusCode(), "the scheme is case-insensitive");
    }
    assertEquals(200, t.get("/").statusCode(), "the UI's files are public; its API calls carry the token");
    assertEquals(401, t.post("/api/crawls").statusCode());
    assertEquals(401, t.post("/api/crawls", "Authorization", "Bearer nope").statusCode());
    assertTrue(t.triggered.isEmpty());
    HttpResponse<String> ok = t.post("/api/crawls", "Authorization", "Bearer " + TOKEN);
    assertEquals(202, ok.statusCode(), ok.body());
    assertEquals("[\"/data\"]", body(ok).get("started").toString());
    assertEquals(List.of(List.of()), t.triggered);
  }

  @Test
  void crawledRootsMustBeConfiguredOnes() throws Exception {
    t = new TestServer(dir, TOKEN, List.of(), ServerOptions.defaults());
    String auth = "Bearer " + TOKEN;
    HttpResponse<String> one = t.post("/api/crawls?root=" + q("/srv/more"), "Authorization", auth);
    assertEquals(202, one.statusCode(), one.body());
    assertEquals(List.of("/srv/more"), t.triggered.get(0), "the trailing slash of the setting does not matter");
    for (String bad : List.of("/etc", "/data/../etc", "relative/path", "/data/sub", "/data\u0000x")) {
      HttpResponse<String> r = t.post("/api/crawls?root=" + q(bad), "Authorization", auth);
      assertEquals(400, r.statusCode(), bad + ": " + r.body());
    }
    assertEquals(1, t.triggered.size());
    assertTrue(new ConfiguredRoots(List.of("/data")).covers("/data/exp/r1"));
    assertFalse(new ConfiguredRoots(List.of("/data")).covers("/database"));
    assertFalse(new ConfiguredRoots(List.of("/data")).covers("/data/../etc/passwd"));
  }

  @Test
  void corsAnswersOnlyConfiguredOrigins() throws Exception {
    t = new TestServer(dir, null, List.of("https://dash.example"), ServerOptions.defaults());
    HttpResponse<String> allowed = t.get("/api/health", "Origin", "https://dash.example");
    assertEquals("https://dash.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    HttpResponse<String> other = t.get("/api/health", "Origin", "https://evil.example");
    assertFalse(other.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    HttpResponse<String> preflight = t.send("OPTIONS", "/api/search", "Origin", "https://dash.example",
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
    assertEquals(204, preflight.statusCode(), preflight.body());
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
  }

  @Test
  void oversizedHeadersAreA431WithJson() throws Exception {
    t = TestServer.open(dir);
    HttpResponse<String> r = t.get("/api/health", "X-Big", "x".repeat(20_000));
    assertEquals(431, r.statusCode(), r.body());
    assertEquals(431, body(r).get("status").asInt(), r.body());
    assertTrue(body(r).get("error").asText().contains("larger than 8192 bytes"), r.body());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    HttpResponse<String> longUrl = t.get("/api/search?q=" + "a".repeat(20_000));
    assertTrue(longUrl.statusCode() == 414 || longUrl.statusCode() == 431, longUrl.statusCode() + " " + longUrl.body());
    assertTrue(body(longUrl).has("error"), longUrl.body());
    assertEquals(200, t.get("/api/health").statusCode(), "and the server keeps serving");
  }

  @Test
  void malformedRequestLinesAreJsonErrors() throws Exception {
    t = TestServer.open(dir);
    String answer = raw(t, "GET /api/health%%% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    assertTrue(answer.contains("\"status\":400"), answer);
    assertFalse(answer.contains("<h1>") || answer.contains("Exception"), answer);
  }

  @Test
  void slowClientsAreDroppedWhileOthersAreServed() throws Exception {
    t = new TestServer(dir, null, List.of(), ServerOptions.defaults().withIdleTimeout(Duration.ofMillis(800)));
    try (Socket slow = new Socket("127.0.0.1", t.server.port())) {
      slow.setSoTimeout(20_000);
      OutputStream out = slow.getOutputStream();
      out.write("GET /api/health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // and never the end
      out.flush();
      assertEquals(200, t.get("/api/search?q=resnet").statusCode(), "others are served meanwhile");
      long start = System.nanoTime();
      String answer = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited < 15_000, "dropped after the idle timeout, not held: " + waited + " ms");
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
    }
    assertEquals(200, t.get("/api/health").statusCode());
  }

  /** Sends bytes as they are (the JDK's client refuses malformed URLs) and reads the whole answer. */
  static String raw(TestServer t, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", t.server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
