package io.mlindex.parsers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.record.CodeRef;
import io.mlindex.record.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models a run logged, from its {@code mlflow.log-model.history} tag (a JSON list of MLmodel
 * dictionaries that MLflow appends to on every {@code log_model}).
 */
final class MlflowLoggedModels {
  static final String TAG = "mlflow.log-model.history";
  static final int MAX_MODELS = 1000;

  private MlflowLoggedModels() {}

  static void fromTags(Record r) {
    String history = r.getTags().get(TAG);
    if (history == null || history.isBlank()) {
      return;
    }
    JsonNode list;
    try {
      list = JsonTrees.parse(history, "tag " + TAG);
    } catch (IOException e) {
      r.warn("tags/" + TAG + " is not readable: " + e.getMessage());
      return;
    }
    if (!list.isArray()) {
      r.warn("tags/" + TAG + " is not a list of models");
      return;
    }
    List<Map<String, Object>> models = new ArrayList<>();
    List<String> allFlavors = new ArrayList<>();
    for (JsonNode m : list) {
      if (models.size() == MAX_MODELS) {
        r.warn("tags/" + TAG + " lists " + list.size() + " models; only the first " + MAX_MODELS + " are kept");
        break;
      }
      if (!m.isObject()) {
        continue;
      }
      Map<String, Object> model = new LinkedHashMap<>();
      for (String key : List.of("artifact_path", "model_uuid", "model_id", "utc_time_created")) {
        String v = MlflowMeta.text(m, key);
        if (v != null) {
          model.put(key, v);
        }
      }
      List<String> flavors = new ArrayList<>();
      for (Iterator<String> it = m.path("flavors").fieldNames(); it.hasNext(); ) {
        String flavor = it.next();
        flavors.add(flavor);
        CodeRef.addDistinct(allFlavors, flavor);
        CodeRef.addDistinct(r.getCode().getFrameworks(), MlflowModelParser.frameworkOf(flavor));
      }
      flavors.sort(null); // a set; sorted as the MLmodel file lists them
      model.put("flavors", flavors);
      models.add(model);
    }
    if (!models.isEmpty()) {
      r.property("logged_models", models);
      r.property("logged_model_flavors", allFlavors);
    }
  }
}
