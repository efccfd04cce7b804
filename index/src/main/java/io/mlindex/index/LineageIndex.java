package io.mlindex.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The index lookups lineage is made of: record documents having any of a set of terms in one
 * keyword field (one {@link TermInSetQuery}), or a path under any of a set of folders; each lookup
 * collects at most a given number of documents and says when there were more. Stored records are
 * read one field at a time.
 */
final class LineageIndex {
  static final Query RECORDS = RecordsOnly.FILTER;
  static final Query FILE_LIKE = new TermInSetQuery("kind", bytes(StoredRecord.FILE_KINDS));
  static final Query RUNS = new TermQuery(new Term("kind", "run"));

  /** Most prefix clauses in one boolean query (Lucene's default limit is 1024). */
  private static final int PREFIX_CHUNK = 512;

  private final IndexSearcher searcher;
  private final StoredFields stored;
  private long lookups;
  private long documentsRead;

  LineageIndex(IndexSearcher searcher) throws IOException {
    this.searcher = searcher;
    this.stored = searcher.storedFields();
  }

  /** Documents found by a lookup, in index order; {@code overflow} when more matched than were kept. */
  record Hits(List<Integer> docs, boolean overflow) {
    static final Hits NONE = new Hits(List.of(), false);
  }

  /** Records with any of {@code values} in {@code field}, also matching {@code filter} if given. */
  Hits withAny(String field, Collection<String> values, Query filter, int cap) throws IOException {
    if (values.isEmpty()) {
      return Hits.NONE;
    }
    Set<String> terms = new LinkedHashSet<>();
    for (String v : values) {
      terms.add(v.length() <= RecordDocuments.MAX_KEYWORD ? v : v.substring(0, RecordDocuments.MAX_KEYWORD));
    }
    return collect(records(new TermInSetQuery(field, bytes(terms)), filter), cap);
  }

  /** Records whose {@code path} lies strictly inside any of {@code folders}. */
  Hits under(Collection<String> folders, Query filter, int cap) throws IOException {
    List<String> all = new ArrayList<>(folders);
    LinkedHashSet<Integer> docs = new LinkedHashSet<>();
    boolean overflow = false;
    for (int i = 0; i < all.size() && !overflow; i += PREFIX_CHUNK) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String folder : all.subList(i, Math.min(all.size(), i + PREFIX_CHUNK))) {
        any.add(new PrefixQuery(new Term("path", folder.endsWith("/") ? folder : folder + "/")), Occur.SHOULD);
      }
      Hits h = collect(records(any.build(), filter), cap - docs.size());
      docs.addAll(h.docs());
      overflow = h.overflow();
    }
    return new Hits(new ArrayList<>(docs), overflow);
  }

  private static Query records(Query q, Query filter) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(q, Occur.MUST).add(RECORDS, Occur.FILTER);
    if (filter != null) {
      b.add(filter, Occur.FILTER);
    }
    return b.build();
  }

  /** The record with this id, if there is one. */
  StoredRecord byId(String id) throws IOException {
    Hits h = collect(records(KeywordField.newExactQuery(IndexSchema.ID, id), null), 1);
    return h.docs().isEmpty() ? null : read(h.docs().get(0), null);
  }

  private Hits collect(Query query, int cap) throws IOException {
    lookups++;
    List<Integer> docs = new ArrayList<>();
    boolean[] overflow = {false};
    if (cap <= 0) {
      return new Hits(docs, searcher.count(query) > 0);
    }
    searcher.search(query, new Collector() {
      @Override
      public LeafCollector getLeafCollector(LeafReaderContext context) {
        if (overflow[0]) {
          throw new CollectionTerminatedException();
        }
        int base = context.docBase;
        return new LeafCollector() {
          @Override
          public void setScorer(Scorable scorer) {}

          @Override
          public void collect(int doc) {
            if (docs.size() >= cap) {
              overflow[0] = true;
              throw new CollectionTerminatedException();
            }
            docs.add(base + doc);
          }
        };
      }

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
      }
    });
    return new Hits(docs, overflow[0]);
  }

  /** A stored record's lineage fields; {@code visitor} (may be null) receives its references. */
  StoredRecord read(int doc, StoredRecord.RefVisitor visitor) throws IOException {
    documentsRead++;
    JsonOnly json = new JsonOnly();
    stored.document(doc, json);
    if (json.value == null) {
      throw new IOException("record document " + doc + " has no stored JSON");
    }
    return StoredRecord.read(doc, json.value, visitor);
  }

  long lookups() {
    return lookups;
  }

  long documentsRead() {
    return documentsRead;
  }

  static List<BytesRef> bytes(Collection<String> values) {
    List<BytesRef> out = new ArrayList<>(values.size());
    values.forEach(v -> out.add(new BytesRef(v)));
    return out;
  }

  /** Loads the stored JSON field only, and stops there. */
  private static final class JsonOnly extends StoredFieldVisitor {
    String value;

    @Override
    public Status needsField(FieldInfo field) {
      if (value != null) {
        return Status.STOP;
      }
      return field.name.equals(IndexSchema.JSON) ? Status.YES : Status.NO;
    }

    @Override
    public void stringField(FieldInfo field, String v) {
      value = v;
    }
  }
}
