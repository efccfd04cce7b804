package io.mlindex.index;

import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * Searches one point-in-time view of the index. Acquired from and released to the index's {@link
 * SearcherManager}; use in try-with-resources.
 */
public final class RecordSearcher implements Closeable {
  /** Deepest result window: offset + limit. */
  public static final int MAX_WINDOW = 10_000;

  private static final Query RECORDS = RecordsOnly.FILTER;

  private final SearcherManager manager;
  private final IndexSearcher searcher;
  private final QueryTranslator translator = new QueryTranslator(this::lineageRecordIds);

  RecordSearcher(SearcherManager manager, RecordIndex index) throws IOException {
    this.manager = manager;
    this.searcher = manager.acquire();
  }

  /** The records-only form of a query. */
  Query recordsMatching(String queryText) throws QuerySyntaxException {
    return RecordsOnly.of(translator.translate(queryText));
  }

  public SearchResult search(SearchRequest request) throws IOException, QuerySyntaxException {
    if (request.limit() < 0 || request.offset() < 0) {
      throw new QuerySyntaxException("limit and offset must not be negative", 0);
    }
    if ((long) request.offset() + request.limit() > MAX_WINDOW) {
      throw new QuerySyntaxException(
          "offset + limit may be at most " + MAX_WINDOW + "; narrow the query or use export for everything", 0);
    }
    Query query = recordsMatching(request.query());
    Sort sort = SortSpec.parse(request.sort(), searcher.getIndexReader());
    int window = Math.max(1, request.offset() + request.limit());
    TopDocs top;
    IndexReader reader = searcher.getIndexReader();
    Map<String, Map<String, Long>> facets =
        request.facets().isEmpty() ? Map.of() : FacetCountCache.get(reader, query, request.facets());
    if (facets != null) {
      top = sort == null
          ? searcher.search(query, new TopScoreDocCollectorManager(window, Integer.MAX_VALUE))
          : searcher.search(query, new TopFieldCollectorManager(sort, window, Integer.MAX_VALUE));
    } else {
      MultiCollectorManager both =
          new MultiCollectorManager(
              sort == null
                  ? new TopScoreDocCollectorManager(window, Integer.MAX_VALUE)
                  : new TopFieldCollectorManager(sort, window, Integer.MAX_VALUE),
              new FacetsCollectorManager());
      Object[] results = searcher.search(query, both);
      top = (TopDocs) results[0];
      facets = facets(request.facets(), (FacetsCollector) results[1]);
      FacetCountCache.put(reader, query, request.facets(), facets);
    }
    List<Record> hits = new ArrayList<>();
    StoredFields stored = searcher.storedFields();
    ScoreDoc[] docs = top.scoreDocs;
    for (int i = request.offset(); i < docs.length && hits.size() < request.limit(); i++) {
      hits.add(load(stored.document(docs[i].doc)));
    }
    return new SearchResult(top.totalHits.value, hits, facets, Map.of());
  }

