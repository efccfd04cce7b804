package io.mlindex.index;

import io.mlindex.record.UnitState;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;

/**
 * Reads the unit state of unit documents by global document number. The state is a binary doc
 * value ({@link UnitCodec}) rather than a stored field: stored fields are compressed in blocks
 * shared with the large record documents, so reading one small unit decompressed a block of
 * records, and a no-change recrawl reads every unit. Doc values of one field sit together; callers mostly ask in increasing
 * document order, which moves each leaf's iterator forward only.
 */
final class UnitValues {
  private final List<LeafReaderContext> leaves;
  private final BinaryDocValues[] perLeaf;
  private final UnitCodec codec = new UnitCodec();

  UnitValues(IndexReader reader) {
    this.leaves = reader.leaves();
    this.perLeaf = new BinaryDocValues[leaves.size()];
  }

  /** The unit state of this document, or null when it has none. */
  UnitState get(int doc) throws IOException {
    int i = ReaderUtil.subIndex(doc, leaves);
    LeafReaderContext leaf = leaves.get(i);
    int target = doc - leaf.docBase;
    BinaryDocValues values = perLeaf[i];
    if (values == null || values.docID() >= target) {
      values = leaf.reader().getBinaryDocValues(IndexSchema.UNIT_JSON); // iterators only move forward
      perLeaf[i] = values;
    }
    if (values == null || !values.advanceExact(target)) {
      return null;
    }
    return codec.decode(values.binaryValue());
  }
}
