package io.mlindex.server;

import java.util.List;

/** Starts crawls on request (POST /api/crawls); supplied by the application. */
public interface CrawlTrigger {
  /** Starts a crawl of every configured root (or of the named ones) in the background; returns their paths. */
  List<String> trigger(List<String> roots);
}
