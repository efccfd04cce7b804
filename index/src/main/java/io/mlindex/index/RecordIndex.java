package io.mlindex.index;

import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import io.mlindex.record.UnitState;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of records, opened either for writing (crawl, serve: one process at a time) or
 * for reading only (search, show, export: any number, alongside a writer). Searches go through a
 * {@link SearcherManager}; a writable index refreshes it in the background so that searches see a
 * running crawl's records within a second.
 *
 * <p>An index written with another schema version, or by an incompatible Lucene, is emptied and
 * rebuilt by the next crawl rather than failing.
 */
public final class RecordIndex implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordIndex.class);

  private final Path path;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ScheduledExecutorService refresher;
  private final Clock clock;
  private volatile int historyVersions = 10;
  private volatile String currentCrawl;

  private RecordIndex(Path path, Directory directory, IndexWriter writer, SearcherManager searchers, Clock clock) {
    this.path = path;
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
    this.clock = clock;
    if (writer != null) {
      refresher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "mlindex-index-refresh");
                t.setDaemon(true);
                return t;
              });
      refresher.scheduleWithFixedDelay(this::refreshQuietly, 500, 500, TimeUnit.MILLISECONDS);
    } else {
      refresher = null;
    }
  }

  /** Opens (creating if needed) the index in {@code dir} for writing. */
  public static RecordIndex openWritable(Path dir, Clock clock) throws IOException {
    Files.createDirectories(dir);
    return openWritable(dir, FSDirectory.open(dir), clock);
  }

  /** Opens for writing over a given Lucene directory (tests use this to inject faults). */
  static RecordIndex openWritable(Path dir, Directory directory, Clock clock) throws IOException {
    IndexWriter writer;
    try {
      writer = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    } catch (LockObtainFailedException e) {
      directory.close();
      throw new IndexUnavailableException(
          "the index at " + dir + " is being written by another mlindex process (a running 'serve' or"
              + " 'crawl'); wait for it, or trigger crawls through that server (POST /api/crawls)", e);
    } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
      LOG.warn("The index at [{}] was written by an incompatible Lucene version; rebuilding it", dir);
      writer = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE));
    }
    String version = writer.getLiveCommitData() == null ? null : schemaOf(writer);
    if (version != null && !version.equals(IndexSchema.VERSION)) {
      LOG.warn("The index at [{}] has schema version {} but this mlindex writes {}; rebuilding it", dir, version, IndexSchema.VERSION);
      writer.deleteAll();
    }
    RecordIndex index = new RecordIndex(dir, directory, writer, new SearcherManager(writer, null), clock);
    if (version == null || !version.equals(IndexSchema.VERSION)) {
      index.commit();
    }
    return index;
  }

  /** Opens an existing index for reading only; fails with advice when there is none. */
  public static RecordIndex openReadOnly(Path dir, Clock clock) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IndexUnavailableException("there is no index at " + dir + "; run 'mlindex crawl <folder>' first (or give --index)", null);
    }
    Directory directory = FSDirectory.open(dir);
    try {
      Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
      String version = data.get(IndexSchema.COMMIT_SCHEMA_KEY);
      if (version != null && !version.equals(IndexSchema.VERSION)) {
        directory.close();
        throw new IndexUnavailableException(
            "the index at " + dir + " was built by another mlindex version; run 'mlindex crawl' to rebuild it", null);
      }
      return new RecordIndex(dir, directory, null, new SearcherManager(directory, null), clock);
    } catch (IndexNotFoundException e) {
      directory.close();
      throw new IndexUnavailableException("there is no index at " + dir + "; run 'mlindex crawl <folder>' first (or give --index)", e);
    } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
      directory.close();
      throw new IndexUnavailableException(
          "the index at " + dir + " was written by an incompatible version; run 'mlindex crawl' to rebuild it", e);
    }
  }

  private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
    IndexWriterConfig c = new IndexWriterConfig(CodeAnalyzer.indexing());
    c.setOpenMode(mode);
    c.setRAMBufferSizeMB(64);
    c.setCommitOnClose(true);
    return c;
  }

  private static String schemaOf(IndexWriter writer) {
    for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
      if (e.getKey().equals(IndexSchema.COMMIT_SCHEMA_KEY)) {
        return e.getValue();
      }
    }
    return null;
  }

  public Path path() {
    return path;
  }

  public boolean isWritable() {
    return writer != null;
  }

  private IndexWriter writer() {
    if (writer == null) {
      throw new IllegalStateException("the index is open for reading only");
    }
    return writer;
  }

  // --- the crawler's ports, in shape: see io.mlindex.crawler.RecordSink and IndexedUnits ---

  /** How many earlier versions of a record to keep when a re-harvest changes it (0: none). */
  public void setHistoryVersions(int versions) {
    this.historyVersions = versions;
  }

  /** Names the crawl that the following writes belong to (for record history). */
  public void crawlStarted(String crawlId, java.time.Instant start) {
    this.currentCrawl = crawlId;
  }

  /**
   * Replaces what a unit produced: its old records go, these come, the unit's state is stored. A
   * record whose params or metrics changed keeps its previous version in its history.
   */
  public void replaceUnit(UnitState unit, List<Record> records) throws IOException {
    IndexWriter w = writer();
    try {
      if (historyVersions > 0) {
        keepChangedVersions(unit, records);
      }
      w.deleteDocuments(new Term(IndexSchema.UNIT, unit.key()), new Term(IndexSchema.UNIT_KEY, unit.key()));
      for (Record r : records) {
        w.updateDocument(new Term(IndexSchema.ID, r.getId()), RecordDocuments.of(r, unit.key()));
      }
      w.addDocument(RecordDocuments.ofUnit(unit));
    } catch (AlreadyClosedException e) {
      throw broken(e);
    }
  }

  /**
   * After a failed write (a full disk, an IO error) Lucene closes the writer; the last commit stays
   * intact. Says so, with the original cause.
   */
  private IOException broken(AlreadyClosedException e) {
    Throwable cause = writer.getTragicException() == null ? e : writer.getTragicException();
    return new IOException("the index can no longer be written (" + cause.getMessage()
        + "); its last commit is intact; fix the cause and run the crawl again", cause);
  }

  private void keepChangedVersions(UnitState unit, List<Record> records) throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      for (Record now : records) {
        TopDocs old = s.search(RecordsOnly.of(new TermQuery(new Term(IndexSchema.ID, now.getId()))), 1);
        if (old.scoreDocs.length == 0) {
          continue;
        }
        Record before = RecordJson.fromJson(s.storedFields().document(old.scoreDocs[0].doc).get(IndexSchema.JSON));
        var changes = RecordVersions.changes(before, now);
        if (changes != null) {
          RecordVersions.save(writer, s, before, changes, currentCrawl, clock.instant(), historyVersions);
        }
      }
    } finally {
      searchers.release(s);
    }
  }

  /** Stores a finished crawl's report and the root's reachability, then commits. */
  public void crawlFinished(String crawlId, String root, java.time.Instant start, boolean reachable, String reportJson)
      throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      CrawlLog.save(writer(), s, crawlId, root, start, reachable, reportJson);
    } finally {
      searchers.release(s);
    }
    commit();
  }

  /** Stored file units with this content hash (for recognising moved files). */
  public List<UnitState> unitsWithContentHash(String hash) throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      List<UnitState> out = new java.util.ArrayList<>();
      UnitValues units = new UnitValues(s.getIndexReader());
      ScoreDoc[] docs = s.search(new TermQuery(new Term(IndexSchema.UNIT_HASH, hash)), 100).scoreDocs;
      java.util.Arrays.sort(docs, java.util.Comparator.comparingInt(d -> d.doc));
      for (ScoreDoc d : docs) {
        UnitState u = units.get(d.doc);
        if (u != null) {
          out.add(u);
        }
      }
      return out;
    } finally {
      searchers.release(s);
    }
  }

  /** Removes a unit and its records. */
  public void deleteUnit(String unitKey) throws IOException {
    try {
      writer().deleteDocuments(new Term(IndexSchema.UNIT, unitKey), new Term(IndexSchema.UNIT_KEY, unitKey));
    } catch (AlreadyClosedException e) {
      throw broken(e);
    }
  }

  /**
   * Removes every record and unit harvested under a root, and its crawl status (the user's way to
   * drop a root that is gone for good); then commits.
   */
  public void forgetRoot(String rootKey) throws IOException {
    IndexWriter w = writer();
    String prefix = io.mlindex.record.UnitKeys.childPrefix(rootKey);
    w.deleteDocuments(new org.apache.lucene.search.PrefixQuery(new Term(IndexSchema.UNIT, prefix)),
        new org.apache.lucene.search.PrefixQuery(new Term(IndexSchema.UNIT_KEY, prefix)),
        new TermQuery(new Term(IndexSchema.UNIT, rootKey)), new TermQuery(new Term(IndexSchema.UNIT_KEY, rootKey)),
        new TermQuery(new Term(CrawlLog.ROOT_KEY, io.mlindex.record.UnitKeys.decode(rootKey))));
    commit();
  }

  /** Makes all writes durable and visible to new searches. */
  public void commit() throws IOException {
    IndexWriter w = writer();
    Map<String, String> data = new HashMap<>();
    data.put(IndexSchema.COMMIT_SCHEMA_KEY, IndexSchema.VERSION);
    data.put("mlindex.committed", clock.instant().toString());
    try {
      w.setLiveCommitData(data.entrySet());
      w.commit();
    } catch (AlreadyClosedException e) {
      throw broken(e);
    }
    searchers.maybeRefreshBlocking();
  }

  /** The stored units under a root, in key order, from a point-in-time view (close it when done). */
  public Iterator<UnitState> unitsUnder(String rootKey) throws IOException {
    DirectoryReader reader = writer != null ? DirectoryReader.open(writer) : DirectoryReader.open(directory);
    return new UnitIterator(reader, rootKey);
  }

  // --- reading ---

  /** A searcher over the latest refreshed view; close it promptly (try-with-resources). */
  public RecordSearcher searcher() throws IOException {
    return new RecordSearcher(searchers, this);
  }

  /**
   * A searcher like {@link #searcher()} whose searches give up after {@code budget} (for servers:
   * check {@link RecordSearcher#timedOut()} after searching).
   */
  public RecordSearcher searcher(java.time.Duration budget) throws IOException {
    return new RecordSearcher(searchers, budget);
  }

  /** Makes the latest writes visible to searches now (normally done every half second). */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  private void refreshQuietly() {
    try {
      searchers.maybeRefresh();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Refreshing the index searcher failed: {}", e.toString());
    }
  }

  /** Bytes the index occupies on disk. */
  public long sizeOnDisk() throws IOException {
    long total = 0;
    for (String f : directory.listAll()) {
      try {
        total += directory.fileLength(f);
      } catch (IOException e) {
        // deleted by a concurrent merge
      }
    }
    return total;
  }

  /** When the index was last committed (ISO-8601), or null. */
  public String lastCommit() throws IOException {
    try {
      return SegmentInfos.readLatestCommit(directory).getUserData().get("mlindex.committed");
    } catch (IndexNotFoundException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    if (refresher != null) {
      refresher.shutdownNow();
    }
    try {
      searchers.close();
      if (writer != null) {
        writer.close();
      }
    } finally {
      directory.close();
    }
  }
}
