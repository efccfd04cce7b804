package io.mlindex.parsers.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The metric names recognised in printed output and how they are normalised: lower case, words
 * joined by {@code _}, split prefixes shortened ({@code validation -> val}, {@code training ->
 * train}) and common spellings unified ({@code acc -> accuracy}, {@code f1-score -> f1}, {@code
 * mean squared error -> mse}, {@code accuracy_score -> accuracy}).
 */
final class MetricNames {
  private static final String SEP = "[ _-]?";

  /** Base names, as regular expressions (longest alternatives first). */
  static final String BASES =
      String.join("|",
          "root" + SEP + "mean" + SEP + "squared" + SEP + "error",
          "mean" + SEP + "absolute" + SEP + "percentage" + SEP + "error",
          "mean" + SEP + "squared" + SEP + "error",
          "mean" + SEP + "absolute" + SEP + "error",
          "balanced" + SEP + "accuracy(?:" + SEP + "score)?",
          "matthews" + SEP + "corrcoef",
          "top" + SEP + "[15]" + SEP + "(?:accuracy|acc|error)",
          "accuracy(?:" + SEP + "score)?", "acc",
          "precision(?:" + SEP + "score)?", "recall(?:" + SEP + "score)?",
          "f1(?:" + SEP + "score)?",
          "roc" + SEP + "auc(?:" + SEP + "score)?", "auc(?:" + SEP + "roc)?",
          "log" + SEP + "loss", "loss",
          "rmse", "mse", "mae", "mape", "r2(?:" + SEP + "score)?", "r" + SEP + "squared",
          "perplexity", "bleu", "rouge" + SEP + "(?:1|2|l|lsum)?", "miou", "iou",
          "error" + SEP + "rate", "specificity", "sensitivity", "kappa", "mcc", "wer", "cer");

  /** Prefixes that say which split or aggregate a value is for. */
  static final String PREFIXES =
      "train(?:ing)?|val(?:idation)?|valid|test(?:ing)?|eval(?:uation)?|dev|holdout|oob|cv|mean|avg|average"
          + "|final|best|overall|macro|micro|weighted";

  /** A whole identifier that names a metric ({@code val_acc}, {@code test_f1_score}, {@code accuracy_score}). */
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?i)(?:(?:" + PREFIXES + ")_){0,2}(?:" + BASES + ")");

  private static final Map<String, String> PREFIX_ALIASES =
      Map.of("validation", "val", "valid", "val", "training", "train", "testing", "test", "evaluation", "eval",
          "average", "avg");

  private static final Map<String, String> BASE_ALIASES =
      Map.ofEntries(
          Map.entry("acc", "accuracy"),
          Map.entry("accuracy_score", "accuracy"),
          Map.entry("precision_score", "precision"),
          Map.entry("recall_score", "recall"),
          Map.entry("f1_score", "f1"),
          Map.entry("f1score", "f1"),
          Map.entry("roc_auc_score", "roc_auc"),
          Map.entry("rocauc", "roc_auc"),
          Map.entry("auc_roc", "roc_auc"),
          Map.entry("r2_score", "r2"),
          Map.entry("r_squared", "r2"),
          Map.entry("rsquared", "r2"),
          Map.entry("logloss", "log_loss"),
          Map.entry("mean_squared_error", "mse"),
          Map.entry("mean_absolute_error", "mae"),
          Map.entry("root_mean_squared_error", "rmse"),
          Map.entry("mean_absolute_percentage_error", "mape"),
          Map.entry("balanced_accuracy_score", "balanced_accuracy"),
          Map.entry("matthews_corrcoef", "mcc"),
          Map.entry("top_1_acc", "top1_accuracy"),
          Map.entry("top_5_acc", "top5_accuracy"),
          Map.entry("top1_acc", "top1_accuracy"),
          Map.entry("top5_acc", "top5_accuracy"),
          Map.entry("top_1_accuracy", "top1_accuracy"),
          Map.entry("top_5_accuracy", "top5_accuracy"));

  private static final Pattern PREFIX_WORD = Pattern.compile("(?:" + PREFIXES + ")");

  private MetricNames() {}

  /** Whether a whole identifier names a metric. */
  static boolean isMetric(String identifier) {
    return IDENTIFIER.matcher(identifier).matches();
  }

  /** The normalised form of a metric name as printed ({@code "Validation Acc"} gives {@code val_accuracy}). */
  static String normalise(String printed) {
    String s = printed.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-/]+", "_").replaceAll("_+", "_");
    s = s.replaceAll("^_|_$", "");
    List<String> prefixes = new ArrayList<>();
    String rest = s;
    while (prefixes.size() < 2) {
      int u = rest.indexOf('_');
      if (u <= 0) {
        break;
      }
      String word = rest.substring(0, u);
      if (!PREFIX_WORD.matcher(word).matches() || !isMetric(rest.substring(u + 1))) {
        break;
      }
      prefixes.add(PREFIX_ALIASES.getOrDefault(word, word));
      rest = rest.substring(u + 1);
    }
    String base = BASE_ALIASES.getOrDefault(rest, rest);
    return prefixes.isEmpty() ? base : String.join("_", prefixes) + "_" + base;
  }
}
