package io.mlindex.parsers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code signature} of an MLmodel: {@code inputs}, {@code outputs} and {@code params}, each a
 * JSON list stored as a YAML string. Column specs are {@code {"name", "type"}}; tensor specs are
 * {@code {"name", "type": "tensor", "tensor-spec": {"dtype", "shape"}}}. An unnamed column is
 * listed by its type, as MLflow shows it.
 */
final class MlflowSignature {
  /** Most entries listed per side (a wide table can have thousands of columns). */
  static final int MAX_ENTRIES = 2000;

  private MlflowSignature() {}

  static void read(JsonNode signature, Record r) {
    if (signature == null || signature.isNull() || signature.isMissingNode()) {
      return;
    }
    if (!signature.isObject()) {
      r.warn("MLmodel: signature is not a mapping; ignored");
      return;
    }
    side(signature.get("inputs"), "inputs", "signature_inputs", "signature_input_types", r);
    side(signature.get("outputs"), "outputs", "signature_outputs", "signature_output_types", r);
    JsonNode params = specs(signature.get("params"), "params", r);
    if (params != null) {
      List<String> names = new ArrayList<>();
      params.forEach(p -> {
        if (names.size() < MAX_ENTRIES && p.hasNonNull("name")) {
          names.add(p.get("name").asText());
        }
      });
      r.property("signature_params", names);
    }
  }

  private static void side(JsonNode value, String what, String namesKey, String typesKey, Record r) {
    JsonNode specs = specs(value, what, r);
    if (specs == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (JsonNode spec : specs) {
      if (names.size() == MAX_ENTRIES) {
        r.warn("MLmodel: signature " + what + " has " + specs.size() + " entries; only the first " + MAX_ENTRIES + " are listed");
        break;
      }
      String type = typeOf(spec);
      String name = spec.hasNonNull("name") ? spec.get("name").asText() : null;
      names.add(name != null ? name : type);
      types.add(type);
    }
    r.property(namesKey, names);
    r.property(typesKey, types);
  }

  /** The JSON list of a signature side (a JSON string in the YAML, or already a list); null if absent or damaged. */
  private static JsonNode specs(JsonNode value, String what, Record r) {
    if (value == null || value.isNull()) {
      return null;
    }
    JsonNode list = value;
    if (value.isTextual()) {
      try {
        list = JsonTrees.parse(value.textValue(), "MLmodel signature " + what);
      } catch (IOException e) {
        r.warn("MLmodel: signature " + what + " is not readable: " + e.getMessage());
        return null;
      }
    }
    if (!list.isArray()) {
      r.warn("MLmodel: signature " + what + " is not a list of column or tensor specs");
      return null;
    }
    return list;
  }

  private static String typeOf(JsonNode spec) {
    String type = spec.path("type").asText("unknown");
    JsonNode tensor = spec.get("tensor-spec");
    if ("tensor".equals(type) && tensor != null && tensor.isObject()) {
      String dtype = tensor.path("dtype").asText("unknown");
      JsonNode shape = tensor.get("shape");
      if (shape != null && shape.isArray()) {
        List<String> dims = new ArrayList<>();
        shape.forEach(d -> dims.add(d.asText()));
        return "tensor:" + dtype + "[" + String.join(",", dims) + "]";
      }
      return "tensor:" + dtype;
    }
    return type;
  }
}
