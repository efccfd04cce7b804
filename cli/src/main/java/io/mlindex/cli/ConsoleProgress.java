package io.mlindex.cli;

import io.mlindex.crawler.CrawlListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A one-line progress display on a terminal: folders and files seen, units parsed. Without a
 * terminal it stays silent (the summary follows at the end), so logs are not filled with updates.
 */
final class ConsoleProgress implements CrawlListener, AutoCloseable {
  private final PrintWriter err;
  private final String root;
  private final boolean live;
  private long entries;
  private long parsed;
  private Instant lastDraw = Instant.EPOCH;

  private ConsoleProgress(PrintWriter err, String root, boolean live) {
    this.err = err;
    this.root = root;
    this.live = live;
  }

  static ConsoleProgress start(PrintWriter err, String root) {
    return new ConsoleProgress(err, root, System.console() != null);
  }

  @Override
  public void onEntry(String path) {
    entries++;
    draw();
  }

  @Override
  public void onUnitParsed(String path, int records) {
    parsed++;
    draw();
  }

  private void draw() {
    if (!live) {
      return;
    }
    Instant now = Instant.now();
    if (Duration.between(lastDraw, now).toMillis() < 200) {
      return;
    }
    lastDraw = now;
    err.printf(Locale.ROOT, "\rCrawling %s: %,d entries, %,d units parsed", root, entries, parsed);
    err.flush();
  }

  @Override
  public void close() {
    if (live && lastDraw != Instant.EPOCH) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
