package io.mlindex.crawler;

import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * One crawl of one root: a depth-first walk with each folder's entries in name order, merged
 * against the units the index holds for the root (see {@link StoredUnits}), so that memory holds
 * one folder listing per level and nothing that grows with the tree.
 */
final class CrawlRun {
  private static final int MAX_DEPTH = 256;
  /** Modification times this far ahead of the clock are reported as clock skew. */
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

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
  private final Deque<Set<String>> consumed = new ArrayDeque<>();
  /** Units deleted because their file moved; the merge join meets them later and must not count them twice. */
  private final Set<String> movedAway = new HashSet<>();
  /**
   * Vanished file units with a content hash, whose deletion waits for the end of the crawl in case
   * the file turns up elsewhere later in the walk (a move). Bounded: past the bound, deletion is
   * immediate and such moves count as a removal plus an addition.
   */
  private final java.util.Map<String, UnitState> vanishedByHash = new java.util.HashMap<>();
  private static final int MAX_PENDING_VANISHED = 10_000;
  private IndexedUnits indexed;
  private StoredUnits stored;
  private long recordsSinceCommit;

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
    this.indexed = indexed;
    String rootKey = UnitKeys.encode(rootPosix);
    Iterator<UnitState> units = indexed.unitsUnder(rootKey);
    try {
      stored = new StoredUnits(units, this::deleteVanished);
      BasicFileAttributes attrs = Files.readAttributes(root, BasicFileAttributes.class);
      if (attrs.isDirectory()) {
        visitDirectory(root, 0);
      } else {
        visitFile(root, attrs);
      }
      stored.deleteRest();
      deletePendingVanished();
    } finally {
      if (units instanceof AutoCloseable c) {
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

  private void deleteVanished(UnitState vanished) throws IOException {
    if (movedAway.remove(vanished.key())) {
      return;
    }
    if (vanished.contentHash() != null && !vanished.directory() && vanishedByHash.size() < MAX_PENDING_VANISHED
        && vanishedByHash.putIfAbsent(vanished.contentHash(), vanished) == null) {
      return;
    }
    sink.deleteUnit(vanished.key());
    report.unitsRemoved++;
  }

  private void deletePendingVanished() throws IOException {
    for (UnitState u : vanishedByHash.values()) {
      sink.deleteUnit(u.key());
      report.unitsRemoved++;
    }
    vanishedByHash.clear();
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
      stored.keepWithin(dirKey);
      return;
    }
    TreeMap<String, Entry> entries = new TreeMap<>(UnitKeys::compareNames);
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        try {
          entries.put(name, new Entry(name, p, Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
        } catch (IOException e) {
          // vanished between listing and stat: as if it was never there
        }
      }
    } catch (IOException e) {
      warn(posix, "cannot list folder (" + reason(e) + "); what was indexed from it is kept");
      stored.keepWithin(dirKey);
      return;
    }
    Set<String> files = new HashSet<>();
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
    DirectoryView view = new DirectoryView(dir, root, files, dirs);
    List<DirectoryParser> claims = claimsOf(view, posix);
    boolean pushed = false;
    if (!claims.isEmpty()) {
      consumed.push(visitDirectoryUnit(dir, dirKey, view, claims));
      pushed = true;
    }
    try {
      for (Entry e : entries.values()) {
        if (e.attrs.isDirectory()) {
          if (!rules.skipsDirectory(e.path, e.name)) {
            visitDirectory(e.path, depth + 1);
          }
        } else if (e.attrs.isSymbolicLink()) {
          visitLink(e.path);
        } else if (e.attrs.isRegularFile() && !rules.skipsFile(e.path) && !isConsumed(e.path)) {
          visitFile(e.path, e.attrs);
        }
      }
    } finally {
      if (pushed) {
        consumed.pop();
      }
    }
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
    visitFile(link, attrs);
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

  private Set<String> visitDirectoryUnit(Path dir, String key, DirectoryView view, List<DirectoryParser> claims)
      throws IOException {
    UnitState previous = stored.advanceTo(key);
    if (previous != null
        && Fingerprint.ofDirectory(dir, view.dirs(), previous.sources()).value().equals(previous.fingerprint())) {
      report.unitsUnchanged++;
      return new HashSet<>(previous.sources());
    }
    UnitHarvester.Outcome outcome = harvester.parseDirectory(claims, view);
    List<String> sources = sourcesOf(outcome.records());
    Fingerprint fp = Fingerprint.ofDirectory(dir, view.dirs(), sources);
    String posix = PosixPaths.of(dir);
    if (outcome.failed()) {
      return failed(posix, previous, outcome.failure());
    }
    if (isQuiet(fp.newestModified())) {
      return keepQuiet(previous);
    }
    store(new UnitState(key, posix, rootPosix, true, fp.value(), sources, ids(outcome.records()), null),
        outcome.records(), fp.newestModified(), previous);
    return new HashSet<>(sources);
  }

  private void visitFile(Path file, BasicFileAttributes attrs) throws IOException {
    report.filesSeen++;
    String posix = PosixPaths.of(file);
    String key = UnitKeys.encode(posix);
    UnitState previous = stored.advanceTo(key);
    if (previous != null
        && Fingerprint.ofFile(file, attrs, previous.sources()).value().equals(previous.fingerprint())) {
      report.unitsUnchanged++;
      return;
    }
    Instant modified = attrs.lastModifiedTime().toInstant();
    if (isQuiet(modified)) {
      keepQuiet(previous);
      return;
    }
    FileCandidate candidate = new FileCandidate(file, attrs.size(), attrs.lastModifiedTime().toInstant());
    FileParser parser = parserFor(candidate, posix);
    if (parser == null) {
      if (previous != null) {
        deleteVanished(previous); // no parser wants it any more
      }
      return;
    }
    UnitHarvester.Outcome outcome = harvester.parseFile(parser, candidate);
    BasicFileAttributes after = statOrNull(file);
    if (after != null && changedWhileReading(attrs, after)) {
      candidate = new FileCandidate(file, after.size(), after.lastModifiedTime().toInstant());
      outcome = harvester.parseFile(parser, candidate);
      BasicFileAttributes again = statOrNull(file);
      if (again != null && changedWhileReading(after, again)) {
        outcome.records().forEach(r -> r.warn("the file changed while it was read; it will be read again next crawl"));
        warn(posix, "changed while being read, twice; indexed what was read and will read it again");
        after = null; // store a fingerprint that cannot match, so the next crawl re-reads it
      } else {
        after = again;
      }
    }
    List<Record> records = outcome.records();
    if (outcome.failed()) {
      if (previous != null) {
        failed(posix, previous, outcome.failure());
        return;
      }
      warn(posix, outcome.failure());
      report.unitsFailed++;
      records = List.of(UnitHarvester.failureRecord(parser.name(), candidate, outcome.failure()));
    }
    List<String> sources = sourcesOf(records);
    if (!sources.contains(posix)) {
      sources.add(0, posix);
    }
    if (modified.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
      records.forEach(r -> r.warn("modification time " + modified + " is in the future (clock skew?)"));
    }
    String contentHash = outcome.failed() ? null : MoveDetection.contentHash(file, attrs.size(), records);
    if (previous == null && contentHash != null) {
      UnitState movedFrom = vanishedByHash.get(contentHash);
      if (movedFrom != null && movedFrom.recordIds().size() == 1 && records.size() == 1) {
        vanishedByHash.remove(contentHash);
      } else {
        movedFrom = MoveDetection.vanishedWithSameContent(indexed, contentHash, file.getFileSystem(), records.size());
      }
      if (movedFrom != null) {
        MoveDetection.keepIdentity(movedFrom, records);
        sink.deleteUnit(movedFrom.key());
        movedAway.add(movedFrom.key());
        report.unitsMoved++;
      }
    }
    String fingerprint = after == null ? "stale" : Fingerprint.ofFile(file, after, sources).value();
    store(new UnitState(key, posix, rootPosix, false, fingerprint, sources, ids(records), contentHash),
        records, modified, previous);
  }

  private FileParser parserFor(FileCandidate candidate, String posix) {
    try {
      return registry.fileParserFor(candidate);
    } catch (RuntimeException e) {
      warn(posix, "a parser failed to inspect the file: " + e);
      return null;
    }
  }

  private void store(UnitState unit, List<Record> records, Instant modified, UnitState previous) throws IOException {
    for (Record r : records) {
      r.setRoot(rootPosix);
      if (r.getTime().getModified() == null) {
        r.getTime().setModified(modified);
      }
      for (String w : r.getWarnings()) {
        report.warn(new CrawlWarning(r.getPath(), w));
      }
    }
    sink.replaceUnit(unit, records);
    report.unitsParsed++;
    if (previous == null) {
      report.unitsAdded++;
    } else {
      report.unitsChanged++;
    }
    report.recordsWritten += records.size();
    listener.onUnitParsed(unit.path(), records.size());
    recordsSinceCommit += Math.max(1, records.size());
    if (recordsSinceCommit >= checkpointRecords) {
      sink.commit();
      recordsSinceCommit = 0;
    }
  }

  /** A unit that failed keeps what was indexed from it before; it is retried next crawl. */
  private Set<String> failed(String posix, UnitState previous, String failure) {
    report.unitsFailed++;
    warn(posix, failure + (previous != null ? "; the records indexed before are kept" : ""));
    return previous == null ? new HashSet<>() : new HashSet<>(previous.sources());
  }

  /**
   * Whether a unit was modified within the quiet period. A time in the future (clock skew) does not
   * count: such a file would otherwise never settle.
   */
  private boolean isQuiet(Instant modified) {
    Instant now = clock.instant();
    return !quietPeriod.isZero() && modified != null && modified.isAfter(now.minus(quietPeriod))
        && !modified.isAfter(now.plus(FUTURE_TOLERANCE));
  }

  private Set<String> keepQuiet(UnitState previous) {
    report.unitsQuiet++;
    return previous == null ? new HashSet<>() : new HashSet<>(previous.sources());
  }

  private static boolean changedWhileReading(BasicFileAttributes before, BasicFileAttributes after) {
    return before.size() != after.size() || !before.lastModifiedTime().equals(after.lastModifiedTime());
  }

  private static BasicFileAttributes statOrNull(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static List<String> sourcesOf(List<Record> records) {
    Set<String> s = new LinkedHashSet<>();
    records.forEach(r -> s.addAll(r.getSources()));
    return new ArrayList<>(s);
  }

  private static List<String> ids(List<Record> records) {
    return records.stream().map(Record::getId).toList();
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