  private Map<String, Map<String, Long>> facets(List<String> fields, FacetsCollector fc) throws IOException {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (String field : fields) {
      String internal = facetField(field);
      Map<String, Long> counts = new LinkedHashMap<>();
      try {
        StringDocValuesReaderState state = FacetStates.of(searcher.getIndexReader(), internal);
        FacetResult r = new StringValueFacetCounts(state, fc).getTopChildren(50, internal);
        if (r != null) {
          for (LabelAndValue lv : r.labelValues) {
            counts.put(lv.label, lv.value.longValue());
          }
        }
      } catch (IllegalArgumentException | IllegalStateException e) {
        // the field has no values in this index yet
      }
      out.put(field, java.util.Collections.unmodifiableMap(counts));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The keyword field to count for a facet name (tag.x, param.x as text, the fixed keyword fields). */
  static String facetField(String field) {
    if (IndexSchema.isDynamic(field)) {
      return IndexSchema.keyword(field);
    }
    return switch (field) {
      case "framework", "frameworks" -> "code.frameworks";
      case "imports" -> "code.imports";
      default -> field;
    };
  }

  /** The record with this id, with its text. */
  public Optional<Record> get(String id) throws IOException {
    int doc = docOf(id);
    if (doc < 0) {
      return Optional.empty();
    }
    Document d = searcher.storedFields().document(doc);
    Record r = load(d);
    r.setText(d.get(IndexSchema.TEXT));
    return Optional.of(r);
  }

  /** Calls {@code sink} for every matching record, in index order, without holding them all. */
  public long export(String queryText, Consumer<Record> sink) throws IOException, QuerySyntaxException {
    Query query = recordsMatching(queryText);
    long[] count = {0};
    searcher.search(
        query,
        new SimpleCollector() {
          private StoredFields stored;

          @Override
          protected void doSetNextReader(LeafReaderContext context) throws IOException {
            stored = context.reader().storedFields();
          }

          @Override
          public void collect(int doc) throws IOException {
            Document d = stored.document(doc);
            Record r = load(d);
            r.setText(d.get(IndexSchema.TEXT));
            sink.accept(r);
            count[0]++;
          }

          @Override
          public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
          }
        });
    return count[0];
  }

  /** How many records match. */
  public long count(String queryText) throws IOException, QuerySyntaxException {
    return searcher.count(recordsMatching(queryText));
  }

  /** Record counts per value of a keyword field over all records. */
  public Map<String, Long> countBy(String field) throws IOException {
    FacetsCollector fc = searcher.search(RECORDS, new FacetsCollectorManager());
    return facets(List.of(field), fc).get(field);
  }

  /** The newest crawl reports (JSON), newest first. */
  public List<String> crawls(int limit) throws IOException {
    return CrawlLog.reports(searcher, limit);
  }

  /** Roots whose last crawl found them missing: {root, when}. Their records are kept. */
  public List<String[]> unreachableRoots() throws IOException {
    return CrawlLog.unreachableRoots(searcher);
  }

  /** Earlier versions of a record, newest first: {replaced, crawl, changes, record}. */
  public List<com.fasterxml.jackson.databind.node.ObjectNode> history(String id) throws IOException {
    List<com.fasterxml.jackson.databind.node.ObjectNode> out = new ArrayList<>();
    for (ScoreDoc d : searcher.search(RecordVersions.query(id), 1000, RecordVersions.newestFirst()).scoreDocs) {
      out.add(RecordVersions.toJson(searcher.storedFields().document(d.doc)));
    }
    return out;
  }

  private static Record load(Document d) {
    return RecordJson.fromJson(d.get(IndexSchema.JSON));
  }

  @Override
  public void close() throws IOException {
    manager.release(searcher);
  }

  /** Answers a lineage question over this view of the index (see {@link LineageGraph}). */
  public LineageResult lineage(LineageRequest request) throws IOException, LineageException {
    return lineageGraph().traverse(request);
  }

  /** The lineage graph over this view, for callers that also want its lookup counts. */
  public LineageGraph lineageGraph() throws IOException {
    return new LineageGraph(searcher);
  }

  private java.util.Set<String> lineageRecordIds(String ref, LineageDirection direction, int maxRecords)
      throws IOException, LineageException {
    return lineageGraph().reachableRecords(ref, direction, maxRecords);
  }

  // --- for the HTTP server (issue 8) ---

  /** A searcher whose searches stop after {@code budget}; see {@link #timedOut()}. */
  RecordSearcher(SearcherManager manager, java.time.Duration budget) throws IOException {
    this.manager = manager;
    // a private IndexSearcher over the acquired reader: the timeout and its flag are per request
    IndexSearcher shared = manager.acquire();
    this.searcher = new IndexSearcher(shared.getIndexReader());
    long deadline = System.nanoTime() + budget.toNanos();
    this.searcher.setTimeout(() -> System.nanoTime() - deadline > 0);
  }

  /** Whether a search through this searcher ran out of time (its results are then incomplete). */
  public boolean timedOut() {
    return searcher.timedOut();
  }

  /**
   * Snippets of the text of the given records that match the query, {@code <mark>}ed and otherwise
   * HTML-escaped, by record id; records without a match in their text are left out.
   */
  public Map<String, List<String>> highlights(String queryText, List<String> ids, int maxSnippets)
      throws IOException, QuerySyntaxException {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Query query = recordsMatching(queryText);
    Query these = new BooleanQuery.Builder()
        .add(query, Occur.MUST)
        .add(org.apache.lucene.document.KeywordField.newSetQuery(IndexSchema.ID,
            ids.stream().map(org.apache.lucene.util.BytesRef::new).toList()), Occur.FILTER)
        .build();
    ScoreDoc[] docs = searcher.search(these, ids.size()).scoreDocs;
    int[] docIds = new int[docs.length];
    for (int i = 0; i < docs.length; i++) {
      docIds[i] = docs[i].doc;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    StoredFields stored = searcher.storedFields();
    for (Map.Entry<Integer, List<String>> e : TextHighlights.of(searcher, query, docIds, maxSnippets).entrySet()) {
      out.put(stored.document(e.getKey(), java.util.Set.of(IndexSchema.ID)).get(IndexSchema.ID), e.getValue());
    }
    return out;
  }

  /** Every searchable field of the index by user name, with its type (number, keyword, date, text). */
  public Map<String, String> fields() {
    return FieldCatalog.of(searcher.getIndexReader());
  }

  /** The stored series of one metric of a record; empty when the record or that series is missing. */
  public Optional<io.mlindex.record.Series> series(String id, String metric) throws IOException {
    int doc = docOf(id);
    if (doc < 0) {
      return Optional.empty();
    }
    Document d = searcher.storedFields().document(doc, java.util.Set.of(IndexSchema.SERIES));
    org.apache.lucene.util.BytesRef bytes = d.getBinaryValue(IndexSchema.SERIES);
    return Optional.ofNullable(bytes == null ? null : RecordDocuments.decodeSeries(
        java.util.Arrays.copyOfRange(bytes.bytes, bytes.offset, bytes.offset + bytes.length), metric));
  }

  /** The document of the record with this id, or -1. */
  private int docOf(String id) throws IOException {
    TopDocs top = searcher.search(RecordsOnly.of(new TermQuery(new Term(IndexSchema.ID, id))), 1);
    return top.scoreDocs.length == 0 ? -1 : top.scoreDocs[0].doc;
  }
}
