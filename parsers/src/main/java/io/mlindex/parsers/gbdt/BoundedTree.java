package io.mlindex.parsers.gbdt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON tree read with bounds, for model files whose bulk (tree arrays) must be counted rather
 * than held: an array keeps its first {@link #KEPT_SCALARS} scalar items and first {@link
 * #KEPT_CONTAINERS} container items, and the full length of every array that was cut is kept by
 * path ({@code learner.gradient_booster.model.trees}; array items add {@code []}).
 */
final class BoundedTree {
  static final int KEPT_SCALARS = 1000;
  static final int KEPT_CONTAINERS = 16;
  static final int MAX_NODES = 200_000;
  static final int MAX_DEPTH = 100;
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Map<String, Long> lengths = new HashMap<>();
  private long nodes;
  private boolean cut;
  /** The document so far: complete, or up to where reading stopped (see {@link #problem}). */
  JsonNode root;
  /** Why reading stopped before the end of the document, or null. */
  String problem;

  /** Whether an item of an array (at this index) or an object member may be kept. */
  boolean keep(long index, boolean container) {
    if (nodes >= MAX_NODES) {
      cut = true;
      return false;
    }
    if (index >= (container ? KEPT_CONTAINERS : KEPT_SCALARS)) {
      return false;
    }
    nodes++;
    return true;
  }

  /** Whether one more object member may be kept. */
  boolean keepMember() {
    if (nodes >= MAX_NODES) {
      cut = true;
      return false;
    }
    nodes++;
    return true;
  }

  void arrayLength(String path, long length, int kept) {
    if (length > kept) {
      lengths.put(path, length);
    }
  }

  /** The full length of the array at a path: the recorded one if it was cut, else its size. */
  long length(String path, JsonNode array) {
    Long full = lengths.get(path);
    return full != null ? full : array == null || !array.isArray() ? 0 : array.size();
  }

  /** Whether members were dropped because the tree reached {@link #MAX_NODES}. */
  boolean cut() {
    return cut;
  }

  void markCut() {
    cut = true;
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
