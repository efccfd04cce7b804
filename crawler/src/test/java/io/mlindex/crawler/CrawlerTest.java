package io.mlindex.crawler;

import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.config.ParseLimits;
import io.mlindex.config.RootSettings;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrawlerTest {
  private FileSystem fs;
  private Path root;
  private final MemoryStore store = new MemoryStore();
  private final TestParsers.ScoreParser scores = new TestParsers.ScoreParser();
  private final TestParsers.RunFolderParser runs = new TestParsers.RunFolderParser();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private ParseContext context;

  @BeforeEach
  void setUp() {
    fs = TestTrees.newFileSystem();
    root = fs.getPath("/exp");
    context = new ParseContext();
    context.set(Clock.class, new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    });
  }

  @AfterEach
  void tearDown() throws Exception {
    fs.close();
  }

  private CrawlReport crawl() {
    return crawl(RootSettings.of(root));
  }

  private CrawlReport crawl(RootSettings settings) {
    Crawler crawler = new Crawler(new ParserRegistry(List.of(scores, runs)), store, store, context, 1000);
    return crawler.crawl(settings, Trigger.CLI, CrawlListener.NONE);
  }

  /** Writes a file with a modification time that moves forward on every write. */
  private Path put(String rel, String content) throws Exception {
    Path p = write(root.resolve(rel), content);
    now = now.plusSeconds(10);
    Files.setLastModifiedTime(p, FileTime.from(now));
    return p;
  }

  @Test
  void harvestsFilesAndRunFoldersAndSkipsNoise() throws Exception {
    put("a.score", "0.5");
    put("runs/r1/run.txt", "first");
    put("runs/r1/acc.score", "0.9");
    put(".git/hooks/x.score", "1");
    put("node_modules/pkg/y.score", "1");
    put("env/pyvenv.cfg", "home = /usr");
    put("env/lib/z.score", "1");
    CrawlReport report = crawl();
    assertEquals(CrawlReport.Status.OK, report.status, String.valueOf(report.error));
    assertEquals(2, report.unitsParsed);
    assertEquals(2, store.records().size());
    Record run = store.byPath("/exp/runs/r1");
    assertEquals("first", run.getName());
    assertEquals(0.9, run.getMetrics().get("acc.score").last());
    assertNull(store.byPath("/exp/runs/r1/acc.score"), "a file a run folder consumed is not read again");
    assertEquals("/exp", run.getRoot());
    assertNotNull(run.getTime().getModified());
  }

  @Test
  void aSecondCrawlOfAnUnchangedTreeParsesNothing() throws Exception {
    put("a.score", "0.5");
    put("b/run.txt", "r");
    crawl();
    int fileCalls = scores.calls.get();
    int dirCalls = runs.calls.get();
    int claims = runs.claimed.get();
    CrawlReport again = crawl();
    assertEquals(0, again.unitsParsed);
    assertEquals(2, again.unitsUnchanged);
    assertEquals(0, again.unitsRemoved);
    assertEquals(fileCalls, scores.calls.get());
    assertEquals(dirCalls, runs.calls.get());
    assertEquals(claims, runs.claimed.get(), "an unchanged run folder is not claimed again");
  }

  @Test
  void changesReharvestOnlyWhatChanged() throws Exception {
    put("a.score", "0.5");
    put("z.score", "0.1");
    put("r/run.txt", "r");
    put("r/m.score", "1");
    crawl();
    put("a.score", "0.75");
    CrawlReport second = crawl();
    assertEquals(1, second.unitsChanged);
    assertEquals(0.75, store.byPath("/exp/a.score").getMetrics().get("score").last());

    put("r/n.score", "2"); // a new file in a run folder changes the folder
    CrawlReport third = crawl();
    assertEquals(1, third.unitsChanged, "only the run folder");
    assertEquals(2.0, store.byPath("/exp/r").getMetrics().get("n.score").last());
  }

  @Test
  void vanishedFilesAndFoldersLoseTheirRecordsAndOnlyTheirs() throws Exception {
    put("a.score", "1");
    put("a-b.score", "2");
    put("a/x.score", "3");
    put("a/b/run.txt", "deep");
    crawl();
    assertEquals(4, store.records().size());
    Files.delete(root.resolve("a/b/run.txt"));
    Files.delete(root.resolve("a/b"));
    Files.delete(root.resolve("a/x.score"));
    CrawlReport report = crawl();
    assertEquals(2, report.unitsRemoved);
    assertEquals(List.of("/exp/a-b.score", "/exp/a.score"),
        store.records().stream().map(Record::getPath).sorted().toList());
  }

  @Test
  void aFileThatFailsBecomesARecordWithAWarningAndTheCrawlGoesOn() throws Exception {
    put("bad.score", "fail");
    put("good.score", "0.3");
    CrawlReport report = crawl();
    assertEquals(CrawlReport.Status.OK, report.status);
    assertEquals(1, report.unitsFailed);
    Record bad = store.byPath("/exp/bad.score");
    assertTrue(bad.getWarnings().get(0).contains("cannot make sense of bad.score"), bad.getWarnings().toString());
    assertTrue(report.warnings.stream().anyMatch(w -> w.path().equals("/exp/bad.score")));
    assertNotNull(store.byPath("/exp/good.score"));
  }

  @Test
  void aFileThatBreaksLaterKeepsItsEarlierRecord() throws Exception {
    put("m.score", "0.4");
    crawl();
    put("m.score", "fail");
    CrawlReport report = crawl();
    assertEquals(1, report.unitsFailed);
    assertTrue(report.warnings.get(0).message().contains("kept"), report.warnings.toString());
    assertEquals(0.4, store.byPath("/exp/m.score").getMetrics().get("score").last());
    put("m.score", "0.6");
    crawl();
    assertEquals(0.6, store.byPath("/exp/m.score").getMetrics().get("score").last(), "retried once readable");
  }

  @Test
  void aParserThatOverrunsIsAbandoned() throws Exception {
    context.set(ParseLimits.class, new ParseLimits(1 << 20, 1000, Duration.ofMillis(1), 1 << 20));
    // the deadline uses the injected clock: move it past the deadline while the parser spins
    put("slow.score", "hang");
    put("ok.score", "1");
    Thread mover = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        now = now.plusSeconds(1);
        Thread.onSpinWait();
      }
    });
    mover.start();
    try {
      CrawlReport report = crawl();
      assertEquals(1, report.unitsFailed);
      assertTrue(report.warnings.stream().anyMatch(w -> w.path().endsWith("slow.score") && w.message().contains("limits.parse_timeout")), report.warnings.toString());
      assertNotNull(store.byPath("/exp/ok.score"));
    } finally {
      mover.interrupt();
      mover.join();
    }
  }

  @Test
  void symlinksNeverLeadOutOfTheRootOrIntoALoop() throws Exception {
    put("real/r.score", "1");
    write(fs.getPath("/elsewhere/secret.score"), "9");
    Files.createSymbolicLink(root.resolve("loop"), root);
    Files.createSymbolicLink(root.resolve("out.score"), fs.getPath("/elsewhere/secret.score"));
    Files.createSymbolicLink(root.resolve("outdir"), fs.getPath("/elsewhere"));
    Files.createSymbolicLink(root.resolve("alias.score"), root.resolve("real/r.score"));
    CrawlReport report = crawl();
    assertEquals(CrawlReport.Status.OK, report.status);
    assertEquals(List.of("/exp/alias.score", "/exp/real/r.score"),
        store.records().stream().map(Record::getPath).sorted().toList());
    assertEquals(3, report.symlinksSkipped);
  }

  @Test
  void excludeAndIncludeGlobs() throws Exception {
    put("keep/a.score", "1");
    put("scratch/b.score", "2");
    put("keep/c.score", "3");
    RootSettings settings = new RootSettings(root, List.of("**/a.score", "scratch/*"), List.of("scratch"), null, Duration.ZERO);
    crawl(settings);
    assertEquals(List.of("/exp/keep/a.score"), store.records().stream().map(Record::getPath).toList());
  }

  @Test
  void quietPeriodLeavesFilesStillBeingWritten() throws Exception {
    put("old.score", "1");
    now = now.plusSeconds(3600);
    put("fresh.score", "2");
    RootSettings quiet = new RootSettings(root, List.of(), List.of(), null, Duration.ofMinutes(5));
    CrawlReport report = crawl(quiet);
    assertEquals(1, report.unitsQuiet);
    assertNull(store.byPath("/exp/fresh.score"));
    now = now.plusSeconds(600);
    crawl(quiet);
    assertNotNull(store.byPath("/exp/fresh.score"));
  }

  @Test
  void aMissingRootFailsWithoutRemovingAnything() throws Exception {
    put("a.score", "1");
    crawl();
    Files.delete(root.resolve("a.score"));
    Files.delete(root);
    CrawlReport report = crawl();
    assertEquals(CrawlReport.Status.FAILED, report.status);
    assertTrue(report.error.contains("does not exist"), report.error);
    assertEquals(1, store.records().size(), "an unmounted disk must not wipe the index");
  }

  @Test
  void aMovedFileKeepsItsIdentityAndACopyGetsItsOwn() throws Exception {
    put("a/model.score", "0.42");
    crawl();
    String id = store.byPath("/exp/a/model.score").getId();
    Files.createDirectories(root.resolve("z"));
    Files.move(root.resolve("a/model.score"), root.resolve("z/model.score"));
    CrawlReport moved = crawl();
    assertEquals(1, moved.unitsMoved);
    assertEquals(0, moved.unitsRemoved, "the old place is accounted as moved, not removed");
    assertEquals(id, store.byPath("/exp/z/model.score").getId());
    assertEquals(1, store.records().size());
    Files.copy(root.resolve("z/model.score"), root.resolve("b.score"));
    CrawlReport copied = crawl();
    assertEquals(0, copied.unitsMoved);
    assertTrue(!store.byPath("/exp/b.score").getId().equals(id));
  }

  @Test
  void aFutureModificationTimeIsReportedNotStuck() throws Exception {
    Path f = write(root.resolve("skew.score"), "1");
    Files.setLastModifiedTime(f, FileTime.from(now.plus(Duration.ofDays(2))));
    crawl(new RootSettings(root, List.of(), List.of(), null, Duration.ofMinutes(5)));
    Record r = store.byPath("/exp/skew.score");
    assertNotNull(r, "a file from the future is not left in the quiet period forever");
    assertTrue(r.getWarnings().get(0).contains("in the future"), r.getWarnings().toString());
  }

  @Test
  void everyCrawlLeavesAReportAndTheRootsReachability() throws Exception {
    put("a.score", "1");
    crawl();
    assertEquals(1, store.finished.size());
    assertTrue(store.finished.get(0).contains("\"status\":\"ok\""), store.finished.get(0));
    assertEquals(Boolean.TRUE, store.reachable.get("/exp"));
    Files.delete(root.resolve("a.score"));
    Files.delete(root);
    crawl();
    assertEquals(Boolean.FALSE, store.reachable.get("/exp"));
    assertTrue(store.finished.get(1).contains("\"status\":\"failed\""), store.finished.get(1));
  }

  @Test
  void aFullDiskFailsTheCrawlWithAClearError() throws Exception {
    put("a.score", "1");
    MemoryStore full = new MemoryStore() {
      @Override
      public void commit() throws java.io.IOException {
        throw new java.io.IOException("No space left on device");
      }
    };
    CrawlReport report = new Crawler(new ParserRegistry(List.of(scores)), full, full, context, 1000)
        .crawl(RootSettings.of(root), Trigger.CLI, CrawlListener.NONE);
    assertEquals(CrawlReport.Status.FAILED, report.status);
    assertTrue(report.error.contains("the disk is full (No space left on device); the index keeps its previous commit"), report.error);
  }

  @Test
  void aFolderThatVanishesMidCrawlKeepsWhatWasIndexedFromIt() throws Exception {
    put("d/a.score", "1");
    put("e.score", "2");
    crawl();
    Crawler crawler = new Crawler(new ParserRegistry(List.of(scores, runs)), store, store, context, 1000);
    CrawlReport report = crawler.crawl(RootSettings.of(root), Trigger.CLI, new CrawlListener() {
      @Override
      public void onEntry(String path) {
        if (path.equals("/exp/d")) {
          try { // the folder goes away between being seen and being listed
            Files.delete(root.resolve("d/a.score"));
            Files.delete(root.resolve("d"));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
    });
    assertEquals(CrawlReport.Status.OK, report.status);
    assertTrue(report.warnings.get(0).message().startsWith("cannot list folder"), report.warnings.toString());
    assertNotNull(store.byPath("/exp/d/a.score"), "kept until a crawl can see the folder");
    crawl();
    assertNull(store.byPath("/exp/d/a.score"), "gone once the parent is listed without it");
  }

  @Test
  void aSingleFileCanBeARoot() throws Exception {
    Path f = put("one.score", "0.7");
    crawl(RootSettings.of(f));
    assertEquals(0.7, store.byPath("/exp/one.score").getMetrics().get("score").last());
  }

  @Test
  void twoCrawlsOfOneRootNeverRunAtOnce() throws Exception {
    put("a.score", "hang");
    context.set(ParseLimits.class, new ParseLimits(1 << 20, 1000, Duration.ofSeconds(30), 1 << 20));
    CountDownLatch started = new CountDownLatch(1);
    Crawler crawler = new Crawler(new ParserRegistry(List.of(scores)), store, store, context, 1000);
    Thread first = new Thread(() -> crawler.crawl(RootSettings.of(root), Trigger.CLI, new CrawlListener() {
      @Override
      public void onEntry(String path) {
        started.countDown();
      }
    }));
    first.start();
    started.await();
    assertThrows(CrawlInProgressException.class, () -> crawler.crawl(RootSettings.of(root), Trigger.API, CrawlListener.NONE));
    now = now.plusSeconds(3600); // lets the hanging parse time out
    first.join();
  }
}
