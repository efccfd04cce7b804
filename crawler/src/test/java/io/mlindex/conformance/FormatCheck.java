package io.mlindex.conformance;

import java.util.Set;

/**
 * Compares the crawl's records with the manifest for some manifest formats. Implementations are
 * listed in {@code META-INF/services/io.mlindex.conformance.FormatCheck} (test resources), one per
 * format family.
 */
public interface FormatCheck {
  /** The manifest formats this check covers. */
  Set<String> formats();

  /**
   * Checks one manifest entry: count it ({@code tally.of(format).records++}), whether a record was
   * found, and each certain expected fact with {@link Tally#fact}.
   */
  void check(ManifestEntry entry, CrawledRecords crawl, Tally tally);

  /** The share of facts that must match for this format (1.0 = all). */
  default double required(String format) {
    return 0.99;
  }
}
