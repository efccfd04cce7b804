package io.mlindex.parsers.pickle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a static pickle scan models. Literals are plain Java values (String, Long,
 * BigInteger, Double, Boolean, {@link #NONE}); containers keep their items while the scan's
 * budget lasts and always know their full size; anything a real unpickler would have to call code
 * for is a {@link PyObject} that only records the callable and its arguments.
 */
public final class PyValues {
  private PyValues() {}

  /** A named singleton (None, the mark, an unknown value). */
  public record Special(String name) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Python's None. */
  public static final Special NONE = new Special("None");

  /** A value the scan did not keep (out of budget, out-of-band buffer, unresolved reference). */
  public static final Special UNKNOWN = new Special("<unknown>");

  /** A {@code module.name} reference (GLOBAL, STACK_GLOBAL, INST). */
  public record Global(String module, String name) {
    public String qualified() {
      return module + "." + name;
    }

    @Override
    public String toString() {
      return qualified();
    }
  }

  /** A bytes or bytearray value: only its length is kept. */
  public record Bytes(long length) {}

  /** A persistent id (a PyTorch tensor storage, for instance): what the pickle asked to load. */
  public record PersistentRef(Object pid) {}

  /** A tuple; immutable, compared by content so that it can be a dict key. */
  public record Tuple(List<Object> items) {
    public Object get(int i) {
      return i < items.size() ? items.get(i) : UNKNOWN;
    }
  }

  /** A list; {@code size} counts every appended item, {@code items} those kept. */
  public static final class PyList {
    public final List<Object> items = new ArrayList<>();
    public long size;
  }

  /** A dict in insertion order; {@code size} counts every item set, {@code items} those kept. */
  public static final class PyDict {
    public final Map<Object, Object> items = new LinkedHashMap<>();
    public long size;
  }

  /** A set or frozenset: only its size. */
  public static final class PySet {
    public long size;
  }

  /**
   * What a real unpickler would have built by calling code (REDUCE, NEWOBJ, OBJ, INST): the
   * callable, its arguments, the state given to BUILD, and the items that SETITEMS / APPENDS added
   * to it (dict and list subclasses such as OrderedDict).
   */
  public static final class PyObject {
    public final Object callable;
    public final Object args;
    public Object state;
    public PyDict dict;
    public PyList list;

    PyObject(Object callable, Object args) {
      this.callable = callable;
      this.args = args;
    }

    /** The qualified name of the callable when it is a global, else null. */
    public String className() {
      return callable instanceof Global g ? g.qualified() : null;
    }

    /** The arguments as a tuple (empty when they are not one). */
    public Tuple argTuple() {
      return args instanceof Tuple t ? t : new Tuple(List.of());
    }
  }

  /** Whether a value is a plain literal (string, number, bool, None). */
  public static boolean isScalar(Object v) {
    return v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
        || v instanceof BigInteger || v == NONE;
  }

  /**
   * The mapping a value stands for: a dict's items, the items set on a dict subclass (OrderedDict,
   * AttributeDict), or the BUILD state of an object when that state is a dict (argparse.Namespace,
   * an sklearn estimator); null when there is none.
   */
  public static Map<Object, Object> asMap(Object v) {
    if (v instanceof PyDict d) {
      return d.items;
    }
    if (v instanceof PyObject o) {
      if (o.dict != null && !o.dict.items.isEmpty()) {
        return o.dict.items;
      }
      Object state = o.state;
      if (state instanceof Tuple t && t.items().size() == 2 && t.get(0) instanceof PyDict) {
        state = t.get(0); // (state, slotstate)
      }
      if (state instanceof PyDict d) {
        return d.items;
      }
      if (o.dict != null) {
        return o.dict.items;
      }
    }
    return null;
  }

  /**
   * A plain Java value for a literal or a nest of literals (lists and tuples of literals, dicts
   * with string keys): None becomes null; {@link #UNKNOWN} when the value is code-built or deeper
   * than {@code depth}.
   */
  public static Object literal(Object v, int depth) {
    if (isScalar(v)) {
      return v == NONE ? null : v instanceof BigInteger b ? b.toString() : v;
    }
    if (depth <= 0) {
      return UNKNOWN;
    }
    List<Object> items = v instanceof PyList l ? l.items : v instanceof Tuple t ? t.items() : null;
    if (items != null) {
      List<Object> out = new ArrayList<>(items.size());
      for (Object item : items) {
        Object lit = literal(item, depth - 1);
        if (lit == UNKNOWN) {
          return UNKNOWN;
        }
        out.add(lit);
      }
      return out;
    }
    if (v instanceof PyDict d) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<Object, Object> e : d.items.entrySet()) {
        Object lit = literal(e.getValue(), depth - 1);
        if (!(e.getKey() instanceof String) || lit == UNKNOWN) {
          return UNKNOWN;
        }
        out.put((String) e.getKey(), lit);
      }
      return out;
    }
    return UNKNOWN;
  }
}
