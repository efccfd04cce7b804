package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.record.Record;

/** Comparison helpers for the model-file checks (pickle, LightGBM, XGBoost). */
final class ModelFacts {
  private ModelFacts() {}

  /**
   * The manifest's value matches the harvested one: as {@link Expect#same}, or numerically when
   * the manifest keeps a number as the text the file had ("5E-1", "0.08") and the parser stored it
   * as a number.
   */
  static boolean same(Object actual, JsonNode expected) {
    if (Expect.same(actual, expected)) {
      return true;
    }
    if (expected != null && expected.isTextual() && actual != null && !(actual instanceof Boolean)) {
      Double e = Numbers.parseDouble(expected.asText());
      Double a = actual instanceof Number n ? n.doubleValue() : Numbers.parseDouble(String.valueOf(actual));
      return e != null && a != null && Expect.sameNumber(a, e);
    }
    return false;
  }

  /** Finds the record of a format at the entry's path, counting the record; null (and a mismatch) if absent. */
  static Record find(ManifestEntry e, CrawledRecords crawl, Tally tally, String format) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = crawl.find(e.path(), format);
    if (r == null) {
      c.mismatches.add(e.id() + ": no " + format + " record harvested");
      return null;
    }
    c.recordsFound++;
    return r;
  }

  /** Compares one certain expected model fact with a property. */
  static void property(ManifestEntry e, Tally tally, String expectedKey, JsonNode expected, Record r, String propertyKey) {
    if (Expect.uncertain(expected)) {
      return;
    }
    Object actual = r.getProperties().get(propertyKey);
    tally.fact(e, "model." + expectedKey, same(actual, Expect.value(expected)), Expect.value(expected), actual);
  }
}
