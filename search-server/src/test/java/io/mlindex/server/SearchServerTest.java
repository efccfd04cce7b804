package io.mlindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.config.ServerSettings;
import io.mlindex.index.RecordIndex;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import io.mlindex.record.RecordKind;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchServerTest {
  @TempDir Path dir;
  private RecordIndex index;
  private SearchServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<List<String>> triggered = new ArrayList<>();
  private String runId;

  @BeforeEach
  void start() throws Exception {
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    Record run = new Record(RecordKind.RUN, "mlflow", "/data/r1").setName("resnet-a");
    run.metric("acc", Metric.single(0.93));
    Record nb = new Record(RecordKind.NOTEBOOK, "notebook", "/data/n.ipynb").setName("n.ipynb");
    for (Record r : List.of(run, nb)) {
      index.replaceUnit(new UnitState(UnitKeys.encode(r.getPath()), r.getPath(), "/data", false, "f", List.of(), List.of(r.getId()), null), List.of(r));
    }
    index.commit();
    runId = run.getId();
    server = new SearchServer(index, new ServerSettings("127.0.0.1", 0, null, List.of()), roots -> {
      triggered.add(roots);
      return List.of("/data");
    }).start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    index.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void searchReturnsTheSameJsonAsTheCli() throws Exception {
    HttpResponse<String> r = get("/api/search?q=" + q("metric.acc:>0.9") + "&sort=" + q("metric.acc:desc"));
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    JsonNode body = RecordJson.mapper().readTree(r.body());
    assertEquals(1, body.get("total").asInt());
    assertEquals("resnet-a", body.get("hits").get(0).get("name").asText());
    JsonNode notebooks = RecordJson.mapper().readTree(get("/api/search?q=format:notebook").body());
    assertEquals(1, notebooks.get("total").asInt());
    JsonNode page = RecordJson.mapper().readTree(get("/api/search?limit=1&offset=1&sort=name").body());
    assertEquals(2, page.get("total").asInt());
    assertEquals("resnet-a", page.get("hits").get(0).get("name").asText());
  }

  @Test
  void badRequestsAreJsonErrors() throws Exception {
    HttpResponse<String> bad = get("/api/search?q=" + q("metric.acc:>>"));
    assertEquals(400, bad.statusCode());
    JsonNode err = RecordJson.mapper().readTree(bad.body());
    assertTrue(err.get("error").asText().contains("unexpected '>'"), bad.body());
    assertEquals(13, err.get("position").asInt());
    assertEquals(400, get("/api/search?limit=abc").statusCode());
    assertEquals(400, get("/api/search?limit=20000").statusCode());
    assertEquals(400, get("/api/search?sort=bogus").statusCode());
    assertEquals(400, get("/api/records/not-an-id").statusCode());
    HttpResponse<String> missing = get("/api/records/0000000000000000");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("no record has the id"), missing.body());
    assertEquals(404, get("/api/nothing-here").statusCode());
  }

  @Test
  void recordsHealthAndCrawlTrigger() throws Exception {
    HttpResponse<String> r = get("/api/records/" + runId);
    assertEquals(200, r.statusCode());
    assertEquals("resnet-a", RecordJson.mapper().readTree(r.body()).get("name").asText());
    JsonNode health = RecordJson.mapper().readTree(get("/api/health").body());
    assertEquals("ok", health.get("status").asText());
    assertEquals(2, health.get("records").asInt());
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/crawls"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, post.statusCode(), "crawls need a token, and this server has none");
    assertEquals(0, triggered.size());
  }

  @Test
  void aPortInUseIsAnErrorNotAnExit() throws Exception {
    SearchServer second = new SearchServer(index, new ServerSettings("127.0.0.1", server.port(), null, List.of()), null);
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, second::start);
    assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + server.port()), e.getMessage());
    assertEquals(200, get("/api/health").statusCode(), "the first server keeps serving");
  }
}
