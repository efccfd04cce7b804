package io.mlindex.config;

import java.nio.file.Path;
import java.util.List;

/** Everything mlindex can be told, after defaults, file, environment and system properties. */
public record Settings(
    Path index,
    List<RootSettings> roots,
    ServerSettings server,
    CrawlSettings crawl,
    ParseLimits limits,
    RedactionSettings redaction) {

  public Settings {
    roots = List.copyOf(roots);
  }

  public Settings withIndex(Path newIndex) {
    return new Settings(newIndex, roots, server, crawl, limits, redaction);
  }

  public Settings withRoots(List<RootSettings> newRoots) {
    return new Settings(index, newRoots, server, crawl, limits, redaction);
  }

  public Settings withServer(ServerSettings newServer) {
    return new Settings(index, roots, newServer, crawl, limits, redaction);
  }
}
