package io.mlindex.cli;

/** Exit codes of every command (documented in the README). */
public final class ExitCodes {
  /** It worked. */
  public static final int OK = 0;
  /** It failed: the index or a file could not be used, a crawl failed, a record was not found. */
  public static final int FAILURE = 1;
  /** The command line, a setting or a query is wrong; the message says which part. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
