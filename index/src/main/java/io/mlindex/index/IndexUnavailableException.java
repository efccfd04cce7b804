package io.mlindex.index;

import java.io.IOException;

/** The index cannot be opened as asked: missing, locked by another process, or unreadable. */
public final class IndexUnavailableException extends IOException {
  public IndexUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
