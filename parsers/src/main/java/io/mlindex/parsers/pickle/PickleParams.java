package io.mlindex.parsers.pickle;

import io.mlindex.parsers.pickle.PyValues.PyList;
import io.mlindex.parsers.pickle.PyValues.PyObject;
import io.mlindex.parsers.pickle.PyValues.Tuple;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Literal values read from a pickle's top-level object: a checkpoint dict's scalar entries become
 * properties, its hyperparameter section ({@code hyper_parameters} in Lightning checkpoints, {@code
 * hparams}, {@code args}, {@code config} elsewhere; OmegaConf containers unwrapped) becomes params,
 * and an estimator's public scalar attributes (sklearn, xgboost, lightgbm wrappers) become params.
 * Only plain literals are taken; nothing is called.
 */
public final class PickleParams {
  static final int MAX_PARAMS = 500;
  static final int MAX_LITERAL_PROPERTIES = 50;
  private static final int MAX_DEPTH = 6;
  private static final int MAX_TEXT = 1000;
  /** Checkpoint keys that read as a setting or a counter, not as data (a vocabulary's words). */
  private static final Pattern PROPERTY_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}");

  /** Keys that hold a checkpoint's hyperparameters, in order of preference. */
  static final List<String> HYPERPARAMETER_KEYS =
      List.of("hyper_parameters", "hparams", "hyperparameters", "hyperparams", "args", "config", "cfg", "opt");

  /** Top-level modules whose objects are estimators with their settings as public attributes. */
  private static final Set<String> ESTIMATOR_MODULES =
      Set.of("sklearn", "xgboost", "lightgbm", "catboost", "imblearn", "category_encoders");

  private PickleParams() {}

  /**
   * Adds params and literal properties from the top-level object; {@code reserved} are property
   * names the caller uses, which a checkpoint's own keys get a {@code values.} prefix to avoid.
   */
  public static void read(Object top, Record r, Set<String> reserved) {
    Map<Object, Object> map = PyValues.asMap(top);
    if (map == null) {
      return;
    }
    String cls = top instanceof PyObject o ? o.className() : null;
    if (cls != null && ESTIMATOR_MODULES.contains(cls.substring(0, Math.max(0, cls.indexOf('.'))))) {
      readEstimator(map, r);
      return;
    }
    int literals = 0;
    for (Map.Entry<Object, Object> e : map.entrySet()) {
      if (literals >= MAX_LITERAL_PROPERTIES) {
        break;
      }
      if (!(e.getKey() instanceof String key) || !PROPERTY_KEY.matcher(key).matches() || !PyValues.isScalar(e.getValue())) {
        continue;
      }
      Object v = PyValues.literal(e.getValue(), 0);
      if (v instanceof String s && s.length() > MAX_TEXT) {
        continue;
      }
      r.property(reserved.contains(key) ? "values." + key : key, v);
      literals++;
    }
    for (String key : HYPERPARAMETER_KEYS) {
      Object section = unwrap(map.get(key));
      if (section != null && PyValues.asMap(section) != null) {
        Map<String, Object> params = new LinkedHashMap<>();
        flatten(params, "", section, MAX_DEPTH);
        params.forEach(r::param);
        r.property("params_from", key);
        return;
      }
    }
  }

  private static void readEstimator(Map<Object, Object> state, Record r) {
    for (Map.Entry<Object, Object> e : state.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        continue;
      }
      if (key.equals("_sklearn_version")) {
        r.property("sklearn_version", PyValues.literal(e.getValue(), 0));
      }
      if (key.startsWith("_") || key.endsWith("_") || r.getParams().size() >= MAX_PARAMS) {
        continue; // private state and fitted attributes, not settings
      }
      Object v = PyValues.literal(e.getValue(), 2);
      if (v != PyValues.UNKNOWN && !(v instanceof Map) && !(v instanceof String s && s.length() > MAX_TEXT)) {
        r.param(key, v);
      }
    }
  }

  /** Nested mappings flattened with dots; lists of literals stay lists; code-built values are skipped. */
  static void flatten(Map<String, Object> out, String prefix, Object value, int depth) {
    if (out.size() >= MAX_PARAMS) {
      return;
    }
    Object v = unwrap(value);
    Map<Object, Object> map = depth > 0 ? PyValues.asMap(v) : null;
    if (map != null) {
      for (Map.Entry<Object, Object> e : map.entrySet()) {
        Object k = e.getKey();
        if (k instanceof String || k instanceof Long || k instanceof Boolean) {
          flatten(out, prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, e.getValue(), depth - 1);
        }
      }
      return;
    }
    Object lit = plain(v);
    if (!prefix.isEmpty() && lit != PyValues.UNKNOWN && !(lit instanceof Map)
        && !(lit instanceof String s && s.length() > MAX_TEXT)) {
      out.put(prefix, lit);
    }
  }

  /** A literal, also for lists whose items are OmegaConf value nodes. */
  private static Object plain(Object v) {
    List<Object> items = v instanceof PyList l ? l.items : v instanceof Tuple t ? t.items() : null;
    if (items == null) {
      return PyValues.literal(v, 3);
    }
    List<Object> out = new ArrayList<>(items.size());
    for (Object item : items) {
      Object lit = PyValues.literal(unwrap(item), 2);
      if (lit == PyValues.UNKNOWN) {
        return PyValues.UNKNOWN;
      }
      out.add(lit);
    }
    return out;
  }

  /**
   * OmegaConf containers (Hydra configs saved as Lightning hparams) pickle as objects whose state
   * holds {@code _content} (DictConfig, ListConfig) or {@code _val} (value nodes).
   */
  static Object unwrap(Object v) {
    for (int i = 0; i < 4 && v instanceof PyObject o && o.className() != null && o.className().startsWith("omegaconf."); i++) {
      Map<Object, Object> state = PyValues.asMap(o);
      if (state == null) {
        return v;
      }
      Object inner = state.containsKey("_content") ? state.get("_content") : state.get("_val");
      if (inner == null) {
        return v;
      }
      v = inner;
    }
    return v;
  }
}
