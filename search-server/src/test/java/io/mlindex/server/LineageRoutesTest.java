package io.mlindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.config.ServerSettings;
import io.mlindex.index.RecordIndex;
import io.mlindex.record.LineageRef;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageRoutesTest {
  @TempDir Path dir;
  private RecordIndex index;
  private SearchServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private Record train;

  @BeforeEach
  void start() throws Exception {
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    Record prepare = new Record(RecordKind.STAGE, "dvc", "/p/dvc.lock", "prepare").setName("prepare");
    prepare.getLineage().input(LineageRef.path("/p/data/raw.csv", "deps"));
    prepare.getLineage().output(LineageRef.path("/p/data/clean.csv", "outs"));
    train = new Record(RecordKind.STAGE, "dvc", "/p/dvc.lock", "train").setName("train");
    train.getLineage().input(LineageRef.path("/p/data/clean.csv", "deps"));
    train.getLineage().output(LineageRef.path("/p/model.pkl", "outs"));
    int unit = 0;
    for (Record r : List.of(prepare, train)) {
      index.replaceUnit(new UnitState(UnitKeys.encode(r.getPath()) + unit++, r.getPath(), "/p", false, "f", List.of(), List.of(r.getId()), null), List.of(r));
    }
    index.commit();
    server = new SearchServer(index, new ServerSettings("127.0.0.1", 0, null, List.of()), null).start();
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
  void downstreamOfAPathAsNodesAndEdges() throws Exception {
    HttpResponse<String> r = get("/api/lineage?ref=" + q("data/raw.csv") + "&direction=down");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    JsonNode body = RecordJson.mapper().readTree(r.body());
    assertFalse(body.get("truncated").asBoolean());
    assertEquals(5, body.get("nodes").size());
    JsonNode raw = body.get("nodes").get(0);
    assertEquals("/p/data/raw.csv", raw.get("id").asText());
    assertEquals("artifact", raw.get("kind").asText());
    assertFalse(raw.get("record").asBoolean());
    assertTrue(raw.has("format") && raw.get("format").isNull(), "contract fields are present even when null: " + raw);
    assertFalse(raw.has("uncertain"));
    JsonNode first = body.get("edges").get(0);
    assertEquals("reads", first.get("relation").asText());
    assertEquals("lineage.inputs", first.get("evidence").get("field").asText());
    assertEquals(4, body.get("edges").size());
  }

  @Test
  void upstreamOfARecordWithLimits() throws Exception {
    JsonNode up = RecordJson.mapper().readTree(get("/api/lineage?ref=" + train.getId() + "&direction=up&depth=2").body());
    assertEquals(3, up.get("nodes").size(), up.toString());
    JsonNode cut = RecordJson.mapper().readTree(get("/api/lineage?ref=" + train.getId() + "&max_nodes=2").body());
    assertEquals(2, cut.get("nodes").size());
    assertTrue(cut.get("truncated").asBoolean());
  }

  @Test
  void badParametersAre400AndUnknownReferences404() throws Exception {
    assertEquals(400, get("/api/lineage").statusCode());
    assertEquals(400, get("/api/lineage?ref=x&direction=sideways").statusCode());
    assertEquals(400, get("/api/lineage?ref=x&depth=-1").statusCode());
    assertEquals(400, get("/api/lineage?ref=x&depth=deep").statusCode());
    assertEquals(400, get("/api/lineage?ref=x&max_nodes=0").statusCode());
    HttpResponse<String> missing = get("/api/lineage?ref=" + q("/nowhere/x.csv"));
    assertEquals(404, missing.statusCode());
    JsonNode err = RecordJson.mapper().readTree(missing.body());
    assertEquals(404, err.get("status").asInt());
    assertTrue(err.get("error").asText().contains("/nowhere/x.csv"), missing.body());
  }
}
