package io.mlindex.parsers.util;

import java.io.IOException;
import java.nio.file.Path;

/** A file is larger than the configured limit for reading it whole. */
public final class FileTooLargeException extends IOException {
  public FileTooLargeException(Path file, long size, long limit) {
    super(
        file + " is " + size + " bytes, more than limits.max_read_bytes (" + limit
            + "); raise the limit in the settings to read it");
  }
}
