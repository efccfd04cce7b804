package io.mlindex.parsers.pickle;

import io.mlindex.parsers.pickle.PyValues.PyObject;
import io.mlindex.parsers.pickle.PyValues.Tuple;
import java.util.Map;

/**
 * The size of the numpy array data that joblib writes into the pickle stream right after a
 * {@code joblib.numpy_pickle.NumpyArrayWrapper} is built: the wrapper's state gives shape and dtype;
 * joblib 1.2 and later also write one padding-length byte and that many padding bytes first
 * ({@code numpy_array_alignment_bytes} in the state); object arrays are a nested pickle instead.
 */
final class JoblibArrays {
  static final String WRAPPER = "joblib.numpy_pickle.NumpyArrayWrapper";

  /** How the array's bytes follow the wrapper. */
  record Layout(boolean objects, boolean padded, long bytes) {}

  private JoblibArrays() {}

  /** The layout, or null when shape or dtype cannot be read from the wrapper's state. */
  static Layout layout(PyObject wrapper) {
    Map<Object, Object> state = PyValues.asMap(wrapper);
    if (state == null) {
      return null;
    }
    Long count = elementCount(state.get("shape"));
    DType dtype = dtype(state.get("dtype"));
    if (count == null || dtype == null) {
      return null;
    }
    Object alignment = state.get("numpy_array_alignment_bytes");
    boolean padded = alignment != null && alignment != PyValues.NONE;
    if (dtype.objects()) {
      return new Layout(true, false, 0);
    }
    if (dtype.itemSize() <= 0 || (count > 0 && dtype.itemSize() > Long.MAX_VALUE / count)) {
      return null;
    }
    return new Layout(false, padded, count * dtype.itemSize());
  }

  private static Long elementCount(Object shape) {
    if (!(shape instanceof Tuple t)) {
      return null;
    }
    long n = 1;
    for (Object d : t.items()) {
      if (!(d instanceof Long dim) || dim < 0) {
        return null;
      }
      if (dim != 0 && n > Long.MAX_VALUE / dim) {
        return null;
      }
      n *= dim;
    }
    return n;
  }

  private record DType(boolean objects, long itemSize) {}

  /**
   * numpy pickles a dtype as {@code numpy.dtype('f8', False, True)} with BUILD state
   * {@code (version, endian, subarray, names, fields, elsize, alignment, flags)}; elsize is the
   * item size for flexible types (S, U, V) and -1 otherwise.
   */
  private static DType dtype(Object v) {
    if (!(v instanceof PyObject o) || o.className() == null || !o.className().endsWith("dtype")) {
      return null;
    }
    if (!(o.argTuple().get(0) instanceof String type) || type.isEmpty()) {
      return null;
    }
    long elsize = -1;
    long flags = 0;
    if (o.state instanceof Tuple st && st.items().size() >= 8) {
      elsize = st.get(5) instanceof Long e ? e : -1;
      flags = st.get(7) instanceof Long f ? f : 0;
    }
    char kind = type.charAt(0);
    if (kind == 'O' || (flags & 1) != 0) {
      return new DType(true, 0);
    }
    if (elsize > 0) {
      return new DType(false, elsize);
    }
    long digits;
    try {
      digits = Long.parseLong(type.substring(1));
    } catch (NumberFormatException e) {
      return kind == '?' ? new DType(false, 1) : null;
    }
    return new DType(false, kind == 'U' ? digits * 4 : digits);
  }
}
