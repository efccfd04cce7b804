package io.mlindex.crawler;

import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.config.RootSettings;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.TestTrees;
import java.nio.file.FileSystem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CrawlSchedulerTest {
  @Test
  void schedulesEachRootAndRunsRequestedCrawlsOneAtATime() throws Exception {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      write(fs.getPath("/a/x.score"), "1");
      write(fs.getPath("/b/y.score"), "2");
      MemoryStore store = new MemoryStore();
      Crawler crawler = new Crawler(new ParserRegistry(List.of(new TestParsers.ScoreParser())), store, store, new ParseContext(), 100);
      List<CrawlReport> reports = new CopyOnWriteArrayList<>();
      List<RootSettings> roots = List.of(RootSettings.of(fs.getPath("/a")),
          new RootSettings(fs.getPath("/b"), List.of(), List.of(), "0/1 * * * * ?", Duration.ZERO));
      try (CrawlScheduler scheduler = new CrawlScheduler(crawler, roots, "0 0 0 1 1 ? 2099", reports::add)) {
        scheduler.start(true);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reports.stream().filter(r -> r.trigger == Trigger.SERVE).count() == 2);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reports.stream().anyMatch(r -> r.trigger == Trigger.SCHEDULE));
        assertTrue(reports.stream().filter(r -> r.trigger == Trigger.SCHEDULE).allMatch(r -> r.root.equals("/b")),
            "root /a has a schedule far away; only /b runs every second");

        int before = reports.size();
        assertEquals(List.of("/a"), scheduler.trigger(List.of("/a"), Trigger.API));
        scheduler.trigger(List.of("/a"), Trigger.API);
        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> reports.subList(before, reports.size()).stream().filter(r -> r.trigger == Trigger.API).count() == 2);
        assertTrue(reports.stream().allMatch(r -> r.status == CrawlReport.Status.OK), "two requests never ran at once");
        assertThrows(IllegalArgumentException.class, () -> scheduler.trigger(List.of("/nope"), Trigger.API));
      }
    }
  }
}
