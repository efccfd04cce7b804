package io.mlindex.crawler;

import io.mlindex.config.RootSettings;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.util.PosixPaths;
import java.io.IOException;
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
    try (UnitHarvester harvester = new UnitHarvester(context, registry.enrichers())) {
      if (!Files.exists(path)) {
        throw new NoSuchFileException(rootPosix);
      }
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
      report.error = "crawl of " + rootPosix + " failed: " + e;
      report.finish(clock.instant(), CrawlReport.Status.FAILED);
    } finally {
      running.remove(rootPosix);
    }
    return report;
  }
}
