package io.mlindex.conformance;

import java.util.Map;
import java.util.Set;

/** safetensors: the model section; {@code total_parameters} is the parameter count. */
public final class SafetensorsCheck extends ModelSectionCheck {
  @Override
  public Set<String> formats() {
    return Set.of("safetensors");
  }

  @Override
  protected String recordFormat(String manifestFormat) {
    return "safetensors";
  }

  @Override
  protected Map<String, String> renames(String manifestFormat) {
    return Map.of("total_parameters", "parameters");
  }
}
