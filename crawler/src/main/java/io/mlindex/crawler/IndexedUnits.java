package io.mlindex.crawler;

import io.mlindex.record.UnitState;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * The crawler's view of what is already indexed. Implemented by the index; wired in by the
 * application.
 */
public interface IndexedUnits {
  /**
   * Every stored unit whose key is {@code rootKey} or starts with {@code rootKey + '\0'}, in
   * ascending key order (see {@link io.mlindex.record.UnitKeys}), read from a point-in-time view so
   * that writes during the crawl do not disturb the iteration. The iterator holds no more than a
   * small buffer in memory; if it is {@link AutoCloseable} the crawler closes it.
   */
  Iterator<UnitState> unitsUnder(String rootKey) throws IOException;

  /** Stored file units whose content hash is this (to recognise a moved file); empty if none. */
  default List<UnitState> unitsWithContentHash(String contentHash) throws IOException {
    return List.of();
  }
}
