package io.mlindex.parsers.sacred;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Flatten;
import java.util.Iterator;
import java.util.Map;

/**
 * Flattens a Sacred config (dots between nested names, lists stay lists). Sacred stores values it
 * cannot write as JSON with jsonpickle ({@code {"py/object": "numpy.ndarray", ...}}, {@code
 * {"py/tuple": [...]}}): such a value is kept whole as its JSON text, never reconstructed.
 */
final class JsonPickleParams {
  private JsonPickleParams() {}

  static void into(Map<String, Object> out, String prefix, JsonNode node) {
    if (node == null) {
      return;
    }
    if (node.isObject() && !isPickled(node)) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        into(out, prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue());
      }
      return;
    }
    if (prefix.isEmpty()) {
      return;
    }
    out.put(prefix, isPickled(node) || containsPickled(node) ? node.toString() : Flatten.value(node));
  }

  /** An object written by jsonpickle: one of its keys starts with {@code py/}. */
  static boolean isPickled(JsonNode node) {
    if (!node.isObject()) {
      return false;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      if (it.next().startsWith("py/")) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsPickled(JsonNode node) {
    if (isPickled(node)) {
      return true;
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (containsPickled(child)) {
          return true;
        }
      }
    }
    return false;
  }
}
