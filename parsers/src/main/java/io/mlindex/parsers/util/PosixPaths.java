package io.mlindex.parsers.util;

import java.nio.file.Path;

/** Absolute, normalised POSIX spellings of paths, the form every record uses. */
public final class PosixPaths {
  private PosixPaths() {}

  /** {@code /abs/posix/path}, whatever the file system's separator. */
  public static String of(Path path) {
    String s = path.toAbsolutePath().normalize().toString();
    String sep = path.getFileSystem().getSeparator();
    if (!"/".equals(sep)) {
      s = s.replace(sep, "/");
      if (!s.startsWith("/")) {
        s = "/" + s;
      }
    }
    return s;
  }
}
