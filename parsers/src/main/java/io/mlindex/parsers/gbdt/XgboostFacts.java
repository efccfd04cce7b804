package io.mlindex.parsers.gbdt;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.record.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Facts of an XGBoost model document (the JSON schema that {@code save_model} writes as JSON or
 * UBJSON, and the {@code save_config} document): version, booster, objective, tree counts,
 * features, classes, base score, attributes, and the training parameters it holds as params.
 * XGBoost writes parameter values as strings; numeric ones are stored as numbers.
 */
final class XgboostFacts {
  private static final int MAX_FEATURE_NAMES = 1000;
  private static final int MAX_SKLEARN_JSON = 1 << 20;

  private XgboostFacts() {}

  static void describe(BoundedTree tree, Record r, String name) {
    JsonNode root = tree.root;
    if (tree.problem != null) {
      r.warn(name + ": reading stopped early (" + tree.problem + "); facts after that point are missing");
    }
    JsonNode learner = root.path("learner");
    if (!learner.isObject()) {
      r.warn(name + ": no 'learner' object; not an XGBoost model document");
      return;
    }
    version(root.path("version"), r);
    JsonNode booster = learner.path("gradient_booster");
    r.property("booster", text(booster.path("name")));
    String modelPath = "learner.gradient_booster.model";
    JsonNode model = booster.path("model");
    if (!model.isObject() && booster.path("gbtree").isObject()) {
      model = booster.path("gbtree").path("model"); // dart wraps a gbtree
      modelPath = "learner.gradient_booster.gbtree.model";
    }
    JsonNode treeParams = model.path("gbtree_model_param");
    r.property("num_trees", number(treeParams.path("num_trees")));
    r.property("num_parallel_tree", number(treeParams.path("num_parallel_tree")));
    if (model.path("trees").isArray() && tree.problem == null) {
      r.property("tree_count", tree.length(modelPath + ".trees", model.path("trees")));
    }
    JsonNode modelParams = learner.path("learner_model_param");
    r.property("num_feature", number(modelParams.path("num_feature")));
    r.property("num_class", number(modelParams.path("num_class")));
    r.property("num_target", number(modelParams.path("num_target")));
    r.property("base_score", baseScore(modelParams.path("base_score")));
    features(tree, learner, r);
    objective(learner.path("objective"), r);
    attributes(learner.path("attributes"), r, name);
    trainingParams(learner, r);
    if (tree.cut()) {
      r.warn(name + ": the document is larger than the reader keeps; some fields were not read");
    }
  }

  private static void version(JsonNode v, Record r) {
    if (v.isArray() && !v.isEmpty()) {
      StringJoiner j = new StringJoiner(".");
      v.forEach(part -> j.add(part.asText()));
      r.property("version", j.toString());
    } else if (v.isTextual()) {
      r.property("version", v.asText());
    }
  }

  private static void features(BoundedTree tree, JsonNode learner, Record r) {
    JsonNode names = learner.path("feature_names");
    if (names.isArray()) {
      List<String> kept = new ArrayList<>();
      for (JsonNode n : names) {
        if (kept.size() < MAX_FEATURE_NAMES) {
          kept.add(n.asText());
        }
      }
      r.property("feature_names_count", tree.length("learner.feature_names", names));
      if (!kept.isEmpty()) {
        r.property("feature_names", kept);
      }
    }
    JsonNode types = learner.path("feature_types");
    if (types.isArray() && !types.isEmpty()) {
      r.property("feature_types_count", tree.length("learner.feature_types", types));
    }
  }

  /** {@code {"name": "binary:logistic", "reg_loss_param": {...}}}: the name, and its parameters. */
  private static void objective(JsonNode objective, Record r) {
    String name = text(objective.path("name"));
    r.property("objective", name);
    if (name != null) {
      r.param("objective", name);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = objective.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        paramsFrom(e.getValue(), e.getKey() + ".", r);
      }
    }
  }

  /** String attributes (best_iteration, best_score ...); the sklearn wrapper's settings as params. */
  private static void attributes(JsonNode attributes, Record r, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("scikit_learn") && e.getValue().isTextual()) {
        sklearnParams(e.getValue().asText(), r, name);
      } else if (e.getValue().isValueNode()) {
        r.property("attributes." + e.getKey(), e.getValue().asText());
      }
    }
  }

  private static void sklearnParams(String json, Record r, String name) {
    if (json.length() > MAX_SKLEARN_JSON) {
      r.warn(name + ": the scikit_learn attribute is too long to read");
      return;
    }
    try {
      JsonNode settings = JsonTrees.parse(json, name + " attribute scikit_learn");
      for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isValueNode() && !e.getValue().isNull() && !r.getParams().containsKey(e.getKey())) {
          r.param(e.getKey(), Flatten.value(e.getValue()));
        }
      }
    } catch (IOException e) {
      r.warn(e.getMessage());
    }
  }

  /**
   * Every {@code *_param} object of the configuration (learner_train_param, generic_param,
   * gbtree_train_param, the updaters' train_param ...) except the model-shape ones read above.
   */
  private static void trainingParams(JsonNode node, Record r) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (!v.isObject() || key.equals("objective") || key.equals("attributes")) {
        continue;
      }
      if (key.endsWith("_param") && !key.equals("learner_model_param") && !key.equals("gbtree_model_param")) {
        paramsFrom(v, "", r);
      } else {
        trainingParams(v, r);
      }
    }
  }

  private static void paramsFrom(JsonNode params, String prefix, Record r) {
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isValueNode()) {
        Object v = e.getValue().isTextual() ? Numbers.scalar(e.getValue().asText()) : Flatten.value(e.getValue());
        r.param(prefix + e.getKey(), v);
      }
    }
  }

  /** "5E-1", or "[5E-1]" / "[1E0,2E0]" since XGBoost 2 (one per target). */
  static Object baseScore(JsonNode v) {
    if (!v.isValueNode() || v.isNull()) {
      return null;
    }
    String t = v.asText().trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      List<Object> parts = new ArrayList<>();
      for (String p : t.substring(1, t.length() - 1).split(",")) {
        parts.add(Numbers.scalar(p.trim()));
      }
      return parts.size() == 1 ? parts.get(0) : parts;
    }
    return Numbers.scalar(t);
  }

  private static Object number(JsonNode v) {
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    return v.isNumber() ? Flatten.value(v) : Numbers.scalar(v.asText());
  }

  private static String text(JsonNode v) {
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }
}
