package io.mlindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.RecordJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  @TempDir Path work;
  private Path tree;

  @BeforeEach
  void writeTree() throws Exception {
    tree = FixtureTree.write(work.resolve("tree"));
  }

  private CliRun mlindex(String... args) {
    List<String> all = new ArrayList<>(List.of("--index", work.resolve("idx").toString()));
    all.addAll(List.of(args));
    return CliRun.run(work, all.toArray(new String[0]));
  }

  @Test
  void crawlThenSearchWithExactHits() throws Exception {
    CliRun crawl = mlindex("crawl", "tree");
    assertEquals(0, crawl.exit(), crawl.toString());
    assertEquals("", crawl.out(), "messages go to stderr");
    // 4 MLflow runs, their experiment, 3 notebooks (the checkpoint copy is skipped)
    assertTrue(crawl.err().contains("8 records written"), crawl.err());
    assertTrue(crawl.err().contains("broken.ipynb"), "the broken notebook is reported: " + crawl.err());

    CliRun json = mlindex("search", "metric.accuracy:>0.9", "--sort", "metric.accuracy:desc", "--format", "json");
    assertEquals(0, json.exit(), json.toString());
    JsonNode result = RecordJson.mapper().readTree(json.out());
    assertEquals(2, result.get("total").asInt());
    assertEquals("gbm-deep", result.get("hits").get(0).get("name").asText());
    assertEquals(0.95, result.get("hits").get(0).get("metrics").get("accuracy").get("last").asDouble());
    assertEquals("gbm-wide", result.get("hits").get(1).get("name").asText());

    CliRun table = mlindex("search", "format:notebook");
    assertEquals(0, table.exit());
    assertEquals(4, table.out().lines().count(), "header + train, plot, broken (not the checkpoint copy):\n" + table.out());
    assertTrue(table.err().contains("3 of 3 records"), table.err());

    CliRun words = mlindex("search", "gradientboostingclassifier");
    assertEquals(2, words.out().lines().count(), words.out());

    CliRun csv = mlindex("search", "param.lr:[1e-3 TO 1e-2]", "--sort", "param.lr", "--format", "csv");
    List<String> lines = csv.out().lines().toList();
    assertEquals("ID,KIND,FORMAT,NAME,param.lr,PATH", lines.get(0));
    assertEquals(3, lines.size(), csv.out());
    assertTrue(lines.get(1).contains("gbm-deep") && lines.get(2).contains("gbm-wide"), csv.out());
  }

  @Test
  void badQueriesExitTwoWithOneLine() {
    mlindex("crawl", "tree");
    CliRun bad = mlindex("search", "metric.acc:>>");
    assertEquals(2, bad.exit());
    assertEquals(1, bad.err().lines().count(), bad.err());
    assertTrue(bad.err().startsWith("mlindex: bad query: cannot parse the query: unexpected '>'"), bad.err());
    assertTrue(bad.err().contains("position 13"), bad.err());
    CliRun sort = mlindex("search", "x", "--sort", "nonsense:up");
    assertEquals(2, sort.exit(), sort.toString());
  }

  @Test
  void showExportAndStats() throws Exception {
    mlindex("crawl", "tree");
    CliRun export = mlindex("export", "--format", "jsonl");
    assertEquals(0, export.exit());
    List<String> lines = export.out().lines().toList();
    assertEquals(8, lines.size());
    String id = null;
    for (String line : lines) {
      JsonNode r = RecordJson.mapper().readTree(line);
      assertTrue(r.has("id") && r.has("kind") && r.has("format") && r.has("path") && r.has("root"), line);
      if (r.path("name").asText().equals("gbm-wide")) {
        id = r.get("id").asText();
      }
    }
    CliRun show = mlindex("show", id);
    assertEquals(0, show.exit(), show.toString());
    assertTrue(show.out().startsWith("gbm-wide  [run, mlflow]"), show.out());
    assertTrue(show.out().contains("accuracy = 0.91"), show.out());
    CliRun showJson = mlindex("show", id, "--format", "json");
    assertEquals("gbm-wide", RecordJson.mapper().readTree(showJson.out()).get("name").asText());
    CliRun byPath = mlindex("show", "tree/notebooks/train.ipynb");
    assertEquals(0, byPath.exit(), byPath.toString());
    assertTrue(byPath.out().contains("sklearn"), byPath.out());
    CliRun missing = mlindex("show", "0000000000000000");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("no record has the id 0000000000000000"), missing.err());

    CliRun stats = mlindex("stats");
    assertEquals(0, stats.exit());
    assertTrue(stats.out().contains("records      8"), stats.out());
    assertTrue(stats.out().contains("mlflow         5"), stats.out());
  }

  @Test
  void aSecondCrawlParsesNothingAndSaysSo() {
    mlindex("crawl", "tree");
    CliRun again = mlindex("crawl", "tree", "--format", "json");
    assertEquals(0, again.exit());
    assertTrue(again.err().contains("Nothing changed since the last crawl"), again.err());
    assertTrue(again.out().contains("\"units_parsed\":0"), again.out());
  }

  @Test
  void errorsAreActionableAndExitCodesDocumented() throws Exception {
    CliRun noIndex = mlindex("search", "x");
    assertEquals(1, noIndex.exit());
    assertTrue(noIndex.err().contains("there is no index at") && noIndex.err().contains("mlindex crawl"), noIndex.err());
    assertTrue(!noIndex.err().contains("at io.mlindex"), "no stack trace without --stacktrace");

    FixtureTree.put(work.resolve("bad.yaml"), "roots:\n  - path: tree\n    exclud: ['x']\nserver:\n  port: 99999\n");
    CliRun settings = CliRun.run(work, "--config", "bad.yaml", "crawl");
    assertEquals(2, settings.exit(), settings.toString());
    assertTrue(settings.err().contains("bad.yaml"), settings.err());
    assertTrue(settings.err().contains("roots[0].exclud: unknown key"), settings.err());
    assertTrue(settings.err().contains("server.port: is 99999"), settings.err());

    CliRun nothing = mlindex("crawl");
    assertEquals(2, nothing.exit());
    assertTrue(nothing.err().contains("nothing to crawl"), nothing.err());

    CliRun unknown = mlindex("search", "--frobnicate");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("Unknown option"), unknown.err());

    assertEquals(0, mlindex("--version").exit());
    CliRun help = mlindex("search", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("--sort"), help.out());
    assertTrue(CliRun.run(work, "--help").out().contains("Exit codes:"));
  }

  @Test
  void settingsFileRootsAndIndexAreUsed() throws Exception {
    FixtureTree.put(work.resolve("mlindex.yaml"), "index: idx2\nroots:\n  - path: tree\n    exclude: ['notebooks']\n");
    CliRun crawl = CliRun.run(work, "--config", "mlindex.yaml", "crawl");
    assertEquals(0, crawl.exit(), crawl.toString());
    assertTrue(Files.isDirectory(work.resolve("idx2")));
    CliRun search = CliRun.run(work, "--config", "mlindex.yaml", "search", "format:notebook");
    assertTrue(search.err().contains("0 of 0 records"), search.toString());
  }

  @Test
  void serveAnswersOverHttpAndCrawlsInTheBackground() throws Exception {
    CommandLine cmd = Main.newCommandLine(CliRun.environment(work));
    cmd.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    Thread t = new Thread(() -> cmd.execute("--index", work.resolve("idx").toString(), "serve", "tree", "--port", "0"));
    t.start();
    ServeCommand serve = cmd.getSubcommands().get("serve").getCommand();
    HttpClient http = HttpClient.newHttpClient();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> serve.server != null);
      URI uri = URI.create("http://127.0.0.1:" + serve.server.port() + "/api/search?q=format:notebook");
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 && RecordJson.mapper().readTree(r.body()).get("total").asInt() == 3;
      });
    } finally {
      serve.stop.countDown();
      t.join(10_000);
    }
  }

  @Test
  void crawlHistoryRecordHistoryAndForget() throws Exception {
    mlindex("crawl", "tree");
    FixtureTree.put(tree.resolve("mlruns/1/bbb/params/lr"), "0.02");
    Files.setLastModifiedTime(tree.resolve("mlruns/1/bbb/params/lr"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    CliRun second = mlindex("crawl", "tree");
    assertTrue(second.err().contains("1 changed"), second.err());

    CliRun crawls = mlindex("crawls");
    assertEquals(0, crawls.exit(), crawls.toString());
    assertEquals(3, crawls.out().lines().count(), crawls.out());
    assertTrue(crawls.out().lines().skip(1).allMatch(l -> l.contains(" cli ") && l.contains(" ok ")), crawls.out());
    JsonNode json = RecordJson.mapper().readTree(mlindex("crawls", "--format", "json", "--limit", "1").out());
    assertEquals(1, json.size());
    assertEquals(1, json.get(0).get("units_changed").asInt());

    CliRun history = mlindex("history", "tree/mlruns/1/bbb");
    assertEquals(0, history.exit(), history.toString());
    assertTrue(history.out().contains("param lr: \"0.01\" -> \"0.02\""), history.out());

    CliRun forget = mlindex("forget", "tree");
    assertEquals(0, forget.exit(), forget.toString());
    assertTrue(mlindex("search", "").err().contains("0 of 0 records"));
  }
}
