package io.mlindex.crawler;

/** A crawl of the same root is already running. */
public final class CrawlInProgressException extends RuntimeException {
  public CrawlInProgressException(String root) {
    super("a crawl of " + root + " is already running; wait for it to finish");
  }
}
