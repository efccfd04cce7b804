package io.mlindex.crawler;

import io.mlindex.record.UnitState;
import java.io.IOException;
import java.util.Iterator;

/**
 * The crawler's view of what is already indexed: the units stored under a root, in key order (see
 * {@link io.mlindex.record.UnitKeys}). Implemented by the index; wired in by the application.
 */
@FunctionalInterface
public interface IndexedUnits {
  /**
   * Every stored unit whose key is {@code rootKey} or starts with {@code rootKey + '\0'}, in
   * ascending key order, read from a point-in-time view so that writes during the crawl do not
   * disturb the iteration. The iterator holds no more than a small buffer in memory.
   */
  Iterator<UnitState> unitsUnder(String rootKey) throws IOException;
}
