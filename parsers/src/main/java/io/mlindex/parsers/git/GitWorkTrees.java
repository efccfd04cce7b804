package io.mlindex.parsers.git;

import io.mlindex.parsers.ParseContext;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the git work tree a path lies in and what its {@code .git} says, remembering both: many
 * records share one repository, so each folder is looked up and each repository read at most once per
 * {@code maxAge}. Both memories are bounded (least recently used entries go first) and safe to use
 * from several threads.
 */
final class GitWorkTrees {
  /** Deepest folder nesting walked up from a record. */
  private static final int MAX_LEVELS = 256;

  private final Map<Path, Located> workTreeOfFolder;
  private final Map<Path, Read> headOfWorkTree;
  private final Duration maxAge;

  private record Read(GitHead head, Instant at) {}

  private record Located(Optional<Path> workTree, Instant at) {}

  GitWorkTrees(int maxEntries, Duration maxAge) {
    this.workTreeOfFolder = lru(maxEntries);
    this.headOfWorkTree = lru(Math.max(16, maxEntries / 16));
    this.maxAge = maxAge;
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  /** The state of the work tree holding {@code folder}, or empty when it lies in none. */
  Optional<GitHead> headOf(Path folder, ParseContext context) {
    Instant now = context.clock().instant();
    Optional<Path> workTree = workTreeOf(folder.toAbsolutePath().normalize(), now);
    if (workTree.isEmpty()) {
      return Optional.empty();
    }
    Read cached;
    synchronized (headOfWorkTree) {
      cached = headOfWorkTree.get(workTree.get());
    }
    if (cached != null && cached.at().plus(maxAge).isAfter(now)) {
      return Optional.of(cached.head());
    }
    GitHead head = new GitRepositoryReader(context).read(workTree.get());
    synchronized (headOfWorkTree) {
      headOfWorkTree.put(workTree.get(), new Read(head, now));
    }
    return Optional.of(head);
  }

  /** Walks up to the first folder holding {@code .git}, remembering the answer for every folder passed. */
  private Optional<Path> workTreeOf(Path folder, Instant now) {
    List<Path> passed = new ArrayList<>();
    Optional<Path> found = Optional.empty();
    Path p = folder;
    for (int level = 0; p != null && level < MAX_LEVELS; level++, p = p.getParent()) {
      Located known;
      synchronized (workTreeOfFolder) {
        known = workTreeOfFolder.get(p);
      }
      if (known != null && known.at().plus(maxAge).isAfter(now)) {
        found = known.workTree();
        break;
      }
      passed.add(p);
      if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        found = Optional.of(p);
        break;
      }
    }
    Located located = new Located(found, now);
    synchronized (workTreeOfFolder) {
      for (Path q : passed) {
        workTreeOfFolder.put(q, located);
      }
    }
    return found;
  }
}
