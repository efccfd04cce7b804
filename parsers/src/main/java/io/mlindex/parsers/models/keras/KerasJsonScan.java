package io.mlindex.parsers.models.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The fallback for HDF5 files whose structure cannot be walked: finds Keras's JSON attribute
 * values (model_config, training_config) as text in the raw bytes, by their opening keys and a
 * string-aware brace match, bounded in length.
 */
final class KerasJsonScan {
  private static final int MAX_JSON = 16 << 20;
  private static final int MAX_TRIES = 8;
  private static final String[] MODEL_STARTS = {"{\"class_name\":", "{\"module\":"};
  private static final String[] TRAINING_STARTS = {"{\"loss\":", "{\"optimizer_config\":", "{\"metrics\":"};

  private final byte[] bytes;

  KerasJsonScan(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The first JSON object that looks like a model config, or null. */
  JsonNode modelConfig() {
    return first(MODEL_STARTS, n -> n.path("config").isObject() && n.path("class_name").isTextual());
  }

  /** The first JSON object that looks like a training config, or null. */
  JsonNode trainingConfig() {
    return first(TRAINING_STARTS, n -> n.has("optimizer_config") || n.has("loss"));
  }

  private JsonNode first(String[] starts, java.util.function.Predicate<JsonNode> accept) {
    JsonNode best = null;
    int bestAt = Integer.MAX_VALUE;
    for (String start : starts) {
      byte[] pattern = start.getBytes(StandardCharsets.US_ASCII);
      int tries = 0;
      for (int at = indexOf(pattern, 0); at >= 0 && at < bestAt && tries++ < MAX_TRIES; at = indexOf(pattern, at + 1)) {
        JsonNode n = objectAt(at);
        if (n != null && accept.test(n)) {
          best = n;
          bestAt = at;
          break;
        }
      }
    }
    return best;
  }

  private int indexOf(byte[] pattern, int from) {
    outer:
    for (int i = from; i <= bytes.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The JSON object starting at {@code start}, if its braces close within the bound and it parses. */
  private JsonNode objectAt(int start) {
    int depth = 0;
    boolean inString = false;
    int limit = (int) Math.min(bytes.length, (long) start + MAX_JSON);
    for (int i = start; i < limit; i++) {
      byte b = bytes[i];
      if (b == 0) {
        return null;
      }
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if ((b == '}' || b == ']') && --depth == 0) {
        byte[] json = java.util.Arrays.copyOfRange(bytes, start, i + 1);
        try {
          return JsonTrees.parse(json, "embedded JSON");
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }
}
