package io.mlindex.server;

import java.time.Duration;

/**
 * Limits and resources of the HTTP server that are not user settings. The defaults suit a shared
 * host; tests shrink them to provoke each limit.
 *
 * @param maxQueryChars longest {@code q} accepted
 * @param maxClauses most clauses a query may expand to (Lucene's clause count; a process-wide limit)
 * @param searchTimeout time budget of one search; a search past it is a 503
 * @param idleTimeout how long a connection may stay silent (slow or stalled clients are dropped)
 * @param maxHeaderBytes largest request line plus headers; larger requests get a 431 (or 414)
 * @param maxThreads request threads
 * @param uiResources classpath folder of the web UI's files (index.html and the rest)
 */
public record ServerOptions(
    int maxQueryChars,
    int maxClauses,
    Duration searchTimeout,
    Duration idleTimeout,
    int maxHeaderBytes,
    int maxThreads,
    String uiResources) {

  public static final String WEB_UI = "io/mlindex/server/web/";

  public ServerOptions {
    if (maxQueryChars < 1 || maxClauses < 1 || maxHeaderBytes < 1024 || maxThreads < 4) {
      throw new IllegalArgumentException("server limits are too small: " + maxQueryChars + ", " + maxClauses
          + ", " + maxHeaderBytes + ", " + maxThreads);
    }
    uiResources = uiResources.endsWith("/") ? uiResources : uiResources + "/";
  }

  public static ServerOptions defaults() {
    return new ServerOptions(4096, 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 8192, 16, WEB_UI);
  }

  public ServerOptions withSearchTimeout(Duration timeout) {
    return new ServerOptions(maxQueryChars, maxClauses, timeout, idleTimeout, maxHeaderBytes, maxThreads, uiResources);
  }

  public ServerOptions withIdleTimeout(Duration timeout) {
    return new ServerOptions(maxQueryChars, maxClauses, searchTimeout, timeout, maxHeaderBytes, maxThreads, uiResources);
  }

  public ServerOptions withMaxQueryChars(int chars) {
    return new ServerOptions(chars, maxClauses, searchTimeout, idleTimeout, maxHeaderBytes, maxThreads, uiResources);
  }

  public ServerOptions withMaxClauses(int clauses) {
    return new ServerOptions(maxQueryChars, clauses, searchTimeout, idleTimeout, maxHeaderBytes, maxThreads, uiResources);
  }

  public ServerOptions withUiResources(String folder) {
    return new ServerOptions(maxQueryChars, maxClauses, searchTimeout, idleTimeout, maxHeaderBytes, maxThreads, folder);
  }
}
