package io.mlindex.parsers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A file offered to parsers: its path, size, modification time and (read on first use, then
 * cached) its first bytes, so that many parsers can look at one file for the price of one read.
 */
public final class FileCandidate {
  /** How many leading bytes {@link #head()} returns at most. */
  public static final int HEAD_BYTES = 8192;

  private final Path path;
  private final long size;
  private final Instant modified;
  private byte[] head;

  public FileCandidate(Path path, long size, Instant modified) {
    this.path = path;
    this.size = size;
    this.modified = modified;
  }

  /** Stats the file now. */
  public static FileCandidate of(Path path) throws IOException {
    return new FileCandidate(path, Files.size(path), Files.getLastModifiedTime(path).toInstant());
  }

  public Path path() {
    return path;
  }

  /** The file name. */
  public String name() {
    Path n = path.getFileName();
    return n == null ? "" : n.toString();
  }

  /** The file name in lower case (for extension checks). */
  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean hasExtension(String... extensions) {
    String n = lowerName();
    for (String e : extensions) {
      if (n.endsWith(e)) {
        return true;
      }
    }
    return false;
  }

  public long size() {
    return size;
  }

  public Instant modified() {
    return modified;
  }

  /** Up to {@link #HEAD_BYTES} leading bytes; empty if the file cannot be read. */
  public byte[] head() {
    if (head == null) {
      try (InputStream in = Files.newInputStream(path)) {
        head = in.readNBytes(HEAD_BYTES);
      } catch (IOException e) {
        head = new byte[0];
      }
    }
    return head;
  }

  /** Whether the file starts with these bytes. */
  public boolean startsWith(byte[] magic) {
    byte[] h = head();
    return h.length >= magic.length && Arrays.equals(h, 0, magic.length, magic, 0, magic.length);
  }

  /** The head decoded as ISO-8859-1 (one char per byte; safe for binary sniffing). */
  public String headText() {
    return new String(head(), java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
