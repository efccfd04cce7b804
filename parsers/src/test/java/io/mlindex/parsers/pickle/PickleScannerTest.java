package io.mlindex.parsers.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.pickle.PyValues.Bytes;
import io.mlindex.parsers.pickle.PyValues.PyDict;
import io.mlindex.parsers.pickle.PyValues.PyList;
import io.mlindex.parsers.pickle.PyValues.PyObject;
import io.mlindex.parsers.pickle.PyValues.Tuple;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PickleScannerTest {
  static PickleScan scan(byte[] b) {
    return new PickleScanner(new ByteArrayInputStream(b), b.length, true, new ParseContext()).next();
  }

  /** A checkpoint-like dict: {'epoch': 3, 'lr': 0.1, 'name': 'resnet', ...} up to the name. */
  static PickleBytes checkpointStart() {
    return PickleBytes.protocol(2).emptyDict().put(0).mark()
        .binunicode("epoch").int1(3)
        .binunicode("lr").float8(0.1)
        .binunicode("name").binunicode("resnet");
  }

  static byte[] checkpoint() {
    return checkpointStart()
        .binunicode("flags").emptyList().put(1).mark().bool(true).none().appends()
        .binunicode("model").global("collections", "OrderedDict").put(2).emptyTuple().reduce().put(3)
        .setItems().stop().bytes();
  }

  @Test
  void protocol2DictKeysLiteralsAndGlobals() {
    PickleScan s = scan(checkpoint());
    assertTrue(s.complete(), s.problem());
    assertNull(s.problem());
    assertEquals(2, s.protocol());
    assertEquals(List.of("collections.OrderedDict"), List.copyOf(s.globals()));
    Map<Object, Object> top = PyValues.asMap(s.top());
    assertEquals(List.of("epoch", "lr", "name", "flags", "model"), List.copyOf(top.keySet()));
    assertEquals(3L, top.get("epoch"));
    assertEquals(0.1, top.get("lr"));
    assertEquals("resnet", top.get("name"));
    assertEquals(Arrays.asList(true, null), PyValues.literal(top.get("flags"), 2));
    assertEquals("collections.OrderedDict", ((PyObject) top.get("model")).className());
    assertTrue(s.unsafe().isEmpty());
  }

  @Test
  void protocol4StackGlobalTakesNamesFromTheMemo() {
    byte[] b = PickleBytes.protocol(4).frame(200)
        .str("sklearn.ensemble._forest").memoize()
        .str("RandomForestClassifier").memoize()
        .stackGlobal().memoize()
        .emptyTuple().newObj().memoize()
        .emptyDict().memoize().mark()
        .str("n_estimators").memoize().int1(100)
        .str("base").memoize().get(0).str("ExtraTreesClassifier").stackGlobal().emptyTuple().newObj()
        .setItems().build().stop().bytes();
    PickleScan s = scan(b);
    assertTrue(s.complete(), s.problem());
    assertEquals(4, s.protocol());
    assertEquals(
        List.of("sklearn.ensemble._forest.RandomForestClassifier", "sklearn.ensemble._forest.ExtraTreesClassifier"),
        List.copyOf(s.globals()));
    PyObject top = assertInstanceOf(PyObject.class, s.top());
    assertEquals("sklearn.ensemble._forest.RandomForestClassifier", top.className());
    assertEquals(100L, PyValues.asMap(top).get("n_estimators"));
  }

  @Test
  void protocol5BuffersAreSkipped() {
    byte[] b = PickleBytes.protocol(5).bytearray8(new byte[1000]).op(0x98).op(0x97).tuple2().stop().bytes();
    PickleScan s = scan(b);
    assertTrue(s.complete(), s.problem());
    assertEquals(5, s.protocol());
    Tuple t = assertInstanceOf(Tuple.class, s.top());
    assertEquals(new Bytes(1000), t.get(0));
  }

  @Test
  void protocol0TextOpcodes() {
    byte[] b = PickleBytes.text()
        .ascii("(dp0\nVkernel\np1\nS'rbf'\np2\nsVC\np3\nF0.5\nsVn\np4\nL10L\nsVok\np5\nI01\nsVnet\np6\n")
        .ascii("(i__main__\nNet\np7\n(dp8\nbs.").bytes();
    PickleScan s = scan(b);
    assertTrue(s.complete(), s.problem());
    assertEquals(0, s.protocol());
    Map<Object, Object> top = PyValues.asMap(s.top());
    assertEquals("rbf", top.get("kernel"));
    assertEquals(0.5, top.get("C"));
    assertEquals(10L, top.get("n"));
    assertEquals(true, top.get("ok"));
    assertEquals(List.of("__main__.Net"), List.copyOf(s.globals()));
  }

  @Test
  void aCutStreamIsATruncationThatKeepsTheKeysSoFar() {
    byte[] b = checkpointStart().bytes();
    PickleScan s = scan(b);
    assertFalse(s.complete());
    assertTrue(s.problem().startsWith("truncated"), s.problem());
    Map<Object, Object> top = PyValues.asMap(s.top());
    assertEquals(List.of("epoch", "lr", "name"), List.copyOf(top.keySet()));
  }

  @Test
  void everyPrefixOfAPickleEndsInAProblemNotAnException() {
    byte[] full = checkpoint();
    for (int n = 1; n < full.length; n++) {
      PickleScan s = scan(Arrays.copyOf(full, n));
      assertNotNull(s.problem(), "prefix of " + n + " bytes");
      assertFalse(s.complete());
    }
  }

  @Test
  void anUnknownOpcodeStopsTheScan() {
    PickleScan s = scan(PickleBytes.protocol(2).emptyDict().op(0x00).bytes());
    assertFalse(s.complete());
    assertTrue(s.problem().contains("unknown opcode 0x00 at byte 3"), s.problem());
  }

  @Test
  void aHugeDeclaredLengthIsATruncationNotAnAllocation() {
    PickleScan s = scan(PickleBytes.protocol(4).binunicode8Header(1L << 62).ascii("abc").bytes());
    assertTrue(s.problem().startsWith("truncated"), s.problem());
    byte[] longer = PickleBytes.protocol(4).binunicode8Header(1L << 40).raw(new byte[2 << 20]).bytes();
    PickleScan capped = new PickleScanner(new ByteArrayInputStream(longer), 1 << 20, false, new ParseContext()).next();
    assertTrue(capped.problem().contains("read limit"), capped.problem());
  }

  @Test
  void aNegativeLengthIsMalformed() {
    PickleScan s = scan(PickleBytes.protocol(2).op('T').raw(new byte[] {-5, -1, -1, -1}).stop().bytes());
    assertTrue(s.problem().contains("negative"), s.problem());
  }

  @Test
  void nestedMarksAreBounded() {
    PickleBytes p = PickleBytes.protocol(2);
    for (int i = 0; i <= PickleStack.MAX_MARKS; i++) {
      p.mark();
    }
    PickleScan s = scan(p.stop().bytes());
    assertTrue(s.problem().contains("nested marks"), s.problem());
  }

  @Test
  void aMissingMemoEntryIsMalformed() {
    PickleScan s = scan(PickleBytes.protocol(2).get(7).stop().bytes());
    assertTrue(s.problem().contains("memo entry 7"), s.problem());
  }

  @Test
  void aStackUnderflowIsMalformed() {
    PickleScan s = scan(PickleBytes.protocol(2).reduce().stop().bytes());
    assertTrue(s.problem().contains("stack underflow"), s.problem());
  }

  @Test
  void dangerousCallablesAreFlagged() {
    assertEquals(List.of("os.system"), List.copyOf(scan(PickleBytes.osSystem("true")).unsafe()));
    byte[] posix = PickleBytes.protocol(4).str("posix").memoize().str("system").memoize().stackGlobal()
        .str("id").tuple1().reduce().stop().bytes();
    assertEquals(List.of("posix.system"), List.copyOf(scan(posix).unsafe()));
    byte[] eval = PickleBytes.protocol(2).global("builtins", "eval").binunicode("1+1").tuple1().reduce().stop().bytes();
    assertEquals(List.of("builtins.eval"), List.copyOf(scan(eval).unsafe()));
    byte[] popen = PickleBytes.protocol(2).global("subprocess", "Popen").binunicode("ls").tuple1().reduce().stop().bytes();
    assertEquals(List.of("subprocess.Popen"), List.copyOf(scan(popen).unsafe()));
  }

  @Test
  void aGlobalNamedByComputedValuesIsUnresolved() {
    byte[] b = PickleBytes.protocol(4).int1(1).str("system").stackGlobal().stop().bytes();
    PickleScan s = scan(b);
    assertEquals(1, s.unresolved().size());
  }

  @Test
  void ordinaryModelGlobalsAreNotFlagged() {
    byte[] b = PickleBytes.protocol(2).mark()
        .global("collections", "OrderedDict").global("torch._utils", "_rebuild_tensor_v2")
        .global("numpy.core.multiarray", "_reconstruct").global("builtins", "set").global("_codecs", "encode")
        .tuple().stop().bytes();
    PickleScan s = scan(b);
    assertEquals(5, s.globals().size());
    assertTrue(s.unsafe().isEmpty());
  }

  @Test
  void consecutivePicklesAreScannedOneByOne() {
    byte[] one = PickleBytes.protocol(2).int1(7).stop().bytes();
    byte[] two = PickleBytes.protocol(2).binunicode("x").stop().bytes();
    byte[] both = Arrays.copyOf(one, one.length + two.length);
    System.arraycopy(two, 0, both, one.length, two.length);
    PickleScanner scanner = new PickleScanner(new ByteArrayInputStream(both), both.length, true, new ParseContext());
    assertEquals(7L, scanner.next().top());
    assertEquals("x", scanner.next().top());
    assertNull(scanner.next());
  }

  /** A joblib NumpyArrayWrapper as joblib pickles it, before the array bytes follow. */
  static PickleBytes wrapper(PickleBytes p, String dtype, boolean aligned, int... shape) {
    p.global("joblib.numpy_pickle", "NumpyArrayWrapper").emptyTuple().newObj().emptyDict().mark()
        .binunicode("subclass").global("numpy", "ndarray")
        .binunicode("shape").mark();
    for (int d : shape) {
      p.int4(d);
    }
    p.tuple()
        .binunicode("order").binunicode("C")
        .binunicode("dtype").global("numpy", "dtype").binunicode(dtype).bool(false).bool(true).tuple3().reduce()
        .mark().int1(3).binunicode("<").none().none().none().int4(-1).int4(-1).int1(dtype.startsWith("O") ? 63 : 0)
        .tuple().build()
        .binunicode("allow_mmap").bool(!dtype.startsWith("O"));
    if (aligned) {
      p.binunicode("numpy_array_alignment_bytes").int1(16);
    }
    return p.setItems().build();
  }

  @Test
  void joblibArrayBytesAreSkipped() {
    PickleBytes p = wrapper(PickleBytes.protocol(4).emptyList().mark(), "f8", true, 3, 2);
    p.op(5).raw(new byte[] {-1, -1, -1, -1, -1}).raw(new byte[6 * 8]); // padding length, padding, data
    p = wrapper(p, "i4", false, 4);
    p.raw(new byte[4 * 4]); // joblib < 1.2: no padding byte
    PickleScan s = scan(p.binunicode("after").appends().stop().bytes());
    assertTrue(s.complete(), s.problem());
    assertEquals(2, s.joblibArrays());
    PyList top = assertInstanceOf(PyList.class, s.top());
    assertEquals(3, top.size);
    assertEquals("after", top.items.get(2));
  }

  @Test
  void joblibObjectArraysAreANestedPickle() {
    PickleBytes p = wrapper(PickleBytes.protocol(4).emptyList().mark(), "O8", false, 2);
    p.raw(PickleBytes.protocol(2).mark().binunicode("a").global("decimal", "Decimal").tuple2().stop().bytes());
    PickleScan s = scan(p.binunicode("after").appends().stop().bytes());
    assertTrue(s.complete(), s.problem());
    assertTrue(s.globals().contains("decimal.Decimal"));
    assertEquals("after", ((PyList) s.top()).items.get(1));
  }

  @Test
  void aJoblibArrayOfUnknownSizeStopsTheScanWithAReason() {
    PickleBytes p = PickleBytes.protocol(4).global("joblib.numpy_pickle", "NumpyArrayWrapper").emptyTuple().newObj()
        .emptyDict().build().stop();
    PickleScan s = scan(p.bytes());
    assertTrue(s.problem().contains("joblib array"), s.problem());
  }

  @Test
  void dictItemsOnAnOrderedDictAreKept() {
    byte[] b = PickleBytes.protocol(2).global("collections", "OrderedDict").emptyTuple().reduce()
        .mark().binunicode("w").int1(1).binunicode("b").int1(2).setItems().stop().bytes();
    PickleScan s = scan(b);
    assertEquals(List.of("w", "b"), List.copyOf(PyValues.asMap(s.top()).keySet()));
    assertInstanceOf(PyDict.class, ((PyObject) s.top()).dict);
  }
}
