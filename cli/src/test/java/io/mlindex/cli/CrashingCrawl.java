package io.mlindex.cli;

import io.mlindex.config.RootSettings;
import io.mlindex.crawler.CrawlListener;
import io.mlindex.crawler.Crawler;
import io.mlindex.crawler.IndexedUnits;
import io.mlindex.crawler.RecordSink;
import io.mlindex.crawler.Trigger;
import io.mlindex.index.RecordIndex;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.record.Record;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link CrashSafetyIT}: crawls with the real index, announces "POINT" on
 * stdout when it reaches the requested moment, and then either stops there (waiting to be killed) or
 * goes on, so that the test's SIGKILL lands exactly there.
 *
 * <p>Modes: {@code units N} stops before the N-th unit is written (before the first commit);
 * {@code between N} announces after the N-th commit and goes on crawling (the kill lands between
 * checkpoints); {@code commit N} announces as the N-th commit starts and goes on (the kill lands
 * during or just after that commit).
 */
final class CrashingCrawl {
  private CrashingCrawl() {}

  public static void main(String[] args) throws Exception {
    Path index = FileSystems.getDefault().getPath(args[0]);
    Path tree = FileSystems.getDefault().getPath(args[1]);
    String mode = args[2];
    int n = Integer.parseInt(args[3]);
    try (RecordIndex idx = RecordIndex.openWritable(index, Clock.systemUTC())) {
      Pausing ports = new Pausing(new IndexPorts(idx), mode, n);
      new Crawler(ParserRegistry.loadDefault(), ports, ports, new ParseContext(), 20)
          .crawl(RootSettings.of(tree), Trigger.CLI, CrawlListener.NONE);
    }
    System.out.println("DONE");
  }

  /** The index's ports with a pause or an announcement at the requested moment. */
  private static final class Pausing implements IndexedUnits, RecordSink {
    private final IndexPorts real;
    private final String mode;
    private final int n;
    private int units;
    private int commits;

    Pausing(IndexPorts real, String mode, int n) {
      this.real = real;
      this.mode = mode;
      this.n = n;
    }

    @Override
    public Iterator<UnitState> unitsUnder(String rootKey) throws IOException {
      return real.unitsUnder(rootKey);
    }

    @Override
    public List<UnitState> unitsWithContentHash(String hash) throws IOException {
      return real.unitsWithContentHash(hash);
    }

    @Override
    public void crawlStarted(String crawlId, Instant start) {
      real.crawlStarted(crawlId, start);
    }

    @Override
    public void replaceUnit(UnitState unit, List<Record> records) throws IOException {
      if (mode.equals("units") && ++units == n) {
        point();
        awaitKill();
      }
      real.replaceUnit(unit, records);
    }

    @Override
    public void deleteUnit(String unitKey) throws IOException {
      real.deleteUnit(unitKey);
    }

    @Override
    public void commit() throws IOException {
      commits++;
      if (mode.equals("commit") && commits == n) {
        point();
      }
      real.commit();
      if (mode.equals("between") && commits == n) {
        point();
      }
    }

    @Override
    public void crawlFinished(String crawlId, String root, Instant start, boolean reachable, String json) throws IOException {
      real.crawlFinished(crawlId, root, start, reachable, json);
    }

    private static void point() {
      System.out.println("POINT");
      System.out.flush();
    }
  }

  private static void awaitKill() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
