package io.mlindex.parsers;

/** A parser ran past its unit's deadline (see {@link ParseContext#checkDeadline()}). */
public final class ParseTimeoutException extends RuntimeException {
  public ParseTimeoutException(String message) {
    super(message);
  }
}
