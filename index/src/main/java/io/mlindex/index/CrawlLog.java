package io.mlindex.index;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermQuery;

/**
 * The crawl history (every crawl's report, newest first, bounded) and each root's reachability,
 * kept in the index beside the records so that they share its commits.
 */
final class CrawlLog {
  static final int MAX_REPORTS = 1000;
  static final String CRAWL_ID = "crawl_id";
  static final String CRAWL_START = "crawl_start";
  static final String REPORT = "crawl_report";
  static final String ROOT_KEY = "root_status";
  static final String TYPE_ROOT = "root";

  private CrawlLog() {}

  static void save(IndexWriter writer, IndexSearcher visible, String crawlId, String root, Instant start,
      boolean reachable, String reportJson) throws IOException {
    Document d = new Document();
    d.add(new StringField(IndexSchema.DOCTYPE, IndexSchema.TYPE_CRAWL, Field.Store.NO));
    d.add(new StringField(CRAWL_ID, crawlId, Field.Store.YES));
    d.add(new LongPoint(CRAWL_START, start.toEpochMilli()));
    d.add(new SortedNumericDocValuesField(CRAWL_START, start.toEpochMilli()));
    d.add(new StoredField(REPORT, reportJson));
    writer.updateDocument(new Term(CRAWL_ID, crawlId), d);

    Document r = new Document();
    r.add(new StringField(IndexSchema.DOCTYPE, TYPE_ROOT, Field.Store.NO));
    r.add(new StringField(ROOT_KEY, root, Field.Store.YES));
    r.add(new StoredField("reachable", reachable ? "true" : "false"));
    r.add(new StoredField("checked", start.toString()));
    writer.updateDocument(new Term(ROOT_KEY, root), r);

    List<ScoreDoc> all = List.of(visible.search(new TermQuery(new Term(IndexSchema.DOCTYPE, IndexSchema.TYPE_CRAWL)),
        Integer.MAX_VALUE - 1, newestFirst()).scoreDocs);
    for (int i = MAX_REPORTS - 1; i < all.size(); i++) {
      writer.deleteDocuments(new Term(CRAWL_ID, visible.storedFields().document(all.get(i).doc).get(CRAWL_ID)));
    }
  }

  static Sort newestFirst() {
    return new Sort(new SortedNumericSortField(CRAWL_START, SortField.Type.LONG, true));
  }

  /** The newest reports, as JSON strings. */
  static List<String> reports(IndexSearcher s, int limit) throws IOException {
    List<String> out = new ArrayList<>();
    for (ScoreDoc d : s.search(new TermQuery(new Term(IndexSchema.DOCTYPE, IndexSchema.TYPE_CRAWL)), Math.max(1, limit), newestFirst()).scoreDocs) {
      out.add(s.storedFields().document(d.doc).get(REPORT));
    }
    return out;
  }

  /** Roots whose last crawl found them missing, with when that was. */
  static List<String[]> unreachableRoots(IndexSearcher s) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (ScoreDoc d : s.search(new TermQuery(new Term(IndexSchema.DOCTYPE, TYPE_ROOT)), 10_000).scoreDocs) {
      Document doc = s.storedFields().document(d.doc);
      if ("false".equals(doc.get("reachable"))) {
        out.add(new String[] {doc.get(ROOT_KEY), doc.get("checked")});
      }
    }
    return out;
  }
}
