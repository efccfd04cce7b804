package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * lightgbm-model: header fields, feature and tree counts against properties of the same names; the
 * {@code parameters} section against the record's params (stored as numbers where numeric).
 */
public final class LightgbmModelCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("lightgbm-model");
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Record r = ModelFacts.find(e, crawl, tally, "lightgbm");
    if (r == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = e.get("model").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!f.getKey().equals("parameters")) {
        ModelFacts.property(e, tally, f.getKey(), f.getValue(), r, f.getKey());
        continue;
      }
      f.getValue().fields().forEachRemaining(p -> {
        Object actual = r.getParams().get(p.getKey());
        boolean ok = r.getParams().containsKey(p.getKey()) && ModelFacts.same(actual, p.getValue());
        tally.fact(e, "param " + p.getKey(), ok, p.getValue(), actual);
      });
    }
  }
}
