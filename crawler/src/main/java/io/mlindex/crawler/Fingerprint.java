package io.mlindex.crawler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A digest of the size, modification time and file key (inode, where there is one) of a unit's
 * source files, and for a folder unit of the folders whose entries could change what the unit
 * holds. A new metric file in {@code metrics/} changes that folder's modification time and so the
 * fingerprint. Computing it costs one stat per source and folder, no listing.
 */
final class Fingerprint {
  private final MessageDigest digest;
  private Instant newest;

  private static final MessageDigest PROTOTYPE = sha256();

  private Fingerprint() {
    try {
      digest = (MessageDigest) PROTOTYPE.clone(); // cheaper than a provider lookup per unit
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The fingerprint of a folder unit read from these sources: their attributes, and the
   * modification times of the unit folder, its immediate sub-folders and every folder a source
   * lies in (a file added to any of them changes that folder's time). Attributes the walk already
   * read ({@code known}, by path) are used instead of a second stat.
   */
  static Fingerprint ofDirectory(Path unitDir, Iterable<String> subdirNames, List<String> sources,
      Map<String, BasicFileAttributes> known) {
    FileSystem fs = unitDir.getFileSystem();
    Fingerprint f = new Fingerprint();
    TreeSet<String> dirs = new TreeSet<>();
    dirs.add(unitDir.toString());
    for (String name : subdirNames) {
      dirs.add(unitDir.resolve(name).toString());
    }
    for (String s : sources) {
      for (Path d = fs.getPath(s).getParent(); d != null && d.startsWith(unitDir); d = d.getParent()) {
        dirs.add(d.toString());
      }
    }
    for (String s : new TreeSet<>(sources)) {
      f.add(s, known, fs);
    }
    for (String d : dirs) {
      f.add(d, known, fs);
    }
    return f;
  }

  private void add(String path, Map<String, BasicFileAttributes> known, FileSystem fs) {
    BasicFileAttributes a = known.get(path);
    if (a != null && !a.isSymbolicLink()) {
      add(path, a);
    } else {
      add(fs.getPath(path));
    }
  }

  /** The fingerprint of a file unit, from attributes the walk already read, plus any other sources. */
  static Fingerprint ofFile(Path file, BasicFileAttributes attrs, List<String> otherSources) {
    Fingerprint f = new Fingerprint();
    f.add(file.toString(), attrs);
    FileSystem fs = file.getFileSystem();
    for (String s : new TreeSet<>(otherSources)) {
      if (!s.equals(file.toString())) {
        f.add(fs.getPath(s));
      }
    }
    return f;
  }

  private void add(Path p) {
    try {
      add(p.toString(), Files.readAttributes(p, BasicFileAttributes.class));
    } catch (IOException e) {
      update(p + "\0missing\n");
    }
  }

  private void add(String path, BasicFileAttributes a) {
    Instant m = a.lastModifiedTime().toInstant();
    if (a.isRegularFile() && (newest == null || m.isAfter(newest))) {
      newest = m;
    }
    update(path + '\0' + a.size() + '\0' + m.toEpochMilli() + '\0' + a.fileKey() + '\n');
  }

  private void update(String s) {
    digest.update(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The newest modification time among the source files (not folders), or null. */
  Instant newestModified() {
    return newest;
  }

  /** 32 hex characters. Call once. */
  String value() {
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }
}
