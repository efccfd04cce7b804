package io.mlindex.parsers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A folder offered to directory parsers, with its entries already listed (sorted by name) so that
 * claim checks cost no extra IO.
 */
public final class DirectoryView {
  private final Path path;
  private final Path root;
  private final Set<String> files;
  private final Set<String> dirs;

  public DirectoryView(Path path, Path root, Set<String> files, Set<String> dirs) {
    this.path = path;
    this.root = root;
    this.files = new TreeSet<>(files);
    this.dirs = new TreeSet<>(dirs);
  }

  public Path path() {
    return path;
  }

  /** The crawl root this folder was found under. */
  public Path root() {
    return root;
  }

  public String name() {
    Path n = path.getFileName();
    return n == null ? "" : n.toString();
  }

  public boolean hasFile(String name) {
    return files.contains(name);
  }

  public boolean hasDir(String name) {
    return dirs.contains(name);
  }

  /** Regular files directly in this folder (symlinks to files included), sorted. */
  public Set<String> files() {
    return files;
  }

  /** Sub-folders directly in this folder, sorted. */
  public Set<String> dirs() {
    return dirs;
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** Whether any of these files is present. */
  public boolean hasAnyFile(List<String> names) {
    return names.stream().anyMatch(files::contains);
  }
}
