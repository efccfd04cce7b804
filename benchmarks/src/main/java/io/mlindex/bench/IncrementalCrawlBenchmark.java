package io.mlindex.bench;

import io.mlindex.cli.IndexPorts;
import io.mlindex.config.RootSettings;
import io.mlindex.crawler.CrawlListener;
import io.mlindex.crawler.CrawlReport;
import io.mlindex.crawler.Crawler;
import io.mlindex.crawler.Trigger;
import io.mlindex.index.RecordIndex;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Locale;

/**
 * Issue 7's figures: for a synthetic tree of N runs, the full crawl, a no-change recrawl, the plain
 * {@code Files.walkFileTree} over the same tree (the floor), a 1%-changed recrawl, and the peak heap
 * of each. Usage: {@code ./bench incremental [runs=10000] [dir]}; run under {@code -Xmx512m}.
 */
public final class IncrementalCrawlBenchmark {
  private IncrementalCrawlBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path base = args.length > 1 ? FileSystems.getDefault().getPath(args[1]) : Files.createTempDirectory("mlindex-bench");
    Path tree = base.resolve("tree-" + runs);
    Path indexDir = base.resolve("index-" + runs);
    if (!Files.exists(tree)) {
      long t = System.nanoTime();
      long files = SyntheticTree.write(tree, runs, 42);
      System.out.printf(Locale.ROOT, "generated %d runs, %d files in %.1f s%n", runs, files, seconds(t));
    }
    deleteRecursively(indexDir);
    try (RecordIndex index = RecordIndex.openWritable(indexDir, Clock.systemUTC())) {
      IndexPorts ports = new IndexPorts(index);
      Crawler crawler = new Crawler(ParserRegistry.loadDefault(), ports, ports, new ParseContext(), 5000);
      CrawlReport full = measure("full crawl", () -> crawler.crawl(RootSettings.of(tree), Trigger.CLI, CrawlListener.NONE));
      // best of three for both, so that one stall (a merge, the page cache) does not decide the ratio
      double walk = Double.MAX_VALUE;
      CrawlReport same = null;
      for (int i = 0; i < 3; i++) {
        walk = Math.min(walk, walkFloor(tree));
        CrawlReport again = measure("no-change recrawl", () -> crawler.crawl(RootSettings.of(tree), Trigger.CLI, CrawlListener.NONE));
        same = same == null || again.seconds < same.seconds ? again : same;
      }
      System.out.printf(Locale.ROOT, "no-change recrawl / walk floor = %.2f, best of 3 each (goal <= 2)%n", same.seconds / walk);
      int changed = SyntheticTree.touch(tree, runs, 1.0, 7);
      CrawlReport onePercent = measure("1%-changed recrawl (" + changed + " files)",
          () -> crawler.crawl(RootSettings.of(tree), Trigger.CLI, CrawlListener.NONE));
      System.out.printf(Locale.ROOT, "records %d; full %.1f s; unchanged %.1f s; walk %.1f s; 1%% %.1f s (%d parsed)%n",
          full.recordsWritten, full.seconds, same.seconds, walk, onePercent.seconds, onePercent.unitsParsed);
    }
  }

  private interface Crawl {
    CrawlReport run() throws Exception;
  }

  private static CrawlReport measure(String what, Crawl crawl) throws Exception {
    System.gc();
    resetPeaks();
    CrawlReport r = crawl.run();
    System.out.printf(Locale.ROOT, "%-40s %8.2f s  parsed %7d  unchanged %7d  records %7d  peak heap %5d MiB%s%n",
        what, r.seconds, r.unitsParsed, r.unitsUnchanged, r.recordsWritten, peakHeapMiB(),
        r.error == null ? "" : "  ERROR " + r.error);
    return r;
  }

  private static double walkFloor(Path tree) throws IOException {
    System.gc();
    resetPeaks();
    long t = System.nanoTime();
    long[] count = {0};
    Files.walkFileTree(tree, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        count[0]++;
        return FileVisitResult.CONTINUE;
      }
    });
    double s = seconds(t);
    System.out.printf(Locale.ROOT, "%-40s %8.2f s  files %d  peak heap %5d MiB%n", "walk floor (Files.walkFileTree)", s, count[0], peakHeapMiB());
    return s;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  private static long peakHeapMiB() {
    long total = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        total += p.getPeakUsage().getUsed();
      }
    }
    return total >> 20;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
