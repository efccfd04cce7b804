package io.mlindex.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.Objects;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermQuery;

/**
 * Earlier versions of records (an audit trail): when a re-harvest changes a record's params or
 * metrics, the version it replaces is kept with the time and crawl that replaced it, up to a bound
 * per record.
 */
final class RecordVersions {
  static final String TYPE = "version";
  static final String OF = "version_of";
  static final String KEY = "version_key";
  static final String TIME = "version_time";
  static final String CRAWL = "version_crawl";
  static final String CHANGES = "version_changes";

  private RecordVersions() {}

  /** What changed from {@code old} to {@code now} in params and metrics, or null when nothing did. */
  static ObjectNode changes(Record old, Record now) {
    ObjectNode out = RecordJson.mapper().createObjectNode();
    ObjectNode params = out.putObject("params");
    for (String k : union(old.getParams().keySet(), now.getParams().keySet())) {
      Object a = old.getParams().get(k);
      Object b = now.getParams().get(k);
      if (!Objects.equals(a, b)) {
        params.set(k, RecordJson.mapper().valueToTree(new Object[] {a, b}));
      }
    }
    ObjectNode metrics = out.putObject("metrics");
    for (String k : union(old.getMetrics().keySet(), now.getMetrics().keySet())) {
      Metric a = old.getMetrics().get(k);
      Metric b = now.getMetrics().get(k);
      if (a == null || b == null || Double.compare(a.last(), b.last()) != 0 || a.steps() != b.steps()) {
        metrics.set(k, RecordJson.mapper().valueToTree(new Object[] {a == null ? null : a.last(), b == null ? null : b.last()}));
      }
    }
    return params.isEmpty() && metrics.isEmpty() ? null : out;
  }

  private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** Keeps {@code old} as a version of its record, dropping the oldest beyond {@code keep}. */
  static void save(IndexWriter writer, IndexSearcher visible, Record old, ObjectNode changes, String crawlId, Instant at, int keep)
      throws IOException {
    String key = old.getId() + "#" + at.toEpochMilli() + "#" + crawlId;
    Document d = new Document();
    d.add(new StringField(IndexSchema.DOCTYPE, TYPE, Field.Store.NO));
    d.add(new StringField(OF, old.getId(), Field.Store.NO));
    d.add(new StringField(KEY, key, Field.Store.YES));
    d.add(new LongPoint(TIME, at.toEpochMilli()));
    d.add(new SortedNumericDocValuesField(TIME, at.toEpochMilli()));
    d.add(new StoredField(TIME, at.toEpochMilli()));
    d.add(new StoredField(CRAWL, crawlId == null ? "" : crawlId));
    d.add(new StoredField(CHANGES, RecordJson.mapper().writeValueAsString(changes)));
    d.add(new StoredField(IndexSchema.JSON, RecordJson.toJson(old)));
    writer.updateDocument(new Term(KEY, key), d);
    List<String> existing = keys(visible, old.getId());
    for (int i = keep - 1; i < existing.size(); i++) {
      writer.deleteDocuments(new Term(KEY, existing.get(i)));
    }
  }

  private static List<String> keys(IndexSearcher s, String id) throws IOException {
    List<String> out = new ArrayList<>();
    for (ScoreDoc d : s.search(query(id), 10_000, newestFirst()).scoreDocs) {
      out.add(s.storedFields().document(d.doc).get(KEY));
    }
    return out;
  }

  static BooleanQuery query(String id) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(IndexSchema.DOCTYPE, TYPE)), Occur.FILTER)
        .add(new TermQuery(new Term(OF, id)), Occur.FILTER)
        .build();
  }

  static Sort newestFirst() {
    return new Sort(new SortedNumericSortField(TIME, SortField.Type.LONG, true));
  }

  /** One earlier version as JSON: {time, crawl, changes, record}. */
  static ObjectNode toJson(Document d) throws IOException {
    ObjectNode n = RecordJson.mapper().createObjectNode();
    n.put("replaced", Instant.ofEpochMilli(d.getField(TIME).numericValue().longValue()).toString());
    n.put("crawl", d.get(CRAWL));
    n.set("changes", RecordJson.mapper().readTree(d.get(CHANGES)));
    n.set("record", RecordJson.mapper().readTree(d.get(IndexSchema.JSON)));
    return n;
  }

}
