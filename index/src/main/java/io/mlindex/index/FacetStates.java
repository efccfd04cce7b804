package io.mlindex.index;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.index.IndexReader;

/**
 * Facet counting states, built once per index view and field and shared by the searches on that
 * view (building one maps every segment's values to global ordinals, which is the costly part of a
 * facet count on a large index; Lucene recommends reusing them). A view's states are dropped when
 * its reader closes.
 */
final class FacetStates {
  private static final Map<IndexReader.CacheKey, Map<String, StringDocValuesReaderState>> STATES = new ConcurrentHashMap<>();

  private FacetStates() {}

  static StringDocValuesReaderState of(IndexReader reader, String field) throws IOException {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    if (helper == null) {
      return new StringDocValuesReaderState(reader, field);
    }
    Map<String, StringDocValuesReaderState> byField = STATES.computeIfAbsent(helper.getKey(), key -> {
      helper.addClosedListener(STATES::remove);
      return new ConcurrentHashMap<>();
    });
    StringDocValuesReaderState state = byField.get(field);
    if (state == null) {
      state = new StringDocValuesReaderState(reader, field);
      byField.put(field, state);
    }
    return state;
  }
}
