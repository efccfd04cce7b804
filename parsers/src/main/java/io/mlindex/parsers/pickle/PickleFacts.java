package io.mlindex.parsers.pickle;

import io.mlindex.parsers.pickle.PyValues.Global;
import io.mlindex.parsers.pickle.PyValues.PyDict;
import io.mlindex.parsers.pickle.PyValues.PyList;
import io.mlindex.parsers.pickle.PyValues.PyObject;
import io.mlindex.parsers.pickle.PyValues.PySet;
import io.mlindex.parsers.pickle.PyValues.Tuple;
import io.mlindex.parsers.util.Frameworks;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@link PickleScan} into record facts shared by every pickle-based format: protocol,
 * globals and their top-level modules, frameworks, the top-level object's shape and keys, its
 * literal values, and the {@code unsafe pickle} warning.
 */
public final class PickleFacts {
  static final int MAX_GLOBALS_KEPT = 200;
  static final int MAX_KEYS_KEPT = 200;
  /** Modules that are not ML frameworks but tell what a pickle holds. */
  private static final Map<String, String> DATA_LIBRARIES =
      Map.of("numpy", "numpy", "pandas", "pandas", "scipy", "scipy", "polars", "polars");

  /** Property names this package and the PyTorch parser write; checkpoint keys must not overwrite them. */
  public static final Set<String> RESERVED =
      Set.of(
          "protocol", "globals", "globals_count", "first_global", "top_level_modules", "framework",
          "top_level", "top_level_class", "keys", "key_count", "joblib_arrays", "unsafe_globals",
          "container", "compression", "params_from", "sklearn_version", "serialization",
          "archive_version", "byteorder", "storages", "storage_bytes", "tensors", "parameters",
          "dtypes", "persistent_ids", "lightning_version", "torchscript", "parameters_from");

  private PickleFacts() {}

  /** Adds the scan's facts to the record; {@code what} names the stream in warnings. */
  public static void describe(PickleScan scan, Record r, String what) {
    if (scan.protocol() >= 0) {
      r.property("protocol", scan.protocol());
    }
    List<String> globals = new ArrayList<>(scan.globals());
    if (!globals.isEmpty()) {
      r.property("globals", List.copyOf(globals.subList(0, Math.min(globals.size(), MAX_GLOBALS_KEPT))));
      r.property("globals_count", globals.size());
      r.property("first_global", globals.get(0));
    }
    Set<String> modules = topLevelModules(globals);
    if (!modules.isEmpty()) {
      r.property("top_level_modules", List.copyOf(modules));
    }
    List<String> frameworks = frameworks(modules);
    frameworks.forEach(f -> addOnce(r.getCode().getFrameworks(), f));
    String primary = primaryFramework(scan.top(), globals);
    r.property("framework", primary != null ? primary : frameworks.isEmpty() ? null : frameworks.get(0));
    describeTop(scan.top(), r);
    if (scan.persistentIds() > 0) {
      r.property("persistent_ids", scan.persistentIds());
    }
    if (scan.joblibArrays() > 0) {
      r.property("joblib_arrays", scan.joblibArrays());
    }
    warnIfUnsafe(scan, r);
    if (scan.problem() != null) {
      r.warn(what + ": " + scan.problem());
    }
  }

  /** The {@code unsafe pickle} warning, when the scan saw a dangerous or unnameable reference. */
  public static void warnIfUnsafe(PickleScan scan, Record r) {
    List<String> names = new ArrayList<>(scan.unsafe());
    if (!scan.unresolved().isEmpty()) {
      names.add("names computed at load time (" + String.join(", ", scan.unresolved().subList(0, Math.min(5, scan.unresolved().size()))) + ")");
    }
    if (!names.isEmpty()) {
      r.warn("unsafe pickle: references " + String.join(", ", names));
      r.property("unsafe_globals", List.copyOf(scan.unsafe()));
    }
  }

  static Set<String> topLevelModules(List<String> globals) {
    Set<String> out = new TreeSet<>();
    for (String g : globals) {
      int dot = g.indexOf('.');
      out.add(dot > 0 ? g.substring(0, dot) : g);
    }
    return out;
  }

  static List<String> frameworks(Set<String> modules) {
    Set<String> out = new LinkedHashSet<>(Frameworks.of(modules));
    for (String m : modules) {
      if (DATA_LIBRARIES.containsKey(m)) {
        out.add(DATA_LIBRARIES.get(m));
      }
    }
    return List.copyOf(out);
  }

  private static String primaryFramework(Object top, List<String> globals) {
    String cls = top instanceof PyObject o ? o.className() : null;
    for (String name : cls != null ? List.of(cls) : globals) {
      int dot = name.indexOf('.');
      String f = Frameworks.of(dot > 0 ? name.substring(0, dot) : name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static void describeTop(Object top, Record r) {
    if (top == null) {
      return;
    }
    r.property("top_level", shape(top));
    if (top instanceof PyObject o && o.className() != null) {
      r.property("top_level_class", o.className());
    }
    Map<Object, Object> map = PyValues.asMap(top);
    if (map == null) {
      return;
    }
    List<String> keys = new ArrayList<>();
    for (Object k : map.keySet()) {
      if (keys.size() >= MAX_KEYS_KEPT) {
        break;
      }
      keys.add(k instanceof String s ? s : String.valueOf(PyValues.literal(k, 2)));
    }
    if (top instanceof PyDict || (top instanceof PyObject o && o.dict != null && o.dict.items == map)) {
      r.property("keys", keys);
      r.property("key_count", top instanceof PyDict d ? d.size : ((PyObject) top).dict.size);
    }
  }

  /** dict, list, tuple, set, object, bytes, scalar or none. */
  static String shape(Object v) {
    if (v instanceof PyDict) {
      return "dict";
    }
    if (v instanceof PyList) {
      return "list";
    }
    if (v instanceof Tuple) {
      return "tuple";
    }
    if (v instanceof PySet) {
      return "set";
    }
    if (v instanceof PyObject o) {
      String c = o.className();
      return c != null && (c.endsWith("OrderedDict") || c.endsWith("defaultdict")) ? "dict" : "object";
    }
    if (v instanceof PyValues.Bytes) {
      return "bytes";
    }
    if (v instanceof Global) {
      return "global";
    }
    return v == PyValues.NONE ? "none" : "scalar";
  }

  private static void addOnce(List<String> list, String v) {
    if (!list.contains(v)) {
      list.add(v);
    }
  }
}
