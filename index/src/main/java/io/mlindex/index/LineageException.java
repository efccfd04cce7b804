package io.mlindex.index;

/** A lineage question that cannot be answered as asked, with what the caller should do. */
public final class LineageException extends Exception {
  /** Why: the request is malformed, nothing matches the reference, or the answer is too big. */
  public enum Reason {
    BAD_REQUEST,
    NOT_FOUND,
    TOO_LARGE
  }

  private final Reason reason;

  public LineageException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
