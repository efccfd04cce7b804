package io.mlindex.index;

import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The unit documents under a root in key order, read from a point-in-time reader by walking the
 * sorted terms of the unit-key field: one term and one unit state in memory at a time.
 */
final class UnitIterator implements Iterator<UnitState>, AutoCloseable {
  private final DirectoryReader reader;
  private final TermsEnum terms;
  private final Bits liveDocs;
  private final UnitValues units;
  private final String rootKey;
  private final String childPrefix;
  private PostingsEnum postings;
  private UnitState next;
  private boolean started;

  UnitIterator(DirectoryReader reader, String rootKey) throws IOException {
    this.reader = reader;
    this.rootKey = rootKey;
    this.childPrefix = UnitKeys.childPrefix(rootKey);
    Terms t = MultiTerms.getTerms(reader, IndexSchema.UNIT_KEY);
    this.terms = t == null ? null : t.iterator();
    this.liveDocs = MultiBits.getLiveDocs(reader);
    this.units = new UnitValues(reader);
    advance();
  }

  private void advance() throws IOException {
    next = null;
    if (terms == null) {
      return;
    }
    BytesRef term;
    if (!started) {
      started = true;
      if (terms.seekCeil(new BytesRef(rootKey)) == TermsEnum.SeekStatus.END) {
        return;
      }
      term = terms.term();
    } else {
      term = terms.next();
    }
    while (term != null) {
      String key = term.utf8ToString();
      if (!key.equals(rootKey) && !key.startsWith(childPrefix)) {
        return; // past the root's range
      }
      postings = terms.postings(postings, PostingsEnum.NONE);
      for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
        if (liveDocs == null || liveDocs.get(doc)) {
          next = units.get(doc);
          if (next != null) {
            return;
          }
        }
      }
      term = terms.next();
    }
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public UnitState next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    UnitState out = next;
    try {
      advance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    reader.decRef();
  }
}
