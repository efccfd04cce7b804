package io.mlindex.parsers.models.onnx;

import java.util.Locale;
import java.util.Map;

/** The framework behind an ONNX {@code producer_name}, for the converters that are common. */
final class OnnxProducers {
  private static final Map<String, String> FRAMEWORKS =
      Map.ofEntries(
          Map.entry("pytorch", "pytorch"),
          Map.entry("torch", "pytorch"),
          Map.entry("skl2onnx", "sklearn"),
          Map.entry("tf2onnx", "tensorflow"),
          Map.entry("keras2onnx", "keras"),
          Map.entry("onnxmltools", "onnxmltools"),
          Map.entry("paddle2onnx", "paddle"),
          Map.entry("optimum", "transformers"),
          Map.entry("onnx.quantize", "onnx"),
          Map.entry("onnxruntime.quant", "onnx"));

  private OnnxProducers() {}

  static String framework(String producerName) {
    if (producerName == null) {
      return null;
    }
    return FRAMEWORKS.get(producerName.trim().toLowerCase(Locale.ROOT));
  }
}
