package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * keras (.keras zip) and keras-h5 (legacy HDF5): the model section. Both formats use the same
 * property names: {@code metadata.json}'s values are top-level ({@code keras_version}), the
 * model config gives {@code class_name}, {@code layer_count}, {@code layer_classes}, the
 * training config is flattened under {@code training_config} with {@code optimizer} and
 * {@code metrics} on their own.
 */
public final class KerasCheck extends ModelSectionCheck {
  @Override
  public Set<String> formats() {
    return Set.of("keras", "keras-h5");
  }

  @Override
  protected String recordFormat(String manifestFormat) {
    return manifestFormat;
  }

  @Override
  protected Map<String, String> renames(String manifestFormat) {
    return manifestFormat.equals("keras")
        ? Map.of()
        : Map.of(
            "model_config_class_name", "class_name",
            "model_config_layer_count", "layer_count",
            "model_config_layer_classes", "layer_classes",
            "training_config_loss", "training_config.loss",
            "training_config_optimizer", "optimizer",
            "training_config_metrics", "metrics");
  }

  @Override
  protected void compare(ManifestEntry e, String key, JsonNode expected, Map<String, Object> props, Tally tally) {
    if (key.equals("metadata") && expected.isObject()) {
      expected.fields().forEachRemaining(f -> fact(e, "metadata." + f.getKey(), f.getValue(), f.getKey(), props, tally));
    } else {
      super.compare(e, key, expected, props, tally);
    }
  }
}
