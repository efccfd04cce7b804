package io.mlindex.parsers.git;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a work tree's {@code .git} without git: {@code HEAD} (a branch ref or a detached commit),
 * loose refs, {@code packed-refs}, and the remote URL from {@code config}. A {@code .git} file
 * ({@code gitdir: <path>}, written for linked worktrees and submodules) leads to the real git
 * folder; a worktree's {@code commondir} to the shared refs and config. Only reads, never writes.
 */
final class GitRepositoryReader {
  /** HEAD, .git files, loose refs and commondir are a line each. */
  private static final long SMALL_FILE = 4096;
  private static final long CONFIG_LIMIT = 1 << 20;
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern REF_NAME = Pattern.compile("refs/[A-Za-z0-9._/+@-]{1,240}");
  private static final int MAX_SYMREF_DEPTH = 5;

  private final ParseContext context;

  GitRepositoryReader(ParseContext context) {
    this.context = context;
  }

  /** What {@code <workTree>/.git} says; problems are in {@link GitHead#problem()}, never thrown. */
  GitHead read(Path workTree) {
    Path marker = workTree.resolve(".git");
    Path gitDir;
    try {
      gitDir = gitDir(marker);
    } catch (IOException | InvalidPathException e) {
      return new GitHead(null, null, null, "git: " + e.getMessage());
    }
    Path commonDir = commonDir(gitDir);
    String remote = remote(commonDir);
    String head;
    try {
      head = line(gitDir.resolve("HEAD"));
    } catch (IOException e) {
      return new GitHead(null, null, remote, "git: HEAD of " + gitDir + " could not be read: " + e.getMessage());
    }
    if (COMMIT.matcher(head).matches()) {
      return new GitHead(head, null, remote, null); // detached
    }
    if (!head.startsWith("ref:")) {
      return new GitHead(null, null, remote, "git: HEAD of " + gitDir + " is neither a ref nor a commit id");
    }
    String ref = head.substring(4).strip();
    String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    if (Files.isDirectory(commonDir.resolve("reftable"))) {
      return new GitHead(null, null, remote, "git: " + commonDir + " keeps its refs in the reftable format, which is not read");
    }
    try {
      String commit = resolve(ref, gitDir, commonDir, 0);
      if (commit != null || isUnborn(commonDir)) {
        return new GitHead(commit, branch, remote, null); // a repository without commits yet is normal
      }
      return new GitHead(null, branch, remote, "git: branch " + branch + " has no commit (neither a loose ref nor in packed-refs)");
    } catch (IOException e) {
      return new GitHead(null, branch, remote, "git: ref " + ref + " could not be read: " + e.getMessage());
    }
  }

  /** The git folder: {@code .git} itself, or where a {@code .git} file's {@code gitdir:} line points. */
  private static Path gitDir(Path marker) throws IOException {
    if (Files.isDirectory(marker)) {
      return marker;
    }
    String line = line(marker);
    if (!line.startsWith("gitdir:")) {
      throw new IOException(marker + " is neither a folder nor a 'gitdir:' file");
    }
    Path target = marker.getParent().resolve(line.substring("gitdir:".length()).strip()).normalize();
    if (!Files.isDirectory(target)) {
      throw new IOException(marker + " points to " + target + ", which is not a folder");
    }
    return target;
  }

  /** A linked worktree's git folder names the shared one in {@code commondir}. */
  private static Path commonDir(Path gitDir) {
    Path file = gitDir.resolve("commondir");
    if (!Files.isRegularFile(file)) {
      return gitDir;
    }
    try {
      Path common = gitDir.resolve(line(file)).normalize();
      return Files.isDirectory(common) ? common : gitDir;
    } catch (IOException | InvalidPathException e) {
      return gitDir;
    }
  }

  /** The commit of a ref: its loose file (per-worktree first, then shared), else packed-refs. */
  private String resolve(String ref, Path gitDir, Path commonDir, int depth) throws IOException {
    if (depth > MAX_SYMREF_DEPTH || !REF_NAME.matcher(ref).matches() || ref.contains("..")) {
      return null;
    }
    Set<Path> dirs = new LinkedHashSet<>();
    dirs.add(gitDir);
    dirs.add(commonDir);
    for (Path dir : dirs) {
      Path loose = dir.resolve(ref);
      if (Files.isRegularFile(loose)) {
        String value = line(loose);
        if (COMMIT.matcher(value).matches()) {
          return value;
        }
        if (value.startsWith("ref:")) {
          return resolve(value.substring(4).strip(), gitDir, commonDir, depth + 1);
        }
        throw new IOException(loose.getFileName() + " holds neither a commit id nor a ref");
      }
    }
    return packed(commonDir.resolve("packed-refs"), ref);
  }

  /** Whether the repository has no branch at all yet (after {@code git init}, before a commit). */
  private static boolean isUnborn(Path commonDir) {
    if (Files.exists(commonDir.resolve("packed-refs"))) {
      return false;
    }
    try (DirectoryStream<Path> heads = Files.newDirectoryStream(commonDir.resolve("refs/heads"))) {
      return !heads.iterator().hasNext();
    } catch (IOException e) {
      return true; // no refs/heads folder
    }
  }

  /** Streams {@code packed-refs} ({@code <sha> <ref>} lines; {@code #} headers, {@code ^} peeled tags). */
  private String packed(Path file, String ref) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    long limit = context.limits().maxReadBytes();
    long read = 0;
    try (InputStream in = Files.newInputStream(file);
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      for (int n = 1; (line = lines.readLine()) != null; n++) {
        read += line.length() + 1;
        if (read > limit) {
          throw new IOException("packed-refs is larger than " + limit + " bytes (limits.max_read_bytes)");
        }
        if ((n & 0xfff) == 0) {
          context.checkDeadline();
        }
        int space = line.indexOf(' ');
        if (space > 0 && line.charAt(0) != '#' && line.charAt(0) != '^'
            && line.substring(space + 1).strip().equals(ref) && COMMIT.matcher(line.substring(0, space)).matches()) {
          return line.substring(0, space);
        }
      }
    }
    return null;
  }

  private static String remote(Path commonDir) {
    Path config = commonDir.resolve("config");
    if (!Files.isRegularFile(config)) {
      return null;
    }
    try {
      return GitRemotes.originUrl(BoundedReads.readString(config, CONFIG_LIMIT));
    } catch (IOException e) {
      return null;
    }
  }

  /** The first line of a small file, stripped. */
  private static String line(Path file) throws IOException {
    String text = BoundedReads.readString(file, SMALL_FILE);
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).strip();
  }
}
