package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * xgboost-model: version (the manifest's list, the record's dotted string), booster, objective,
 * num_trees, trees_in_list (the record's {@code tree_count}), num_feature, num_class, base_score,
 * feature_names_count, and each attribute (the record's {@code attributes.<name>}).
 */
public final class XgboostModelCheck implements FormatCheck {
  @Override
  public java.util.Set<String> formats() {
    return java.util.Set.of("xgboost-model");
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Record r = ModelFacts.find(e, crawl, tally, "xgboost");
    if (r == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = e.get("model").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      switch (f.getKey()) {
        case "version" -> {
          StringJoiner dotted = new StringJoiner(".");
          Expect.value(v).forEach(part -> dotted.add(part.asText()));
          Object actual = r.getProperties().get("version");
          tally.fact(e, "model.version", dotted.toString().equals(actual), dotted, actual);
        }
        case "trees_in_list" -> ModelFacts.property(e, tally, f.getKey(), v, r, "tree_count");
        case "attributes" -> v.fields().forEachRemaining(a ->
            ModelFacts.property(e, tally, "attributes." + a.getKey(), a.getValue(), r, "attributes." + a.getKey()));
        default -> ModelFacts.property(e, tally, f.getKey(), v, r, f.getKey());
      }
    }
  }
}
