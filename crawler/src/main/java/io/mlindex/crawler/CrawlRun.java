package io.mlindex.crawler;

import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One crawl of one root: a depth-first walk with each folder's entries in name order, merged
 * against the units the index holds for the root (see {@link StoredUnits}), so that memory holds
 * one folder listing per level and nothing that grows with the tree.
 */
final class CrawlRun {
  private static final int MAX_DEPTH = 256;

  private final Path root;
  private final String rootPosix;
  private final ExcludeRules rules;
  private final ParserRegistry registry;
  private final UnitHarvester harvester;
  private final RecordSink sink;
  private final CrawlListener listener;
  private final Clock clock;
  private final Duration quietPeriod;
  private final int checkpointRecords;
  private final CrawlReport report;
  private final Path realRoot;
  /** Files claimed by the folder units enclosing the current folder. */
  private final Deque<Set<String>> consumed = new ArrayDeque<>();
  private UnitVisitor units;

  CrawlRun(
      Path root,
      ExcludeRules rules,
      ParserRegistry registry,
      UnitHarvester harvester,
      RecordSink sink,
      CrawlListener listener,
      Clock clock,
      Duration quietPeriod,
      int checkpointRecords,
      CrawlReport report)
      throws IOException {
    this.root = root;
    this.rootPosix = PosixPaths.of(root);
    this.rules = rules;
    this.registry = registry;
    this.harvester = harvester;
    this.sink = sink;
    this.listener = listener;
    this.clock = clock;
    this.quietPeriod = quietPeriod;
    this.checkpointRecords = checkpointRecords;
    this.report = report;
    this.realRoot = root.toRealPath();
  }

  void run(IndexedUnits indexed) throws IOException {
    Iterator<UnitState> stored = indexed.unitsUnder(UnitKeys.encode(rootPosix));
    try {
      units = new UnitVisitor(root, registry, harvester, sink, listener, clock, quietPeriod, checkpointRecords, report,
          indexed, stored);
      BasicFileAttributes attrs = Files.readAttributes(root, BasicFileAttributes.class);
      if (attrs.isDirectory()) {
        visitDirectory(root, 0);
      } else {
        report.filesSeen++;
        units.file(root, attrs);
      }
      units.finish();
    } finally {
      if (stored instanceof AutoCloseable c) {
        closeQuietly(c);
      }
    }
    sink.commit();
  }

  private static void closeQuietly(AutoCloseable c) throws IOException {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /** The sorted entries of one folder, with their attributes (not following links). */
  private record Entry(String name, Path path, BasicFileAttributes attrs) {}

  private void visitDirectory(Path dir, int depth) throws IOException {
    report.dirsSeen++;
    String posix = PosixPaths.of(dir);
    listener.onEntry(posix);
    String dirKey = UnitKeys.encode(posix);
    if (depth > MAX_DEPTH) {
      warn(posix, "nested deeper than " + MAX_DEPTH + " folders; not entered");
      units.keepWithin(dirKey);
      return;
    }
    TreeMap<String, Entry> entries = new TreeMap<>(UnitKeys::compareNames);
    List<String> consumedFiles = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        if (isConsumed(p)) {
          consumedFiles.add(name); // a file of an enclosing run folder: its fingerprint covers it, no stat
          continue;
        }
        try {
          entries.put(name, new Entry(name, p, Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
        } catch (IOException e) {
          // vanished between listing and stat: as if it was never there
        }
      }
    } catch (IOException e) {
      warn(posix, "cannot list folder (" + reason(e) + "); what was indexed from it is kept");
      units.keepWithin(dirKey);
      return;
    }
    report.filesSeen += consumedFiles.size();
    Set<String> files = new HashSet<>(consumedFiles);
    Set<String> dirs = new HashSet<>();
    for (Entry e : entries.values()) {
      if (e.attrs.isDirectory()) {
        dirs.add(e.name);
      } else if (e.attrs.isRegularFile()) {
        files.add(e.name);
      }
    }
    if (depth > 0 && (files.contains("pyvenv.cfg") || dirs.contains("conda-meta"))) {
      return; // a Python environment: thousands of library files, no experiments
    }
    Set<String> unitFiles = units.unchangedDirectoryUnit(dir, dirKey, dirs, () -> attributesByPath(entries));
    if (unitFiles == null) {
      DirectoryView view = new DirectoryView(dir, root, files, dirs);
      List<DirectoryParser> claims = claimsOf(view, posix);
      if (!claims.isEmpty()) {
        unitFiles = units.directoryUnit(dir, dirKey, view, claims);
      }
    }
    boolean pushed = unitFiles != null;
    if (pushed) {
      consumed.push(unitFiles);
    }
    try {
      for (Entry e : entries.values()) {
        if (e.attrs.isDirectory()) {
          if (!rules.skipsDirectory(e.path, e.name)) {
            visitDirectory(e.path, depth + 1);
          }
        } else if (e.attrs.isSymbolicLink()) {
          visitLink(e.path);
        } else if (e.attrs.isRegularFile() && !rules.skipsFile(e.path)) {
          report.filesSeen++;
          if (!isConsumed(e.path)) {
            units.file(e.path, e.attrs);
          }
        }
      }
    } finally {
      if (pushed) {
        consumed.pop();
      }
    }
  }

  private static Map<String, BasicFileAttributes> attributesByPath(TreeMap<String, Entry> entries) {
    Map<String, BasicFileAttributes> known = new HashMap<>();
    for (Entry e : entries.values()) {
      known.put(e.path.toString(), e.attrs);
    }
    return known;
  }

  private List<DirectoryParser> claimsOf(DirectoryView view, String posix) {
    List<DirectoryParser> claims = new ArrayList<>();
    for (DirectoryParser p : registry.directoryParsers()) {
      try {
        if (p.claims(view)) {
          claims.add(p);
        }
      } catch (RuntimeException e) {
        warn(posix, p.name() + " failed to inspect the folder: " + e);
      }
    }
    return claims;
  }

  /**
   * Symbolic links: a link to a file inside the root is read as that file (under the link's name); a
   * link to a folder is never followed (its target is crawled where it really is, and following it
   * could loop), nor is any link that leads out of the root.
   */
  private void visitLink(Path link) throws IOException {
    Path target;
    try {
      target = link.toRealPath();
    } catch (IOException e) {
      report.symlinksSkipped++;
      return; // dangling
    }
    BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
    if (!target.startsWith(realRoot) || !attrs.isRegularFile() || rules.skipsFile(link) || isConsumed(link)) {
      report.symlinksSkipped++;
      return;
    }
    report.filesSeen++;
    units.file(link, attrs);
  }

  private boolean isConsumed(Path file) {
    if (consumed.isEmpty()) {
      return false;
    }
    String posix = PosixPaths.of(file);
    for (Set<String> s : consumed) {
      if (s.contains(posix)) {
        return true;
      }
    }
    return false;
  }

  private void warn(String path, String message) {
    CrawlWarning w = new CrawlWarning(path, message);
    report.warn(w);
    listener.onWarning(w);
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : ": " + m);
  }
}
