package io.mlindex.parsers.util;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a zip archive (.keras, PyTorch .pt, .docx ...) through its central directory, so that one
 * entry of a multi-gigabyte checkpoint can be read without touching the rest, and safely: entries
 * are listed up to a bound and read up to a byte limit checked while inflating, so a zip bomb costs
 * at most the limit.
 */
public final class ZipArchive implements Closeable {
  /** Most entries listed. */
  public static final int MAX_ENTRIES = 100_000;

  private final FileSystem zip;
  private final String source;

  private ZipArchive(FileSystem zip, String source) {
    this.zip = zip;
    this.source = source;
  }

  /** Whether the file starts like a zip archive ("PK\3\4", or "PK\5\6" for an empty one). */
  public static boolean looksLikeZip(byte[] head) {
    return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
        && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
  }

  /** Opens an archive; a damaged one is a {@link MalformedFileException}. */
  public static ZipArchive open(Path file) throws IOException {
    try {
      return new ZipArchive(FileSystems.newFileSystem(file, Map.of()), file.toString());
    } catch (ProviderNotFoundException | IllegalArgumentException e) {
      throw new MalformedFileException(file + " is not a readable zip archive: " + e.getMessage());
    } catch (java.util.zip.ZipException e) {
      throw new MalformedFileException(file + " is not a readable zip archive: " + e.getMessage());
    }
  }

  /** Entry names (folders end with '/'), in archive order, at most {@link #MAX_ENTRIES}. */
  public List<String> entries() throws IOException {
    List<String> out = new ArrayList<>();
    for (Path root : zip.getRootDirectories()) {
      collect(root, out);
    }
    return out;
  }

  private void collect(Path dir, List<String> out) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path p : children) {
        if (out.size() >= MAX_ENTRIES) {
          return;
        }
        String name = p.toString().startsWith("/") ? p.toString().substring(1) : p.toString();
        if (Files.isDirectory(p)) {
          out.add(name.endsWith("/") ? name : name + "/");
          collect(p, out);
        } else {
          out.add(name);
        }
      }
    }
  }

  public boolean has(String entry) {
    return Files.exists(zip.getPath("/" + entry));
  }

  /** The uncompressed size the archive states for an entry (not trusted for allocation). */
  public long statedSize(String entry) throws IOException {
    return Files.size(zip.getPath("/" + entry));
  }

  /** The entry's bytes, if it inflates to at most {@code limit} bytes (checked while reading). */
  public byte[] read(String entry, long limit) throws IOException {
    try (InputStream in = Files.newInputStream(zip.getPath("/" + entry))) {
      byte[] bytes = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 16) + 1);
      if (bytes.length > limit) {
        throw new FileTooLargeException(zip.getPath("/" + entry), bytes.length, limit);
      }
      return bytes;
    } catch (java.util.zip.ZipException e) {
      throw new MalformedFileException(source + ": entry " + entry + " is damaged: " + e.getMessage());
    }
  }

  /** A stream over an entry; the caller bounds what it reads. */
  public InputStream open(String entry) throws IOException {
    return Files.newInputStream(zip.getPath("/" + entry));
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
