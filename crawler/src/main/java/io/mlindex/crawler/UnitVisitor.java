package io.mlindex.crawler;

import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.util.LineagePaths;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for each unit the walk reaches, whether it changed since the index last saw it, parses
 * it when it did, and writes the outcome: the merge join against the stored units, move detection,
 * the quiet period, checkpoints and the report's counts.
 */
final class UnitVisitor {
  /** Modification times this far ahead of the clock are reported as clock skew. */
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
  private static final int MAX_PENDING_VANISHED = 10_000;

  private final Path root;
  private final String rootPosix;
  private final ParserRegistry registry;
  private final UnitHarvester harvester;
  private final RecordSink sink;
  private final CrawlListener listener;
  private final Clock clock;
  private final Duration quietPeriod;
  private final int checkpointRecords;
  private final CrawlReport report;
  private final IndexedUnits indexed;
  private final StoredUnits stored;
  /** Units deleted because their file moved; the merge join meets them later and must not count them twice. */
  private final Set<String> movedAway = new HashSet<>();
  /**
   * Vanished file units with a content hash, whose deletion waits for the end of the crawl in case
   * the file turns up later in the walk (a move). Bounded: past the bound, deletion is immediate and
   * such moves count as a removal plus an addition.
   */
  private final Map<String, UnitState> vanishedByHash = new HashMap<>();
  private long recordsSinceCommit;

  UnitVisitor(Path root, ParserRegistry registry, UnitHarvester harvester, RecordSink sink, CrawlListener listener,
      Clock clock, Duration quietPeriod, int checkpointRecords, CrawlReport report, IndexedUnits indexed,
      java.util.Iterator<UnitState> storedUnits) {
    this.root = root;
    this.rootPosix = PosixPaths.of(root);
    this.registry = registry;
    this.harvester = harvester;
    this.sink = sink;
    this.listener = listener;
    this.clock = clock;
    this.quietPeriod = quietPeriod;
    this.checkpointRecords = checkpointRecords;
    this.report = report;
    this.indexed = indexed;
    this.stored = new StoredUnits(storedUnits, this::deleteVanished);
  }

  /** Passes over the stored units inside a folder that could not be read, keeping them. */
  void keepWithin(String folderKey) throws IOException {
    stored.keepWithin(folderKey);
  }

  /** Deletes what the walk did not meet. */
  void finish() throws IOException {
    stored.deleteRest();
    deletePendingVanished();
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

  /**
   * The files of the stored folder unit at {@code key} when its fingerprint shows nothing changed
   * (the unit is then passed as unchanged), else null. Asked before any parser looks at the folder:
   * claiming can read files (an MLflow meta.yaml), and an unchanged folder is claimed as before.
   */
  Set<String> unchangedDirectoryUnit(Path dir, String key, Iterable<String> subdirNames,
      java.util.function.Supplier<Map<String, BasicFileAttributes>> known) throws IOException {
    UnitState previous = stored.peekAt(key);
    if (previous == null || !previous.directory()
        || !Fingerprint.ofDirectory(dir, subdirNames, previous.sources(), known.get()).value().equals(previous.fingerprint())) {
      return null;
    }
    stored.advanceTo(key);
    report.unitsUnchanged++;
    return new HashSet<>(previous.sources());
  }

  Set<String> directoryUnit(Path dir, String key, DirectoryView view, List<DirectoryParser> claims) throws IOException {
    UnitState previous = stored.advanceTo(key); // unchanged units were passed by unchangedDirectoryUnit
    UnitHarvester.Outcome outcome = harvester.parseDirectory(claims, view);
    List<String> sources = sourcesOf(outcome.records());
    Fingerprint fp = Fingerprint.ofDirectory(dir, view.dirs(), sources, Map.of());
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

  void file(Path file, BasicFileAttributes attrs) throws IOException {
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
      LineagePaths.normalise(r, baseOf(r));
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

  /** The folder a record's relative references are relative to: the record's folder, or its file's folder. */
  private Path baseOf(Record r) {
    Path p = root.getFileSystem().getPath(r.getPath());
    return Files.isDirectory(p) || p.getParent() == null ? p : p.getParent();
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
}
