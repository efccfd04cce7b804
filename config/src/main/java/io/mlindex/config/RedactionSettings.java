package io.mlindex.config;

import java.util.List;

/**
 * Secret redaction. It is always on; these settings only add to it.
 *
 * @param extraPatterns additional regular expressions whose matches are redacted
 * @param allow literal values that look like secrets but are known not to be (test fixtures, ...)
 */
public record RedactionSettings(List<String> extraPatterns, List<String> allow) {
  public RedactionSettings {
    extraPatterns = List.copyOf(extraPatterns);
    allow = List.copyOf(allow);
  }

  public static RedactionSettings none() {
    return new RedactionSettings(List.of(), List.of());
  }
}
