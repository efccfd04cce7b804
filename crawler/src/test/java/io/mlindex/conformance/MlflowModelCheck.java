package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * mlflow-model: flavors and their fields, run id, model uuid, MLflow version, time, signature names.
 * The manifest's {@code signature_input_names} are the parser's {@code signature_inputs}; flavor
 * fields are properties {@code flavors.<flavor>.<field>}.
 */
public final class MlflowModelCheck implements FormatCheck {
  private static final Map<String, String> RENAMED = Map.of(
      "signature_input_names", "signature_inputs",
      "signature_output_names", "signature_outputs");

  @Override
  public Set<String> formats() {
    return Set.of("mlflow-model");
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = MlflowRecords.find(crawl, e.path(), RecordKind.MODEL);
    if (r == null) {
      c.mismatches.add(e.id() + ": no mlflow model record harvested");
      return;
    }
    c.recordsFound++;
    JsonNode model = e.get("model");
    for (Iterator<Map.Entry<String, JsonNode>> it = model.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (Expect.uncertain(f.getValue()) || f.getKey().equals("flavors")) {
        continue;
      }
      String key = RENAMED.getOrDefault(f.getKey(), f.getKey());
      Object actual = r.getProperties().get(key);
      tally.fact(e, key, MlflowRecords.same(actual, Expect.value(f.getValue())), f.getValue(), actual);
    }
    Map<String, Object> flavors = new LinkedHashMap<>();
    Flatten.into(flavors, "flavors", model.path("flavors"));
    flavors.forEach((k, v) -> {
      Object actual = r.getProperties().get(k);
      tally.fact(e, k, v == null ? actual == null : v.equals(actual), v, actual);
    });
  }
}
