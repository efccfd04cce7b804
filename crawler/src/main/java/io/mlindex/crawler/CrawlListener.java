package io.mlindex.crawler;

/** Progress callbacks, for a progress bar or a log. Called on the crawling thread; keep them cheap. */
public interface CrawlListener {
  CrawlListener NONE = new CrawlListener() {};

  /** A file or folder was looked at. */
  default void onEntry(String path) {}

  /** A unit was parsed (not called for unchanged units). */
  default void onUnitParsed(String path, int records) {}

  /** Something went wrong with one file or folder; the crawl goes on. */
  default void onWarning(CrawlWarning warning) {}
}
