package io.mlindex.parsers.util;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Flattens nested settings into dotted names ({@code optimizer.lr}); lists stay lists. Scalar
 * values become Long, Double, Boolean or String; JSON null stays null.
 */
public final class Flatten {
  private Flatten() {}

  public static void into(Map<String, Object> out, String prefix, JsonNode node) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      if (node.isEmpty() && !prefix.isEmpty()) {
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        into(out, prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue());
      }
    } else if (!prefix.isEmpty()) {
      out.put(prefix, value(node));
    }
  }

  /** The plain Java value of a JSON node: Long, Double, Boolean, String, List or Map, or null. */
  public static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(e -> list.add(value(e)));
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new java.util.LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), value(e.getValue())));
      return map;
    }
    return node.asText();
  }

  /** A JSON number as a double, or a numeric string such as "NaN" or "0.5"; null otherwise. */
  public static Double number(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      return Numbers.parseDouble(node.textValue());
    }
    return null;
  }
}
