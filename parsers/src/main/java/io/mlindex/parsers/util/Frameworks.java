package io.mlindex.parsers.util;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which ML framework a top-level Python module belongs to. */
public final class Frameworks {
  private static final Map<String, String> BY_MODULE =
      Map.ofEntries(
          Map.entry("torch", "pytorch"),
          Map.entry("torchvision", "pytorch"),
          Map.entry("torchaudio", "pytorch"),
          Map.entry("torchtext", "pytorch"),
          Map.entry("pytorch_lightning", "lightning"),
          Map.entry("lightning", "lightning"),
          Map.entry("tensorflow", "tensorflow"),
          Map.entry("tf_keras", "keras"),
          Map.entry("keras", "keras"),
          Map.entry("sklearn", "sklearn"),
          Map.entry("xgboost", "xgboost"),
          Map.entry("lightgbm", "lightgbm"),
          Map.entry("catboost", "catboost"),
          Map.entry("transformers", "transformers"),
          Map.entry("datasets", "hf-datasets"),
          Map.entry("peft", "peft"),
          Map.entry("diffusers", "diffusers"),
          Map.entry("accelerate", "accelerate"),
          Map.entry("jax", "jax"),
          Map.entry("flax", "jax"),
          Map.entry("statsmodels", "statsmodels"),
          Map.entry("prophet", "prophet"),
          Map.entry("mxnet", "mxnet"),
          Map.entry("paddle", "paddle"),
          Map.entry("onnx", "onnx"),
          Map.entry("onnxruntime", "onnx"),
          Map.entry("mlflow", "mlflow"),
          Map.entry("wandb", "wandb"),
          Map.entry("sacred", "sacred"),
          Map.entry("hydra", "hydra"),
          Map.entry("dvc", "dvc"),
          Map.entry("dvclive", "dvc"),
          Map.entry("spacy", "spacy"),
          Map.entry("gensim", "gensim"),
          Map.entry("fastai", "fastai"),
          Map.entry("tinygrad", "tinygrad"),
          Map.entry("optuna", "optuna"),
          Map.entry("ray", "ray"));

  private Frameworks() {}

  /** The framework for a top-level module name, or null. */
  public static String of(String module) {
    return BY_MODULE.get(module);
  }

  /** The distinct frameworks of these modules, in first-seen order. */
  public static List<String> of(Iterable<String> modules) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : modules) {
      String f = of(m);
      if (f != null) {
        out.add(f);
      }
    }
    return List.copyOf(out);
  }
}
