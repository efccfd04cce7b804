package io.mlindex.crawler;

import io.mlindex.config.RootSettings;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which entries of a root the crawl skips: the usual noise (version control, dependency folders,
 * caches, virtual environments, notebook checkpoints) and the root's configured globs. Include
 * globs, when given, restrict which files are read; folders are always entered unless excluded.
 */
final class ExcludeRules {
  /** Folder names that never hold experiments of their own. */
  static final Set<String> NOISE_DIRS =
      Set.of(
          ".git", ".hg", ".svn", "node_modules", "__pycache__", ".ipynb_checkpoints", ".venv",
          "venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
          ".idea", ".vscode", ".gradle", ".m2", ".cache", ".Trash", "$RECYCLE.BIN");

  private final Path root;
  private final List<PathMatcher> excludes = new ArrayList<>();
  private final List<PathMatcher> includes = new ArrayList<>();

  ExcludeRules(Path root, RootSettings settings) {
    this.root = root;
    FileSystem fs = root.getFileSystem();
    for (String g : settings.exclude()) {
      excludes.add(fs.getPathMatcher("glob:" + g));
    }
    for (String g : settings.include()) {
      includes.add(fs.getPathMatcher("glob:" + g));
    }
  }

  /** Whether a folder is skipped with everything in it. */
  boolean skipsDirectory(Path dir, String name) {
    if (NOISE_DIRS.contains(name)) {
      return true;
    }
    if (name.equals("cache") && dir.getParent() != null && dir.getParent().getFileName() != null
        && dir.getParent().getFileName().toString().equals(".dvc")) {
      return true; // DVC's content-addressed cache: copies of data tracked elsewhere
    }
    return matches(excludes, dir);
  }

  /** Whether a file is skipped. */
  boolean skipsFile(Path file) {
    if (matches(excludes, file)) {
      return true;
    }
    return !includes.isEmpty() && !matches(includes, file);
  }

  private boolean matches(List<PathMatcher> matchers, Path p) {
    if (matchers.isEmpty()) {
      return false;
    }
    Path rel = root.relativize(p);
    for (PathMatcher m : matchers) {
      if (m.matches(rel)) {
        return true;
      }
    }
    return false;
  }
}
