package io.mlindex.parsers.notebook;

import io.mlindex.parsers.util.Frameworks;
import io.mlindex.parsers.util.PythonLiterals;
import io.mlindex.record.Record;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Params guessed from code, each with how it was found: top-level literal assignments whose name
 * looks like a setting ({@code LR = 1e-3}, {@code config = {...}} flattened), literal keyword
 * arguments of estimator, layer and trainer constructors ({@code RandomForestClassifier.n_estimators})
 * and of {@code fit}/{@code compile}/{@code train}/{@code train_test_split}, and argparse (or click)
 * option defaults.
 */
final class CodeParams {
  static final String ASSIGNMENT = "top-level assignment";
  static final String KEYWORD = "literal keyword argument";
  static final String ARGPARSE = "argparse default";

  private static final int MAX_PARAMS = 2000;
  private static final int MAX_STRING = 200;

  private static final Set<String> SETTING_WORDS =
      Set.of("lr", "learning", "epoch", "epochs", "batch", "bs", "seed", "dropout", "momentum", "decay", "warmup",
          "patience", "hidden", "layers", "units", "heads", "embedding", "emb", "estimators", "depth", "iterations",
          "iters", "steps", "alpha", "beta", "beta1", "beta2", "gamma", "lambda", "l1", "l2", "eps", "epsilon",
          "temperature", "folds", "threshold", "optimizer", "optim", "scheduler", "activation", "kernel", "stride",
          "filters", "channels", "neurons", "classes", "rounds", "trials", "leaves", "subsample", "backbone", "arch",
          "architecture", "seq", "dim", "trees", "regularization", "penalty", "clip", "accumulation", "lookback");
  private static final Set<String> SETTING_NAMES =
      Set.of("test_size", "val_size", "valid_size", "train_size", "max_len", "max_length", "top_k", "top_p",
          "random_state", "model_name", "num_workers", "img_size", "image_size", "input_size", "vocab_size");
  private static final Set<String> CONFIG_NAMES =
      Set.of("config", "cfg", "conf", "params", "hparams", "hyperparams", "hyperparameters", "hp", "settings",
          "args", "parameters", "param_grid", "search_space", "training_args");
  private static final Set<String> FITTING_FUNCTIONS =
      Set.of("train_test_split", "fit", "compile", "train", "cross_val_score", "cross_validate", "fit_generator");
  private static final Set<String> MORE_ML_MODULES =
      Set.of("imblearn", "timm", "sentence_transformers", "pycaret", "skorch", "trl", "torch_geometric",
          "keras_tuner", "tensorflow_hub", "torchmetrics", "segmentation_models_pytorch");

  private final Map<String, String> modules;
  private final Set<String> localClasses;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> how = new LinkedHashMap<>();

  CodeParams(Map<String, String> modules, Set<String> localClasses) {
    this.modules = modules;
    this.localClasses = localClasses;
  }

  /** A top-level {@code name = value}; a later assignment to the same name wins. */
  void assignment(PyStatement st, int valueAt) {
    String name = st.get(0).text();
    Object v = PythonLiterals.parse(st.text(valueAt, st.size()));
    if (v == PythonLiterals.NOT_LITERAL || v == null) {
      return;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (v instanceof Map<?, ?> map && isConfigName(lower)) {
      flatten(name, map, ASSIGNMENT, true);
    } else if (isSettingName(lower) && isSettingValue(v)) {
      put(name, v, ASSIGNMENT, true);
    }
  }

  void call(PyCall call) {
    String name = call.name();
    if ((name.equals("add_argument") || (name.equals("option") && "click".equals(call.receiver())))
        && call.keywords().containsKey("default")) {
      argument(call);
      return;
    }
    if (!FITTING_FUNCTIONS.contains(name) && !isModelClass(call)) {
      return;
    }
    for (Map.Entry<String, int[]> kw : call.keywords().entrySet()) {
      Object v = PythonLiterals.parse(call.statement().text(kw.getValue()[0], kw.getValue()[1]));
      if (v == PythonLiterals.NOT_LITERAL || v == null) {
        continue;
      }
      String key = name + "." + kw.getKey();
      if (v instanceof Map<?, ?> map) {
        flatten(key, map, KEYWORD, false);
      } else {
        put(key, v, KEYWORD, false);
      }
    }
  }

  private void argument(PyCall call) {
    String dest = null;
    Object d = literal(call, call.keywords().get("dest"));
    if (d instanceof String s) {
      dest = s;
    }
    for (int[] p : call.positional()) {
      if (dest != null) {
        break;
      }
      if (literal(call, p) instanceof String opt && !opt.isEmpty()) {
        if (opt.startsWith("--") || !opt.startsWith("-")) {
          dest = opt.replaceFirst("^-+", "").replace('-', '_');
        }
      }
    }
    if (dest == null) {
      for (int[] p : call.positional()) {
        if (literal(call, p) instanceof String opt && opt.startsWith("-")) {
          dest = opt.replaceFirst("^-+", "").replace('-', '_');
          break;
        }
      }
    }
    Object v = literal(call, call.keywords().get("default"));
    if (dest != null && !dest.isEmpty() && v != PythonLiterals.NOT_LITERAL && v != null) {
      put(dest, v, ARGPARSE, false);
    }
  }

  private static Object literal(PyCall call, int[] range) {
    return range == null ? PythonLiterals.NOT_LITERAL : PythonLiterals.parse(call.statement().text(range[0], range[1]));
  }

  /** A constructor of a class that comes from an ML library or is defined in this code. */
  private boolean isModelClass(PyCall call) {
    String name = call.name();
    if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
      return false;
    }
    if (localClasses.contains(name)) {
      return true;
    }
    String root = call.callee().get(0);
    String module = modules.get(root);
    if (module == null && call.callee().size() > 1) {
      module = root;
    }
    return module != null && (Frameworks.of(module) != null || MORE_ML_MODULES.contains(module));
  }

  static boolean isSettingName(String lower) {
    if (SETTING_NAMES.contains(lower)) {
      return true;
    }
    for (String word : lower.split("_")) {
      if (SETTING_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConfigName(String lower) {
    if (CONFIG_NAMES.contains(lower)) {
      return true;
    }
    for (String suffix : List.of("_config", "_cfg", "_params", "_hparams", "_args", "_settings")) {
      if (lower.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSettingValue(Object v) {
    if (v instanceof String s) {
      return !s.isEmpty() && s.length() <= MAX_STRING && s.indexOf('\n') < 0 && !LineageCalls.looksLikePath(s);
    }
    if (v instanceof List<?> list) {
      return !list.isEmpty() && list.size() <= 64 && list.stream().allMatch(e -> e == null || isScalar(e));
    }
    return isScalar(v);
  }

  private static boolean isScalar(Object v) {
    return v instanceof Number || v instanceof Boolean || (v instanceof String s && s.length() <= MAX_STRING);
  }

  private void flatten(String prefix, Map<?, ?> map, String source, boolean replace) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> inner) {
        flatten(key, inner, source, replace);
      } else if (e.getValue() != null) {
        put(key, e.getValue(), source, replace);
      }
    }
  }

  private void put(String key, Object value, String source, boolean replace) {
    if (values.size() >= MAX_PARAMS && !values.containsKey(key)) {
      return;
    }
    if (replace || !values.containsKey(key)) {
      values.put(key, value);
      how.put(key, source);
    }
  }

  /** Adds the guessed params that no stated param (papermill) already gives. */
  void apply(Record r) {
    values.forEach((k, v) -> {
      if (!r.getParams().containsKey(k)) {
        r.guessedParam(k, v, how.get(k));
      }
    });
  }
}
