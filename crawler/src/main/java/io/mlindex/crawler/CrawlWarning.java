package io.mlindex.crawler;

/** A file or folder the crawl could not read as hoped, and why. */
public record CrawlWarning(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
