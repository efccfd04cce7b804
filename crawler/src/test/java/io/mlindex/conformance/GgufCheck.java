package io.mlindex.conformance;

import java.util.Map;
import java.util.Set;

/**
 * gguf: the model section; metadata values are {@code metadata.<key>}, arrays
 * {@code metadata.<key>.array_type/.length/.head}, as in the manifest once flattened.
 */
public final class GgufCheck extends ModelSectionCheck {
  @Override
  public Set<String> formats() {
    return Set.of("gguf");
  }

  @Override
  protected String recordFormat(String manifestFormat) {
    return "gguf";
  }

  @Override
  protected Map<String, String> renames(String manifestFormat) {
    return Map.of();
  }
}
