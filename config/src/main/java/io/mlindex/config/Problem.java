package io.mlindex.config;

/**
 * One thing wrong with the settings: the key it concerns (a dotted path such as {@code roots[0].path}),
 * what is wrong, and what to do about it.
 */
public record Problem(String key, String message) {
  @Override
  public String toString() {
    return key.isEmpty() ? message : key + ": " + message;
  }
}
