package io.mlindex.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.config.ServerSettings;
import io.mlindex.index.RecordIndex;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import io.mlindex.record.RecordKind;
import io.mlindex.record.SeriesBuilder;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An index of fixture records and a server over it on 127.0.0.1, port 0, with an HTTP client. */
final class TestServer implements AutoCloseable {
  static final String TOKEN = "0123456789abcdef-test-token";

  final RecordIndex index;
  final SearchServer server;
  final List<List<String>> triggered = new ArrayList<>();
  final Record resnet;
  final Record gbm;
  final Record notebook;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  TestServer(Path dir, String token, List<String> cors, ServerOptions options) throws IOException {
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    resnet = new Record(RecordKind.RUN, "mlflow", "/data/exp/r1").setName("resnet-a");
    resnet.setRoot("/data");
    resnet.setExperiment("vision");
    resnet.param("lr", "0.001").param("optimizer", "adam").param("layers", 50);
    SeriesBuilder acc = new SeriesBuilder();
    for (int i = 0; i < 5000; i++) {
      acc.add(i, i == 2500 ? 5.0 : i / 5000.0);
    }
    resnet.metric("acc", acc.build());
    resnet.metric("loss", Metric.single(0.2));
    resnet.tag("team", "vision");
    gbm = new Record(RecordKind.RUN, "mlflow", "/data/exp/r2").setName("gbm-b");
    gbm.setRoot("/data");
    gbm.setExperiment("tabular");
    gbm.param("lr", 1e-3).param("optimizer", "sgd").param("depth", 6);
    gbm.metric("acc", Metric.single(0.81));
    gbm.tag("team", "tabular");
    notebook = new Record(RecordKind.NOTEBOOK, "notebook", "/data/nb/train.ipynb").setName("train.ipynb");
    notebook.setRoot("/data");
    notebook.setText("We fine-tune a resnet on <cifar>. " + "Padding words. ".repeat(30) + "The resnet converges.");
    notebook.getCode().getImports().add("torch");
    for (Record r : List.of(resnet, gbm, notebook)) {
      index.replaceUnit(new UnitState(UnitKeys.encode(r.getPath()), r.getPath(), "/data", false, "f", List.of(), List.of(r.getId()), null), List.of(r));
    }
    index.commit();
    ServerSettings settings = new ServerSettings("127.0.0.1", 0, token, cors);
    SearchServer s = new SearchServer(index, settings, roots -> {
      triggered.add(roots);
      return roots.isEmpty() ? List.of("/data") : roots;
    }, List.of("/data", "/srv/more/"), options);
    try {
      server = s.start();
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
  }

  static TestServer open(Path dir) throws IOException {
    return new TestServer(dir, null, List.of(), ServerOptions.defaults().withUiResources("io/mlindex/server/testui/"));
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET that must answer 200 with JSON; the parsed body. */
  JsonNode json(String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpResponse<String> r = get(pathAndQuery, headers);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return RecordJson.mapper().readTree(r.body());
  }

  static JsonNode body(HttpResponse<String> r) throws IOException {
    return RecordJson.mapper().readTree(r.body());
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.close();
    index.close();
  }
}
