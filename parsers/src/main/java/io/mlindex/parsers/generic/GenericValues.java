package io.mlindex.parsers.generic;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.record.Metric;
import io.mlindex.record.SeriesBuilder;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed params or metrics file into values, and tells whether they look like a training
 * run's: metric names such as {@code val_acc}, {@code loss}, {@code f1}; param names such as
 * {@code lr}, {@code batch_size}, {@code epochs}.
 */
final class GenericValues {
  /** Most values taken from one file. */
  static final int MAX_LEAVES = 10_000;
  private static final Set<String> METRIC_WORDS = Set.of(
      "acc", "accuracy", "loss", "f1", "precision", "recall", "auc", "roc", "rmse", "mse", "mae",
      "mape", "r2", "bleu", "rouge", "perplexity", "ppl", "score", "error", "iou", "miou", "map",
      "wer", "cer", "ndcg", "mrr", "kappa", "dice", "psnr", "ssim", "fid", "top1", "top5", "logloss");
  private static final List<String> METRIC_PREFIXES = List.of("acc", "loss", "rouge", "bleu", "f1", "top");
  private static final Set<String> PARAM_WORDS = Set.of(
      "lr", "learning", "epoch", "epochs", "batch", "optimizer", "optim", "dropout", "seed", "decay",
      "momentum", "hidden", "layers", "estimators", "depth", "warmup", "model", "arch", "architecture",
      "scheduler", "regularization", "embedding", "heads", "beta1", "beta2", "eps");
  /** Keys that give the step of an entry in a list of per-epoch records. */
  private static final List<String> STEP_KEYS = List.of("step", "global_step", "epoch", "iteration", "iter");

  private GenericValues() {}

  /** Flattened params of a mapping; empty when the tree is not a mapping or has no values. */
  static Map<String, Object> params(JsonNode tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (tree != null && tree.isObject()) {
      Flatten.into(out, "", tree);
    }
    if (out.size() > MAX_LEAVES) {
      Iterator<String> it = out.keySet().iterator();
      for (int i = 0; it.hasNext(); i++) {
        it.next();
        if (i >= MAX_LEAVES) {
          it.remove();
        }
      }
    }
    return out;
  }

  /**
   * The numeric leaves of a metrics file: a mapping (nested names joined with dots, lists of numbers
   * as series), or a list of per-epoch mappings (a series per key, the step from a step/epoch key).
   */
  static Map<String, Metric> metrics(JsonNode tree) {
    Map<String, SeriesBuilder> series = new LinkedHashMap<>();
    if (tree != null && tree.isObject()) {
      walk(tree, "", series);
    } else if (tree != null && tree.isArray()) {
      for (JsonNode entry : tree) {
        if (series.size() >= MAX_LEAVES || !entry.isObject()) {
          continue;
        }
        String stepKey = STEP_KEYS.stream().filter(k -> entry.path(k).isIntegralNumber()).findFirst().orElse(null);
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          if (!f.getKey().equals(stepKey) && f.getValue().isNumber()) {
            SeriesBuilder b = series.computeIfAbsent(f.getKey(), k -> new SeriesBuilder());
            if (stepKey != null) {
              b.add(entry.get(stepKey).asLong(), f.getValue().doubleValue());
            } else {
              b.add(f.getValue().doubleValue());
            }
          }
        }
      }
    }
    Map<String, Metric> out = new LinkedHashMap<>();
    series.forEach((k, b) -> {
      Metric m = b.build();
      if (m != null) {
        out.put(k, m);
      }
    });
    return out;
  }

  private static void walk(JsonNode node, String prefix, Map<String, SeriesBuilder> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && out.size() < MAX_LEAVES; ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
      JsonNode v = f.getValue();
      if (v.isNumber()) {
        SeriesBuilder b = new SeriesBuilder();
        b.add(v.doubleValue());
        out.put(name, b);
      } else if (v.isObject()) {
        walk(v, name, out);
      } else if (v.isArray() && !v.isEmpty() && allNumbers(v)) {
        SeriesBuilder b = new SeriesBuilder();
        v.forEach(x -> b.add(x.doubleValue()));
        out.put(name, b);
      }
    }
  }

  private static boolean allNumbers(JsonNode array) {
    for (JsonNode x : array) {
      if (!x.isNumber()) {
        return false;
      }
    }
    return true;
  }

  /** Whether any name reads like a metric ({@code val_acc}, {@code test/f1}, {@code eval.loss}). */
  static boolean hasMetricName(Iterable<String> names) {
    for (String name : names) {
      for (String token : tokens(name)) {
        if (METRIC_WORDS.contains(token) || METRIC_PREFIXES.stream().anyMatch(token::startsWith)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether any name reads like a hyperparameter ({@code lr}, {@code optimizer.lr}, {@code batch_size}). */
  static boolean hasParamName(Iterable<String> names) {
    for (String name : names) {
      for (String token : tokens(name)) {
        if (PARAM_WORDS.contains(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code valAcc_top1} becomes {@code val}, {@code acc}, {@code top1}. */
  private static String[] tokens(String name) {
    String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return spaced.split("[^a-z0-9]+");
  }
}
