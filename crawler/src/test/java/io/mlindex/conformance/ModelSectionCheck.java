package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import java.util.Map;

/**
 * Compares a model file's record properties with the manifest's {@code model} section: each
 * certain fact, under the property name the parser uses (a format maps the manifest's names where
 * they differ). Objects are compared leaf by leaf as dotted names ({@code dtype_counts.F32}); a
 * null or empty object expects no property under that name.
 */
abstract class ModelSectionCheck implements FormatCheck {
  /** The record format that answers a manifest format. */
  protected abstract String recordFormat(String manifestFormat);

  /** Manifest key to property name, where they differ. */
  protected abstract Map<String, String> renames(String manifestFormat);

  /** Compares one top-level fact; override for facts that need their own mapping. */
  protected void compare(ManifestEntry e, String key, JsonNode expected, Map<String, Object> props, Tally tally) {
    fact(e, key, expected, renames(e.format()).getOrDefault(key, key), props, tally);
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = crawl.find(e.path(), recordFormat(e.format()));
    if (r == null) {
      c.mismatches.add(e.id() + ": no " + recordFormat(e.format()) + " record harvested");
      return;
    }
    c.recordsFound++;
    e.get("model").fields().forEachRemaining(f -> compare(e, f.getKey(), f.getValue(), r.getProperties(), tally));
  }

  /** One expected value (recursing into objects) against the property {@code name}. */
  static void fact(ManifestEntry e, String what, JsonNode expected, String name, Map<String, Object> props, Tally tally) {
    if (Expect.uncertain(expected)) {
      return;
    }
    JsonNode value = Expect.value(expected);
    if (value == null || value.isNull() || (value.isObject() && value.isEmpty())) {
      String under = firstUnder(props, name);
      tally.fact(e, "model." + what, under == null, "nothing under " + name, under);
    } else if (value.isObject()) {
      value.fields().forEachRemaining(f -> fact(e, what + "." + f.getKey(), f.getValue(), name + "." + f.getKey(), props, tally));
    } else {
      Object actual = props.get(name);
      tally.fact(e, "model." + what, Expect.same(actual, value), value, actual);
    }
  }

  private static String firstUnder(Map<String, Object> props, String name) {
    for (String k : props.keySet()) {
      if (k.equals(name) || k.startsWith(name + ".")) {
        return k;
      }
    }
    return null;
  }
}
