package io.mlindex.parsers;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Fixture trees for parser tests, on an in-memory Unix-like file system (Jimfs). */
public final class TestTrees {
  private TestTrees() {}

  /** A fresh in-memory file system; close it at the end of the test. */
  public static FileSystem newFileSystem() {
    return Jimfs.newFileSystem(Configuration.unix());
  }

  /** Writes UTF-8 text, creating parent folders. */
  public static Path write(Path file, String text) {
    return write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes, creating parent folders. */
  public static Path write(Path file, byte[] bytes) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The view a directory parser gets of a folder, as the crawler would list it. */
  public static DirectoryView view(Path dir) {
    return view(dir, dir.getRoot());
  }

  public static DirectoryView view(Path dir, Path root) {
    Set<String> files = new HashSet<>();
    Set<String> dirs = new HashSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          dirs.add(name);
        } else if (Files.isRegularFile(p)) {
          files.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DirectoryView(dir, root, files, dirs);
  }

  /** The candidate a file parser gets for a file. */
  public static FileCandidate candidate(Path file) {
    try {
      return FileCandidate.of(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
