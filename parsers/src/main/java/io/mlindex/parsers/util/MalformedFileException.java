package io.mlindex.parsers.util;

import java.io.IOException;

/** A file is not in the shape its format requires; the message names the file and the problem. */
public final class MalformedFileException extends IOException {
  public MalformedFileException(String message) {
    super(message);
  }
}
