package io.mlindex.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Crawls the shared corpus of real artifacts and compares what was harvested with the manifest's
 * independently computed values, format by format. Skips, saying so, when the corpus is absent.
 */
class ConformanceTest {
  @Test
  void harvestMatchesTheManifest() throws Exception {
    Path corpus = Corpus.locate();
    if (corpus == null) {
      System.out.println("CONFORMANCE SKIPPED: ../shared/corpus/public was not found (set -Dmlindex.corpus=DIR to point at it)");
    }
    Assumptions.assumeTrue(corpus != null, "corpus ../shared/corpus/public absent: conformance skipped");

    Map<String, FormatCheck> checks = new HashMap<>();
    for (FormatCheck c : ServiceLoader.load(FormatCheck.class)) {
      c.formats().forEach(f -> checks.put(f, c));
    }
    CrawledRecords crawl = CrawledRecords.of(corpus);
    Tally tally = new Tally();
    List<String> unchecked = new ArrayList<>();
    for (ManifestEntry e : Corpus.manifest(corpus)) {
      FormatCheck check = checks.get(e.format());
      if (check == null) {
        unchecked.add(e.format());
        continue;
      }
      check.check(e, crawl, tally);
    }
    System.out.println("Conformance over " + corpus + " (" + crawl.all().size() + " records harvested):");
    System.out.print(tally.table());
    if (!unchecked.isEmpty()) {
      System.out.println("Manifest formats without a check yet: " + new java.util.TreeSet<>(unchecked));
    }
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Tally.Counts> f : tally.all().entrySet()) {
      Tally.Counts c = f.getValue();
      c.mismatches.forEach(m -> System.out.println("  mismatch " + m));
      double required = checks.get(f.getKey()).required(f.getKey());
      if (c.ratio() < required) {
        failures.add(String.format(java.util.Locale.ROOT, "%s: %.1f%% of %d facts match, %.0f%% required", f.getKey(), 100 * c.ratio(), c.facts, 100 * required));
      }
      if (c.recordsFound < c.records) {
        failures.add(f.getKey() + ": " + (c.records - c.recordsFound) + " of " + c.records + " expected records were not harvested");
      }
    }
    double overall = tally.facts() == 0 ? 1 : (double) tally.matched() / tally.facts();
    assertTrue(overall >= 0.99, "overall match " + overall);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }
}
