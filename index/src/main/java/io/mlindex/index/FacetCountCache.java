package io.mlindex.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.Query;

/**
 * Facet counts already computed on an index view, by query and facet fields. The web UI asks for
 * the same counts again while a user pages, sorts or changes columns, and counting over most of a
 * million records costs far more than the page itself. A view never changes, so its counts stay
 * true until it closes, when they are dropped; each view keeps its most recent few.
 */
final class FacetCountCache {
  private static final int PER_VIEW = 64;
  private static final Map<IndexReader.CacheKey, Map<Key, Map<String, Map<String, Long>>>> VIEWS = new ConcurrentHashMap<>();

  private record Key(Query query, List<String> fields) {}

  private FacetCountCache() {}

  static Map<String, Map<String, Long>> get(IndexReader reader, Query query, List<String> fields) {
    Map<Key, Map<String, Map<String, Long>>> view = view(reader);
    if (view == null) {
      return null;
    }
    synchronized (view) {
      return view.get(new Key(query, List.copyOf(fields)));
    }
  }

  static void put(IndexReader reader, Query query, List<String> fields, Map<String, Map<String, Long>> counts) {
    Map<Key, Map<String, Map<String, Long>>> view = view(reader);
    if (view != null) {
      synchronized (view) {
        view.put(new Key(query, List.copyOf(fields)), counts);
      }
    }
  }

  private static Map<Key, Map<String, Map<String, Long>>> view(IndexReader reader) {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    if (helper == null) {
      return null;
    }
    return VIEWS.computeIfAbsent(helper.getKey(), key -> {
      helper.addClosedListener(VIEWS::remove);
      return new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Map<String, Map<String, Long>>> eldest) {
          return size() > PER_VIEW;
        }
      };
    });
  }
}
