package io.mlindex.index;

/**
 * A query that cannot be run, with the 1-based character position of the problem (0 when it
 * concerns the whole query) and what to do about it.
 */
public final class QuerySyntaxException extends Exception {
  private final int position;
  private final String rawMessage;

  public QuerySyntaxException(String message, int position) {
    super(position > 0 ? message + " (at position " + position + ")" : message);
    this.position = position;
    this.rawMessage = message;
  }

  /** The message without the position. */
  public String getRawMessage() {
    return rawMessage;
  }

  /** 1-based character position, or 0. */
  public int position() {
    return position;
  }
}
