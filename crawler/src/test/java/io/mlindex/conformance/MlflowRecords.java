package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Lookups and comparisons shared by the MLflow checks. */
final class MlflowRecords {
  private MlflowRecords() {}

  /** The mlflow record of this kind at this path, or null. */
  static Record find(CrawledRecords crawl, String path, RecordKind kind) {
    for (Record r : crawl.at(path)) {
      if ("mlflow".equals(r.getFormat()) && r.getKind() == kind) {
        return r;
      }
    }
    return null;
  }

  /**
   * Compares each expected meta.yaml field with the property of the same name. An empty expected
   * container (MLflow writes {@code aliases: {}}; a model without signature has no input names)
   * matches an absent or empty property: the parsers leave empty values out.
   */
  static void sameFields(ManifestEntry e, JsonNode expected, Record r, Tally tally) {
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (Expect.uncertain(f.getValue())) {
        continue;
      }
      JsonNode want = Expect.value(f.getValue());
      Object actual = r.getProperties().get(f.getKey());
      tally.fact(e, f.getKey(), same(actual, want), want, actual);
    }
  }

  /** {@link Expect#same}, where an empty expected list or map also matches an absent value. */
  static boolean same(Object actual, JsonNode want) {
    if (want.isContainerNode() && want.isEmpty()) {
      return actual == null || actual instanceof Collection<?> c && c.isEmpty() || actual instanceof Map<?, ?> m && m.isEmpty();
    }
    return Expect.same(actual, want);
  }
}
