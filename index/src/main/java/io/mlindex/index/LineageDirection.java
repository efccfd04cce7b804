package io.mlindex.index;

import java.util.Locale;

/** Which way a lineage traversal walks from where it starts. */
public enum LineageDirection {
  /** Towards what it came from: inputs, their producers, their inputs ... */
  UP,
  /** Towards what came from it: readers, their outputs, their readers ... */
  DOWN,
  /** Both of the above from the start (not the whole connected graph). */
  BOTH;

  /** {@code up}, {@code down} or {@code both} (any case); blank means both. */
  public static LineageDirection parse(String text) throws LineageException {
    if (text == null || text.isBlank()) {
      return BOTH;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "up", "upstream" -> UP;
      case "down", "downstream" -> DOWN;
      case "both" -> BOTH;
      default -> throw new LineageException(
          LineageException.Reason.BAD_REQUEST, "direction must be up, down or both, not '" + text + "'");
    };
  }

  boolean includesUp() {
    return this != DOWN;
  }

  boolean includesDown() {
    return this != UP;
  }
}
