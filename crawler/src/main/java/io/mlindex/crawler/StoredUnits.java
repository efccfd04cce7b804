package io.mlindex.crawler;

import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.util.Iterator;

/**
 * The index's units under a root, consumed in step with the walk (a merge join): every stored unit
 * the walk passes without visiting has vanished and is deleted. Only the next stored unit is held in
 * memory.
 */
final class StoredUnits {
  interface Deleter {
    void delete(UnitState vanished) throws IOException;
  }

  private final Iterator<UnitState> it;
  private final Deleter deleter;
  private UnitState next;

  StoredUnits(Iterator<UnitState> it, Deleter deleter) {
    this.it = it;
    this.deleter = deleter;
    this.next = it.hasNext() ? it.next() : null;
  }

  /** Deletes stored units before {@code key}; returns the stored state of {@code key}, or null. */
  UnitState advanceTo(String key) throws IOException {
    return peekAt(key) != null ? pop() : null;
  }

  /** Deletes stored units before {@code key}; returns the stored state of {@code key} without passing it, or null. */
  UnitState peekAt(String key) throws IOException {
    while (next != null && UnitKeys.compareNames(next.key(), key) < 0) {
      deleter.delete(pop());
    }
    return next != null && next.key().equals(key) ? next : null;
  }

  /**
   * Passes over the stored units inside a folder that could not be read, without deleting them: an
   * unreadable or unmounted folder must not wipe what was indexed from it.
   */
  void keepWithin(String folderKey) throws IOException {
    advanceTo(folderKey);
    while (next != null && UnitKeys.isWithin(next.key(), folderKey)) {
      pop();
    }
  }

  /** Deletes every stored unit not yet passed. */
  void deleteRest() throws IOException {
    while (next != null) {
      deleter.delete(pop());
    }
  }

  private UnitState pop() {
    UnitState u = next;
    next = it.hasNext() ? it.next() : null;
    return u;
  }
}
