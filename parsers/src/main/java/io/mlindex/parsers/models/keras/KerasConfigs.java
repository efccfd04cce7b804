package io.mlindex.parsers.models.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts from Keras's JSON configs, shared by the .keras and .h5 readers: the model config (model
 * class, name, layer classes) and the compile or training config (flattened, plus the optimizer,
 * loss and metric names on their own).
 */
final class KerasConfigs {
  private static final int MAX_LAYERS_LISTED = 1000;

  private KerasConfigs() {}

  /** {@code {"class_name": "Sequential", "config": {"name": ..., "layers": [...]}}}. */
  static void modelConfig(JsonNode config, Record r) {
    r.property("class_name", text(config.path("class_name")));
    JsonNode inner = config.path("config");
    r.property("model_name", text(inner.path("name")));
    JsonNode layers = inner.path("layers");
    if (layers.isArray()) {
      List<String> classes = new ArrayList<>();
      for (JsonNode layer : layers) {
        if (classes.size() >= MAX_LAYERS_LISTED) {
          break;
        }
        String c = text(layer.path("class_name"));
        classes.add(c == null ? "?" : c);
      }
      r.property("layer_count", (long) layers.size());
      r.property("layer_classes", classes);
    }
    r.property("framework", "keras");
  }

  /**
   * A compile config ({@code .keras}: optimizer, loss, metrics ...) or a legacy training config
   * ({@code .h5}: optimizer_config, loss, metrics ...), flattened under {@code prefix}.
   */
  static void trainingConfig(JsonNode config, String prefix, Record r) {
    if (!config.isObject()) {
      return;
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    Flatten.into(flat, prefix, config);
    flat.forEach(r::property);
    JsonNode optimizer = config.has("optimizer_config") ? config.get("optimizer_config") : config.path("optimizer");
    r.property("optimizer", name(optimizer));
    List<String> losses = names(config.path("loss"), false);
    r.property("loss", losses.size() == 1 ? losses.get(0) : losses.isEmpty() ? null : losses);
    List<String> metrics = names(config.path("metrics"), true);
    if (!metrics.isEmpty()) {
      r.property("metrics", metrics);
    }
  }

  /** The name of a string, or of a serialised object ({@code config.name}, else {@code class_name}). */
  private static String name(JsonNode n) {
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isObject()) {
      String c = text(n.path("class_name"));
      return c != null ? c : text(n.path("config").path("name"));
    }
    return null;
  }

  /**
   * Names in a string, a serialised object, a list (nested for several outputs) or a map by output.
   * For an object, {@code config.name} when {@code byConfigName} (metrics: "accuracy" rather than
   * "MeanMetricWrapper"), else its {@code class_name} (losses: "BinaryCrossentropy").
   */
  private static List<String> names(JsonNode n, boolean byConfigName) {
    List<String> out = new ArrayList<>();
    collect(n, byConfigName, out, 0);
    return out;
  }

  private static void collect(JsonNode n, boolean byConfigName, List<String> out, int depth) {
    if (depth > 4 || out.size() >= 100) {
      return;
    }
    if (n.isTextual()) {
      out.add(n.textValue());
    } else if (n.isArray()) {
      n.forEach(e -> collect(e, byConfigName, out, depth + 1));
    } else if (n.isObject() && n.has("class_name")) {
      String configName = text(n.path("config").path("name"));
      String name = byConfigName && configName != null ? configName : text(n.path("class_name"));
      if (name != null) {
        out.add(name);
      }
    } else if (n.isObject()) {
      n.forEach(e -> collect(e, byConfigName, out, depth + 1));
    }
  }

  static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }
}
