package io.mlindex.parsers.git;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.RecordEnricher;
import io.mlindex.record.CodeRef;
import io.mlindex.record.Record;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Fills {@code code.git_commit}, {@code git_branch} and {@code git_remote} of records whose files
 * lie in a git work tree, from that tree's {@code .git} (read directly: no git binary, no JGit).
 * Values a parser already found (an MLflow run's {@code mlflow.source.git.commit}) are kept: the
 * branch is filled only together with the commit, since both describe the same checkout. The file
 * system is the context's ({@code FileSystem.class}), else the default one.
 */
public final class GitCodeEnricher implements RecordEnricher {
  /** Folders and work trees remembered; a crawl of millions of files touches far fewer folders. */
  static final int MAX_ENTRIES = 8192;
  /** How long what was read from a .git is trusted (the enricher lives as long as the crawler). */
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  private final GitWorkTrees workTrees = new GitWorkTrees(MAX_ENTRIES, MAX_AGE);

  @Override
  public void enrich(List<Record> records, ParseContext context) {
    FileSystem fs = context.get(FileSystem.class, FileSystems.getDefault());
    for (Record r : records) {
      CodeRef code = r.getCode();
      if (r.getPath() == null || code.getGitCommit() != null && code.getGitRemote() != null) {
        continue;
      }
      Optional<GitHead> head = headFor(fs, r.getPath(), context);
      if (head.isEmpty()) {
        continue;
      }
      GitHead h = head.get();
      if (code.getGitCommit() == null && h.commit() != null) {
        code.setGitCommit(h.commit());
        code.setGitBranch(code.getGitBranch() != null ? code.getGitBranch() : h.branch());
      } else if (code.getGitCommit() == null && code.getGitBranch() == null) {
        code.setGitBranch(h.branch());
      }
      if (code.getGitRemote() == null) {
        code.setGitRemote(h.remote());
      }
      if (h.problem() != null) {
        r.warn(h.problem());
      }
    }
  }

  private Optional<GitHead> headFor(FileSystem fs, String recordPath, ParseContext context) {
    Path path;
    try {
      path = fs.getPath(recordPath);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (!Files.exists(path)) {
      return Optional.empty(); // not on this file system: nothing to look up
    }
    Path folder = Files.isDirectory(path) ? path : path.getParent();
    return folder == null ? Optional.empty() : workTrees.headOf(folder, context);
  }
}
