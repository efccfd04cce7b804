package io.mlindex.parsers.torch;

import io.mlindex.parsers.pickle.PyValues;
import io.mlindex.parsers.pickle.PyValues.PersistentRef;
import io.mlindex.parsers.pickle.PyValues.PyDict;
import io.mlindex.parsers.pickle.PyValues.PyList;
import io.mlindex.parsers.pickle.PyValues.PyObject;
import io.mlindex.parsers.pickle.PyValues.Tuple;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tensors in a scanned PyTorch pickle: each {@code torch._utils._rebuild_tensor*} call names its
 * storage (a persistent id {@code ('storage', torch.FloatStorage, key, location, numel)}) and its
 * size tuple, so counts, element totals and dtypes can be read without loading anything.
 */
final class TorchTensors {
  private static final int MAX_VISITS = 2_000_000;
  private static final Set<String> REBUILDERS =
      Set.of(
          "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2",
          "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_qtensor",
          "torch._utils._rebuild_device_tensor_from_numpy", "torch._utils._rebuild_meta_tensor_no_storage");

  private static final Set<String> FROM_TYPE =
      Set.of("torch._tensor._rebuild_from_type_v2", "torch._tensor._rebuild_from_type");

  /** What the tensors under one value add up to. */
  record Summary(long tensors, long elements, Map<String, Long> dtypes) {}

  private TorchTensors() {}

  static Summary under(Object root) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> todo = new ArrayDeque<>();
    if (root != null) {
      todo.push(root);
    }
    long tensors = 0;
    long elements = 0;
    Map<String, Long> dtypes = new TreeMap<>();
    int visits = 0;
    while (!todo.isEmpty() && visits++ < MAX_VISITS) {
      Object v = todo.pop();
      if (v == null || PyValues.isScalar(v) || !seen.add(v)) {
        continue;
      }
      Tuple args = v instanceof PyObject o ? rebuildArgs(o) : null;
      if (args != null) {
        tensors++;
        elements += elements(args.get(2));
        dtypes.merge(dtype(args), 1L, Long::sum);
        continue;
      }
      children(v, todo);
    }
    return new Summary(tensors, elements, dtypes);
  }

  /**
   * The arguments of a tensor rebuild call: {@code _rebuild_tensor_v2(storage, offset, size, ...)}
   * directly, or wrapped for subclasses as {@code _rebuild_from_type_v2(func, type, args, state)}.
   */
  private static Tuple rebuildArgs(PyObject o) {
    if (REBUILDERS.contains(o.className())) {
      return o.argTuple();
    }
    if (FROM_TYPE.contains(o.className()) && o.argTuple().get(0) instanceof PyValues.Global f
        && REBUILDERS.contains(f.qualified()) && o.argTuple().get(2) instanceof Tuple inner) {
      return inner;
    }
    return null;
  }

  private static void children(Object v, Deque<Object> todo) {
    if (v instanceof PyDict d) {
      d.items.values().forEach(todo::push);
    } else if (v instanceof PyList l) {
      l.items.forEach(todo::push);
    } else if (v instanceof Tuple t) {
      t.items().forEach(todo::push);
    } else if (v instanceof PyObject o) {
      todo.push(o.args);
      if (o.state != null) {
        todo.push(o.state);
      }
      if (o.dict != null) {
        o.dict.items.values().forEach(todo::push);
      }
      if (o.list != null) {
        o.list.items.forEach(todo::push);
      }
    }
  }

  private static long elements(Object size) {
    if (!(size instanceof Tuple t)) {
      return 0;
    }
    long n = 1;
    for (Object d : t.items()) {
      if (!(d instanceof Long dim) || dim < 0 || (dim > 0 && n > Long.MAX_VALUE / dim)) {
        return 0;
      }
      n *= dim;
    }
    return n;
  }

  /** The dtype from the storage class ({@code torch.HalfStorage} is float16), else "unknown". */
  static String dtype(Tuple rebuildArgs) {
    if (rebuildArgs.get(0) instanceof PersistentRef ref && ref.pid() instanceof Tuple pid
        && pid.get(1) instanceof PyValues.Global storage) {
      return storageDtype(storage.name());
    }
    return "unknown";
  }

  static String storageDtype(String storageClass) {
    String base = storageClass.endsWith("Storage")
        ? storageClass.substring(0, storageClass.length() - "Storage".length())
        : storageClass;
    return switch (base) {
      case "Float" -> "float32";
      case "Double" -> "float64";
      case "Half" -> "float16";
      case "BFloat16" -> "bfloat16";
      case "Long" -> "int64";
      case "Int" -> "int32";
      case "Short" -> "int16";
      case "Char" -> "int8";
      case "Byte" -> "uint8";
      case "Bool" -> "bool";
      case "ComplexFloat" -> "complex64";
      case "ComplexDouble" -> "complex128";
      case "QInt8" -> "qint8";
      case "QUInt8" -> "quint8";
      case "QInt32" -> "qint32";
      default -> base.isEmpty() ? "unknown" : base.toLowerCase(Locale.ROOT);
    };
  }
}
