package io.mlindex.server.ui;

import io.mlindex.config.ServerSettings;
import io.mlindex.index.RecordIndex;
import io.mlindex.record.Record;
import io.mlindex.server.SearchServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The server the browser test talks to: the real {@link SearchServer} when it serves the UI and
 * every route the UI calls, else {@link FakeApiServer} (while those routes are still being merged).
 * The test log says which one ran.
 */
final class UiBackend implements AutoCloseable {
  private final AutoCloseable server;
  private final int port;
  final String description;

  private UiBackend(AutoCloseable server, int port, String description) {
    this.server = server;
    this.port = port;
    this.description = description;
  }

  int port() {
    return port;
  }

  static UiBackend start(RecordIndex index, List<Record> fixtures, String token) throws Exception {
    SearchServer real = new SearchServer(index, new ServerSettings("127.0.0.1", 0, token, List.of()), null).start();
    List<String> missing = missingRoutes(real.port(), token, fixtures.get(0).getId());
    if (missing.isEmpty()) {
      return new UiBackend(real, real.port(), "the real SearchServer");
    }
    real.close();
    FakeApiServer fake = new FakeApiServer(index, fixtures, token).start();
    return new UiBackend(fake, fake.port(), "FakeApiServer, because the real server does not answer " + missing);
  }

  private static List<String> missingRoutes(int port, String token, String id) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    List<String> probes = List.of("/static/js/main.js", "/api/fields", "/api/compare?id=" + id + "&id=" + id,
        "/api/lineage?ref=" + id + "&depth=1");
    List<String> missing = new ArrayList<>();
    for (String probe : probes) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
        missing.add(probe.replaceAll("\\?.*", ""));
      }
    }
    return missing;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
