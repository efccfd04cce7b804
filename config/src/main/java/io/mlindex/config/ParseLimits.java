package io.mlindex.config;

import java.time.Duration;

/**
 * Bounds that keep one hostile or enormous file from hurting the crawl.
 *
 * @param maxReadBytes largest file a parser reads whole (JSON, YAML, notebooks); bigger ones are
 *     streamed or skipped with a warning, depending on the format
 * @param maxTextChars most characters of searchable text kept per record
 * @param parseTimeout wall-clock time one unit may take before it is abandoned with a warning
 * @param hashFullBytes files up to this size get a full SHA-256; bigger ones a sampled fingerprint
 */
public record ParseLimits(
    long maxReadBytes, int maxTextChars, Duration parseTimeout, long hashFullBytes) {

  public static ParseLimits defaults() {
    return new ParseLimits(64L << 20, 1 << 20, Duration.ofSeconds(60), 1L << 30);
  }
}
