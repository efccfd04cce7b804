package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * onnx: the model section; {@code opset_import} entries are {@code opset_import.<domain>} (the
 * default domain "" as {@code ai.onnx}), {@code metadata_props} are {@code metadata.<key>} and
 * {@code initializer_elements} is the parameter count.
 */
public final class OnnxCheck extends ModelSectionCheck {
  @Override
  public Set<String> formats() {
    return Set.of("onnx");
  }

  @Override
  protected String recordFormat(String manifestFormat) {
    return "onnx";
  }

  @Override
  protected Map<String, String> renames(String manifestFormat) {
    return Map.of("metadata_props", "metadata", "initializer_elements", "parameters");
  }

  @Override
  protected void compare(ManifestEntry e, String key, JsonNode expected, Map<String, Object> props, Tally tally) {
    if (!key.equals("opset_import") || !expected.isArray()) {
      super.compare(e, key, expected, props, tally);
      return;
    }
    for (JsonNode opset : expected) {
      String domain = opset.path("domain").asText("");
      String name = "opset_import." + (domain.isEmpty() ? "ai.onnx" : domain);
      fact(e, "opset_import[" + domain + "]", opset.path("version"), name, props, tally);
    }
  }
}
