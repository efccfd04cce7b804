package io.mlindex.parsers.pickle;

import io.mlindex.parsers.pickle.PyValues.PyDict;
import io.mlindex.parsers.pickle.PyValues.PyList;
import io.mlindex.parsers.pickle.PyValues.PyObject;
import io.mlindex.parsers.pickle.PyValues.Tuple;
import java.util.List;

/**
 * Builds the scan's {@link PyValues} within one budget for the whole stream: past {@link
 * #MAX_KEPT_VALUES} new containers and items become {@link PyValues#UNKNOWN} (containers still
 * count their size), so a pickle of millions of values costs bounded memory. Short strings are
 * always kept, so that STACK_GLOBAL names resolve however large the pickle is.
 */
final class KeptValues {
  static final long MAX_KEPT_VALUES = 1_000_000;
  private static final int ALWAYS_KEPT_CHARS = 256;

  private long kept;

  Object keep(String s) {
    if (s.length() <= ALWAYS_KEPT_CHARS) {
      return s;
    }
    return room() ? s : PyValues.UNKNOWN;
  }

  private boolean room() {
    return ++kept <= MAX_KEPT_VALUES;
  }

  <T> T counted(T container) {
    kept++;
    return container;
  }

  Object tuple(List<Object> items) {
    if (!room()) {
      return PyValues.UNKNOWN;
    }
    return new Tuple(List.copyOf(items));
  }

  PyList listOf(List<Object> items) {
    PyList l = counted(new PyList());
    append(l, items);
    return l;
  }

  Object object(Object callable, Object args) {
    return room() ? new PyObject(callable, args) : PyValues.UNKNOWN;
  }

  /** APPEND / APPENDS: to a list, or to the list items of a list subclass. */
  void append(Object target, List<Object> items) {
    PyList list = target instanceof PyList l ? l : null;
    if (list == null && target instanceof PyObject o) {
      list = o.list == null ? (o.list = new PyList()) : o.list;
    }
    if (list == null) {
      return;
    }
    list.size += items.size();
    for (Object item : items) {
      if (!room()) {
        return;
      }
      list.items.add(item);
    }
  }

  /** SETITEM / SETITEMS with key, value pairs (an odd last item is ignored). */
  void setItems(Object target, List<Object> items) {
    PyDict dict = target instanceof PyDict d ? d : null;
    if (dict == null && target instanceof PyObject o) {
      dict = o.dict == null ? (o.dict = new PyDict()) : o.dict;
    }
    if (dict == null) {
      return;
    }
    for (int i = 0; i + 1 < items.size(); i += 2) {
      dict.size++;
      if (room()) {
        dict.items.put(items.get(i), items.get(i + 1));
      }
    }
  }
}
