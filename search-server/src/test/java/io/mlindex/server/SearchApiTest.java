package io.mlindex.server;

import static io.mlindex.server.TestServer.body;
import static io.mlindex.server.TestServer.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchApiTest {
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

  private void assertError(int status, String contains, HttpResponse<String> r) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.headers().toString());
    JsonNode err = body(r);
    assertEquals(status, err.get("status").asInt(), r.body());
    assertTrue(err.get("error").asText().contains(contains), r.body());
    assertFalse(r.body().contains("at io.mlindex") || r.body().contains("Exception"), "no stack trace: " + r.body());
  }

  @Test
  void searchSortsPagesAndCounts() throws Exception {
    JsonNode all = t.json("/api/search?sort=" + q("name:desc"));
    assertEquals(3, all.get("total").asInt());
    assertEquals("train.ipynb", all.get("hits").get(0).get("name").asText());
    assertFalse(all.has("facets") || all.has("highlights"), "only when asked for");
    JsonNode page = t.json("/api/search?q=" + q("kind:run") + "&sort=" + q("metric.acc:desc") + "&limit=1&offset=1");
    assertEquals(2, page.get("total").asInt());
    assertEquals("gbm-b", page.get("hits").get(0).get("name").asText());
    assertEquals(1, page.get("hits").size());
    JsonNode range = t.json("/api/search?q=" + q("metric.acc:[0.5 TO 0.9] AND param.lr:0.001"));
    assertEquals(1, range.get("total").asInt(), "gbm's acc 0.81 and lr 1e-3 equal to 0.001");
    assertEquals(3, t.json("/api/search?limit=0").get("total").asInt());
  }

  @Test
  void facetsCountKeywordFieldsOfTheMatches() throws Exception {
    JsonNode r = t.json("/api/search?facets=" + q("kind, format,experiment,tag.team,param.optimizer,code.imports,framework"));
    JsonNode f = r.get("facets");
    assertEquals(2, f.get("kind").get("run").asInt());
    assertEquals(1, f.get("kind").get("notebook").asInt());
    assertEquals(2, f.get("format").get("mlflow").asInt());
    assertEquals(1, f.get("experiment").get("vision").asInt());
    assertEquals(1, f.get("tag.team").get("tabular").asInt());
    assertEquals(1, f.get("param.optimizer").get("adam").asInt());
    assertEquals(1, f.get("code.imports").get("torch").asInt());
    assertEquals(0, f.get("framework").size(), "asked for and empty");
    List<String> order = new ArrayList<>();
    f.fieldNames().forEachRemaining(order::add);
    assertEquals(List.of("kind", "format", "experiment", "tag.team", "param.optimizer", "code.imports", "framework"), order);
    JsonNode filtered = t.json("/api/search?q=" + q("format:mlflow") + "&facets=kind");
    assertEquals(1, filtered.get("facets").get("kind").size());
    assertError(400, "cannot count values of 'metric.acc'", t.get("/api/search?facets=metric.acc"));
    assertError(400, "cannot count values of 'bogus'", t.get("/api/search?facets=bogus"));
    assertError(400, "at most 20", t.get("/api/search?facets=" + "kind,".repeat(21)));
  }

  @Test
  void highlightsMarkTheMatchesInTheText() throws Exception {
    JsonNode r = t.json("/api/search?q=resnet&highlight=true");
    assertEquals(2, r.get("total").asInt(), "the run by name, the notebook by text");
    JsonNode h = r.get("highlights");
    assertEquals(1, h.size(), h.toString());
    JsonNode snippets = h.get(t.notebook.getId());
    assertEquals(2, snippets.size(), snippets.toString());
    assertTrue(snippets.get(0).asText().contains("a <mark>resnet</mark> on &lt;cifar&gt;"), snippets.toString());
    assertError(400, "highlight must be true or false", t.get("/api/search?highlight=maybe"));
  }

  @Test
  void fieldsListEverySearchableNameWithItsType() throws Exception {
    JsonNode fields = t.json("/api/fields").get("fields");
    java.util.Map<String, String> byName = new java.util.HashMap<>();
    fields.forEach(f -> byName.put(f.get("name").asText(), f.get("type").asText()));
    assertEquals("number", byName.get("metric.acc"));
    assertEquals("number", byName.get("metric.loss"));
    assertEquals("number", byName.get("param.lr"));
    assertEquals("keyword", byName.get("param.optimizer"));
    assertEquals("keyword", byName.get("tag.team"));
    assertEquals("keyword", byName.get("kind"));
    assertEquals("text", byName.get("text"));
    assertFalse(byName.keySet().stream().anyMatch(n -> n.contains(":")), byName.toString());
  }

  @Test
  void badSearchesAreClearJsonErrors() throws Exception {
    HttpResponse<String> malformed = t.get("/api/search?q=" + q("metric.acc:>>"));
    assertError(400, "unexpected '>'", malformed);
    assertEquals(13, body(malformed).get("position").asInt());
    assertError(400, "unknown field 'bogus'", t.get("/api/search?q=" + q("bogus:1")));
    assertError(400, "limit must be between 0 and 1000", t.get("/api/search?limit=1001"));
    assertError(400, "limit must be a whole number", t.get("/api/search?limit=99999999999999999999"));
    assertError(400, "limit must be a whole number", t.get("/api/search?limit=abc"));
    assertError(400, "limit must be between", t.get("/api/search?limit=-1"));
    assertError(400, "offset + limit may be at most 10000", t.get("/api/search?offset=9990&limit=20"));
    assertError(400, "offset must be between 0 and 10000", t.get("/api/search?offset=10001"));
    assertError(400, "cannot sort by 'bogus'", t.get("/api/search?sort=bogus"));
    assertError(400, "sort direction 'up'", t.get("/api/search?sort=" + q("name:up")));
    assertError(400, "q is longer than 4096 characters", t.get("/api/search?q=" + "a".repeat(4097)));
    assertError(400, "cannot run the query", t.get("/api/search?q=" + q("name:/[a/")));
    String raw = SecurityTest.raw(t, "GET /api/search?q=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertTrue(raw.startsWith("HTTP/1.1 400") && raw.contains("\"status\":400") && !raw.contains("Exception"), raw);
    assertEquals(200, t.get("/api/search?q=resnet").statusCode(), "and the server keeps serving");
  }

  @Test
  void queriesExpandingToTooManyClausesAreRefused() throws Exception {
    assertEquals(404, t.post("/api/search?q=x").statusCode(), "search is GET only");
    t.close();
    t = new TestServer(dir.resolve("wide"), null, List.of(), ServerOptions.defaults().withMaxQueryChars(8000).withMaxClauses(100));
    StringBuilder some = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      some.append("name:n").append(i).append(" OR ");
    }
    some.append("name:x");
    assertError(400, "more than 100 clauses", t.get("/api/search?q=" + q(some.toString())));
    assertEquals(200, t.get("/api/search?q=" + q("name:a OR name:b")).statusCode());
  }

  @Test
  void aSearchPastItsTimeBudgetIsA503() throws Exception {
    t.close();
    t = new TestServer(dir.resolve("slow"), null, List.of(), ServerOptions.defaults().withSearchTimeout(Duration.ofNanos(1)));
    assertError(503, "took longer than its time budget", t.get("/api/search?q=" + q("kind:run")));
    assertEquals(200, t.get("/api/health").statusCode(), "the server keeps serving");
  }
}
