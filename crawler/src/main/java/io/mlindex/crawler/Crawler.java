package io.mlindex.crawler;

import io.mlindex.config.RootSettings;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.RecordJson;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * Crawls roots into a {@link RecordSink}, reading only what changed since the index last saw it.
 * Never writes into the crawled trees. One crawl per root at a time: a second one for the same root
 * fails at once with {@link CrawlInProgressException}.
 */
public final class Crawler {
  private final ParserRegistry registry;
  private final IndexedUnits indexed;
  private final RecordSink sink;
  private final ParseContext context;
  private final Clock clock;
  private final int checkpointRecords;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  public Crawler(
      ParserRegistry registry,
      IndexedUnits indexed,
      RecordSink sink,
      ParseContext context,
      int checkpointRecords) {
    this.registry = registry;
    this.indexed = indexed;
    this.sink = sink;
    this.context = context;
    this.clock = context.clock();
    this.checkpointRecords = checkpointRecords;
  }

  /**
   * Crawls one root. Problems with single files and folders are warnings in the report; the crawl
   * fails (status {@code failed}, with {@code error}) only when the root itself is unusable or the
   * index cannot be written, and then nothing indexed before is removed.
   */
  public CrawlReport crawl(RootSettings root, Trigger trigger, CrawlListener listener) {
    Path path = root.path().toAbsolutePath().normalize();
    String rootPosix = PosixPaths.of(path);
    CrawlReport report = new CrawlReport(UUID.randomUUID().toString(), rootPosix, trigger, clock.instant());
    if (!running.add(rootPosix)) {
      throw new CrawlInProgressException(rootPosix);
    }
    boolean reachable = true;
    // Enrichers get paths as strings; the context tells them which file system they are on.
    ParseContext crawlContext = context.withDeadlineIn(0).set(FileSystem.class, path.getFileSystem());
    try (UnitHarvester harvester = new UnitHarvester(crawlContext, registry.enrichers())) {
      if (!Files.exists(path)) {
        reachable = false;
        throw new NoSuchFileException(rootPosix);
      }
      sink.crawlStarted(report.id, report.start);
      new CrawlRun(
              path,
              new ExcludeRules(path, root),
              registry,
              harvester,
              sink,
              listener,
              clock,
              root.quietPeriod(),
              checkpointRecords,
              report)
          .run(indexed);
      report.finish(clock.instant(), CrawlReport.Status.OK);
    } catch (NoSuchFileException e) {
      report.error = "the root " + rootPosix + " does not exist (or is not mounted); nothing indexed from it was removed";
      report.finish(clock.instant(), CrawlReport.Status.FAILED);
    } catch (IOException | RuntimeException e) {
      report.error = "crawl of " + rootPosix + " failed: " + describe(e);
      report.finish(clock.instant(), CrawlReport.Status.FAILED);
    } finally {
      running.remove(rootPosix);
    }
    saveHistory(report, reachable);
    return report;
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    if (e instanceof IOException && m != null && m.toLowerCase(java.util.Locale.ROOT).contains("no space left")
        && !m.contains("last commit is intact")) {
      return "the disk is full (" + m + "); the index keeps its previous commit, free some space and crawl again";
    }
    return m == null ? e.toString() : e instanceof IOException ? m : e.getClass().getSimpleName() + ": " + m;
  }

  private void saveHistory(CrawlReport report, boolean reachable) {
    try {
      sink.crawlFinished(report.id, report.root, report.start, reachable, RecordJson.mapper().writeValueAsString(report));
    } catch (IOException | RuntimeException e) {
      if (report.error == null) {
        report.error = "the crawl finished but its report could not be stored: " + e.getMessage();
        report.status = CrawlReport.Status.FAILED;
      }
    }
  }
}
