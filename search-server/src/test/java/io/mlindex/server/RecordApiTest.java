package io.mlindex.server;

import static io.mlindex.server.TestServer.body;
import static io.mlindex.server.TestServer.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordApiTest {
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

  private static void assertError(int status, String contains, HttpResponse<String> r) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(status, body(r).get("status").asInt(), r.body());
    assertTrue(body(r).get("error").asText().contains(contains), r.body());
  }

  @Test
  void aRecordComesWithItsText() throws Exception {
    JsonNode r = t.json("/api/records/" + t.notebook.getId());
    assertEquals("train.ipynb", r.get("name").asText());
    assertTrue(r.get("text").asText().contains("<cifar>"));
    assertError(404, "no record has the id 0000000000000000", t.get("/api/records/0000000000000000"));
    assertError(400, "is not a record id", t.get("/api/records/not-an-id"));
    assertError(400, "is not a record id", t.get("/api/records/ABCDEF0123456789"));
    assertError(400, "is not a record id", t.get("/api/records/" + "a".repeat(300) + "/history"));
  }

  @Test
  void seriesAreDownsampledKeepingEndsAndExtremes() throws Exception {
    String base = "/api/records/" + t.resnet.getId() + "/series?metric=acc";
    JsonNode full = t.json(base + "&points=10000");
    int stored = full.get("steps").size();
    assertTrue(stored > 2000, "the index keeps up to 4096 points: " + stored);
    assertEquals(false, full.get("downsampled").asBoolean());
    assertEquals(true, t.json(base).get("downsampled").asBoolean(), "past the default of 2000 points");
    JsonNode thin = t.json(base + "&points=500");
    assertEquals(true, thin.get("downsampled").asBoolean());
    int n = thin.get("steps").size();
    assertTrue(n <= 500 && n > 450, n + " points");
    assertEquals(n, thin.get("values").size());
    assertEquals(0, thin.get("steps").get(0).asLong());
    assertEquals(full.get("steps").get(stored - 1).asLong(), thin.get("steps").get(n - 1).asLong());
    assertTrue(spike(full), "the fixture's spike is stored");
    assertTrue(spike(thin), "the maximum survives downsampling");
    assertEquals("acc", thin.get("metric").asText());
    assertError(400, "metric is required", t.get("/api/records/" + t.resnet.getId() + "/series"));
    assertError(404, "has no metric 'f1'", t.get("/api/records/" + t.resnet.getId() + "/series?metric=f1"));
    assertError(404, "is a single value", t.get("/api/records/" + t.resnet.getId() + "/series?metric=loss"));
    assertError(404, "no record has the id", t.get("/api/records/0000000000000000/series?metric=acc"));
    assertError(400, "points must be between 10 and 100000", t.get(base + "&points=2"));
  }

  private static boolean spike(JsonNode series) {
    for (int i = 0; i < series.get("steps").size(); i++) {
      if (series.get("values").get(i).asDouble() == 5.0) {
        return true;
      }
    }
    return false;
  }

  @Test
  void historyListsEarlierVersions() throws Exception {
    JsonNode h = t.json("/api/records/" + t.gbm.getId() + "/history");
    assertEquals("gbm-b", h.get("current").get("name").asText());
    assertEquals(0, h.get("versions").size());
    assertError(404, "no record has the id", t.get("/api/records/0000000000000000/history"));
  }

  @Test
  void compareShowsParamsAndMetricsSideBySide() throws Exception {
    JsonNode c = t.json("/api/compare?id=" + t.resnet.getId() + "&id=" + t.gbm.getId());
    assertEquals(t.resnet.getId(), c.get("records").get(0).get("id").asText());
    assertEquals("gbm-b", c.get("records").get(1).get("name").asText());
    assertEquals("mlflow", c.get("records").get(1).get("format").asText());
    assertEquals("adam", c.get("params").get("optimizer").get(0).asText());
    assertEquals("sgd", c.get("params").get("optimizer").get(1).asText());
    assertTrue(c.get("params").get("depth").get(0).isNull());
    assertEquals(6, c.get("params").get("depth").get(1).asInt());
    assertEquals(0.81, c.get("metrics").get("acc").get(1).asDouble());
    assertTrue(c.get("metrics").get("loss").get(1).isNull());
    assertEquals("[\"depth\",\"layers\",\"optimizer\"]", c.get("differing_params").toString(), "lr 0.001 equals 1e-3");
    assertError(400, "2 to 20 record ids", t.get("/api/compare?id=" + t.gbm.getId()));
    assertError(400, "2 to 20 record ids", t.get("/api/compare?" + ("id=" + t.gbm.getId() + "&").repeat(21)));
    assertError(400, "is not a record id", t.get("/api/compare?id=" + t.gbm.getId() + "&id=" + q("../etc")));
    assertError(404, "no record has the id 0000000000000000", t.get("/api/compare?id=" + t.gbm.getId() + "&id=0000000000000000"));
  }
}
