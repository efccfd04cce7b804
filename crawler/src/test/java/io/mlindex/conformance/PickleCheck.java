package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pickle: the manifest's static-scan facts (container, protocol, globals in first-seen order,
 * top-level modules, first global) against the record's properties of the same names;
 * {@code mentions_joblib} is whether a {@code joblib.} global was seen. {@code scan_error} describes
 * where the manifest's own scanner stopped (joblib array bytes, which this scanner skips), so it is
 * not a fact about the file and is not compared.
 */
public final class PickleCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("pickle");
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Record r = ModelFacts.find(e, crawl, tally, "pickle");
    if (r == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = e.get("model").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      switch (f.getKey()) {
        case "scan_error" -> { }
        case "mentions_joblib" -> {
          boolean actual = r.getProperties().get("globals") instanceof List<?> globals
              && globals.stream().anyMatch(g -> String.valueOf(g).startsWith("joblib."));
          tally.fact(e, "model.mentions_joblib", actual == f.getValue().asBoolean(), f.getValue(), actual);
        }
        default -> ModelFacts.property(e, tally, f.getKey(), f.getValue(), r, f.getKey());
      }
    }
  }
}
