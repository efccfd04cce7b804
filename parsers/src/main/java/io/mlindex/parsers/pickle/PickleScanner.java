package io.mlindex.parsers.pickle;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParseTimeoutException;
import io.mlindex.parsers.pickle.PyValues.Bytes;
import io.mlindex.parsers.pickle.PyValues.Global;
import io.mlindex.parsers.pickle.PyValues.PersistentRef;
import io.mlindex.parsers.pickle.PyValues.PyDict;
import io.mlindex.parsers.pickle.PyValues.PyList;
import io.mlindex.parsers.pickle.PyValues.PyObject;
import io.mlindex.parsers.pickle.PyValues.PySet;
import io.mlindex.parsers.pickle.PyValues.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walks pickle opcodes (protocols 0 to 5) without executing or unpickling anything: it models the
 * unpickler's stack and memo with {@link PyValues} so that globals (also STACK_GLOBAL names taken
 * from the memo), the top-level container and its literal values can be read. Bounded in opcodes,
 * bytes, kept values, string lengths and mark depth; a damaged or cut stream ends the scan with a
 * {@link PickleScan#problem()}, never an exception.
 *
 * <p>Several pickles can follow each other in one stream (legacy PyTorch files): call {@link
 * #next()} again after a complete scan.
 */
public final class PickleScanner {
  public static final long MAX_OPCODES = 10_000_000;
  private static final int MAX_NESTED_PICKLES = 3;

  private final PickleInput in;
  private final ParseContext context;
  private final KeptValues values = new KeptValues();
  private long opcodes;

  /**
   * A scanner over a stream.
   *
   * @param length the stream's length when known (a file): a declared length beyond it is a
   *     truncation; else a cap on the bytes read (a decompressed or zip entry stream)
   * @param lengthIsKnown which of the two {@code length} is
   */
  public PickleScanner(InputStream in, long length, boolean lengthIsKnown, ParseContext context) {
    this.in = new PickleInput(in, length, lengthIsKnown);
    this.context = context;
  }

  /** Bytes consumed so far. */
  public long position() {
    return in.position();
  }

  /** Scans the next pickle of the stream; null when the stream is already at its end. */
  public PickleScan next() {
    PickleScan scan = new PickleScan();
    scan.start = in.position();
    try {
      int first = in.readOpcode();
      if (first < 0) {
        return null;
      }
      scan.top = run(scan, new PickleStack(in), first, 0);
      scan.complete = true;
    } catch (TruncatedPickleException e) {
      scan.problem = "truncated: " + e.getMessage();
    } catch (MalformedPickleException | ScanLimitException e) {
      scan.problem = e.getMessage();
    } catch (ParseTimeoutException e) {
      scan.problem = "scan stopped: " + e.getMessage();
    } catch (IOException e) {
      scan.problem = "could not read the stream: " + e.getMessage();
    }
    scan.opcodes = opcodes;
    scan.end = in.position();
    return scan;
  }

  private Object run(PickleScan scan, PickleStack stack, int firstOpcode, int nesting) throws IOException {
    int op = firstOpcode;
    try {
      while (true) {
        if (op < 0) {
          throw in.truncated();
        }
        if (++opcodes > MAX_OPCODES) {
          throw new ScanLimitException("scan stopped after " + MAX_OPCODES + " opcodes");
        }
        if ((opcodes & 0xFFF) == 0) {
          context.checkDeadline();
        }
        if (op == '.') {
          return stack.pop();
        }
        step(scan, stack, op, nesting);
        op = in.readOpcode();
      }
    } catch (IOException | RuntimeException e) {
      if (nesting == 0 && scan.top == null) {
        scan.top = partialTop(stack);
      }
      throw e;
    }
  }

  private void step(PickleScan scan, PickleStack s, int op, int nesting) throws IOException {
    if (op >= 0x80 || "JKMGTUXqhjrBC}])Qeuo".indexOf(op) >= 0) {
      scan.binaryOpcodes = true;
    }
    switch (op) {
      case 0x80 -> {
        int p = in.readUnsignedByte();
        if (p > 5) {
          throw new MalformedPickleException("unsupported pickle protocol " + p);
        }
        if (scan.protocol < 0) {
          scan.protocol = p;
        }
      }
      case 0x95 -> in.skip(8); // FRAME: framing does not change the opcode sequence
      case '(' -> s.mark();
      case '0' -> s.discardTop();
      case '1' -> s.popMark();
      case '2' -> s.push(s.peek());
      case 'N' -> s.push(PyValues.NONE);
      case 0x88 -> s.push(Boolean.TRUE);
      case 0x89 -> s.push(Boolean.FALSE);
      case 'I' -> s.push(PickleText.integer(in.readLine()));
      case 'J' -> s.push((long) in.readInt32());
      case 'K' -> s.push((long) in.readUnsignedByte());
      case 'M' -> s.push(in.readLittleEndian(2));
      case 'L' -> s.push(PickleText.longValue(in.readLine()));
      case 0x8a -> s.push(PickleText.littleEndianSigned(in.readExactly(in.readUnsignedByte())));
      case 0x8b -> s.push(long4());
      case 'F' -> s.push(PickleText.floatValue(in.readLine()));
      case 'G' -> s.push(in.readBigEndianDouble());
      case 'S' -> s.push(keep(PickleText.quoted(in.readLine())));
      case 'V' -> s.push(keep(PickleText.rawUnicode(in.readLine())));
      case 'T' -> s.push(keep(latin1(in.readPayload(signedLength()))));
      case 'U' -> s.push(keep(latin1(in.readPayload(in.readUnsignedByte()))));
      case 'X' -> s.push(keep(utf8(in.readPayload(in.readLittleEndian(4)))));
      case 0x8c -> s.push(keep(utf8(in.readPayload(in.readUnsignedByte()))));
      case 0x8d -> s.push(keep(utf8(in.readPayload(in.readLittleEndian(8)))));
      case 'B' -> s.push(bytes(in.readLittleEndian(4)));
      case 'C' -> s.push(bytes(in.readUnsignedByte()));
      case 0x8e, 0x96 -> s.push(bytes(in.readLittleEndian(8)));
      case 0x97 -> s.push(PyValues.UNKNOWN); // NEXT_BUFFER: out-of-band data
      case 0x98 -> { } // READONLY_BUFFER
      case ')' -> s.push(new Tuple(List.of()));
      case 't' -> s.push(tuple(s.popMark()));
      case 0x85 -> s.push(tuple(List.of(s.pop())));
      case 0x86 -> {
        Object b = s.pop();
        s.push(tuple(List.of(s.pop(), b)));
      }
      case 0x87 -> {
        Object c = s.pop();
        Object b = s.pop();
        s.push(tuple(List.of(s.pop(), b, c)));
      }
      case ']' -> s.push(values.counted(new PyList()));
      case 'l' -> s.push(values.listOf(s.popMark()));
      case 'a' -> {
        Object v = s.pop();
        values.append(s.peek(), List.of(v));
      }
      case 'e' -> {
        List<Object> items = s.popMark();
        values.append(s.peek(), items);
      }
      case '}' -> s.push(values.counted(new PyDict()));
      case 'd' -> {
        PyDict d = values.counted(new PyDict());
        setItems(d, s.popMark());
        s.push(d);
      }
      case 's' -> {
        Object v = s.pop();
        Object k = s.pop();
        setItems(s.peek(), List.of(k, v));
      }
      case 'u' -> {
        List<Object> items = s.popMark();
        setItems(s.peek(), items);
      }
      case 0x8f -> s.push(new PySet());
      case 0x90 -> {
        List<Object> items = s.popMark();
        if (s.peek() instanceof PySet set) {
          set.size += items.size();
        }
      }
      case 0x91 -> {
        PySet set = new PySet();
        set.size = s.popMark().size();
        s.push(set);
      }
      case 'g' -> s.push(s.memoGet(memoIndex(in.readLine())));
      case 'h' -> s.push(s.memoGet(in.readUnsignedByte()));
      case 'j' -> s.push(s.memoGet(in.readLittleEndian(4)));
      case 'p' -> s.memoPut(memoIndex(in.readLine()), s.peek());
      case 'q' -> s.memoPut(in.readUnsignedByte(), s.peek());
      case 'r' -> s.memoPut(in.readLittleEndian(4), s.peek());
      case 0x94 -> s.memoize(s.peek());
      case 'c' -> s.push(global(scan, in.readLine(), in.readLine()));
      case 0x93 -> {
        Object name = s.pop();
        Object module = s.pop();
        if (module instanceof String m && name instanceof String n) {
          s.push(global(scan, m, n));
        } else {
          scan.unresolved.add("STACK_GLOBAL at byte " + in.position());
          s.push(PyValues.UNKNOWN);
        }
      }
      case 'i' -> {
        Global g = global(scan, in.readLine(), in.readLine());
        s.push(object(g, tuple(s.popMark())));
      }
      case 'o' -> {
        List<Object> items = s.popMark();
        if (items.isEmpty()) {
          throw new MalformedPickleException("OBJ without a class at byte " + in.position());
        }
        s.push(object(items.get(0), tuple(items.subList(1, items.size()))));
      }
      case 0x81 -> {
        Object args = s.pop();
        s.push(object(s.pop(), args));
      }
      case 0x92 -> {
        s.pop(); // keyword arguments
        Object args = s.pop();
        s.push(object(s.pop(), args));
      }
      case 'R' -> {
        Object args = s.pop();
        s.push(object(s.pop(), args));
      }
      case 'b' -> build(scan, s, nesting);
      case 'P' -> {
        scan.persistentIds++;
        s.push(new PersistentRef(keep(in.readLine())));
      }
      case 'Q' -> {
        scan.persistentIds++;
        s.push(new PersistentRef(s.pop()));
      }
      case 0x82 -> s.push(extension(scan, in.readUnsignedByte()));
      case 0x83 -> s.push(extension(scan, in.readLittleEndian(2)));
      case 0x84 -> s.push(extension(scan, in.readInt32()));
      default -> throw new MalformedPickleException(
          String.format(Locale.ROOT, "unknown opcode 0x%02x at byte %d", op, in.position() - 1));
    }
  }

  private void build(PickleScan scan, PickleStack s, int nesting) throws IOException {
    Object state = s.pop();
    Object target = s.peek();
    if (!(target instanceof PyObject o)) {
      return;
    }
    o.state = state;
    if (JoblibArrays.WRAPPER.equals(o.className())) {
      skipJoblibArray(scan, o, nesting);
    }
  }

  /** joblib writes each numpy array's raw bytes (or a nested pickle) right after its wrapper. */
  private void skipJoblibArray(PickleScan scan, PyObject wrapper, int nesting) throws IOException {
    JoblibArrays.Layout layout = JoblibArrays.layout(wrapper);
    if (layout == null) {
      throw new MalformedPickleException(
          "cannot tell the size of the joblib array before byte " + in.position() + "; the scan stops there");
    }
    scan.joblibArrays++;
    if (layout.objects()) {
      if (nesting >= MAX_NESTED_PICKLES) {
        throw new ScanLimitException("joblib object arrays nested too deeply");
      }
      run(scan, new PickleStack(in), in.readOpcode(), nesting + 1);
      return;
    }
    if (layout.padded()) {
      in.skip(in.readUnsignedByte());
    }
    in.skip(layout.bytes());
  }

  private Global global(PickleScan scan, String module, String name) {
    Global g = new Global(module.strip(), name.strip());
    scan.addGlobal(g.qualified());
    if (UnsafeGlobals.isUnsafe(g.module(), g.name())) {
      scan.unsafe.add(g.qualified());
    }
    return g;
  }

  private Object extension(PickleScan scan, long code) {
    scan.unresolved.add("extension code " + code);
    return PyValues.UNKNOWN;
  }

  private Object long4() throws IOException {
    long n = in.readInt32();
    if (n < 0) {
      throw new MalformedPickleException("negative LONG4 length at byte " + in.position());
    }
    if (n > 1024) {
      in.skip(n);
      return PyValues.UNKNOWN;
    }
    return PickleText.littleEndianSigned(in.readExactly((int) n));
  }

  private long signedLength() throws IOException {
    long n = in.readInt32();
    if (n < 0) {
      throw new MalformedPickleException("negative string length at byte " + in.position());
    }
    return n;
  }

  private static long memoIndex(String line) throws MalformedPickleException {
    try {
      return Long.parseLong(line.trim());
    } catch (NumberFormatException e) {
      throw new MalformedPickleException("bad memo index '" + PickleText.abbreviate(line) + "'");
    }
  }

  private Object bytes(long length) throws IOException {
    in.skip(length);
    return new Bytes(length);
  }

  private Object keep(String s) {
    return values.keep(s);
  }

  private Object tuple(List<Object> items) {
    return values.tuple(items);
  }

  private Object object(Object callable, Object args) {
    return values.object(callable, args);
  }

  private void setItems(Object target, List<Object> items) throws MalformedPickleException {
    if (items.size() % 2 != 0) {
      throw new MalformedPickleException("odd number of items for a dict at byte " + in.position());
    }
    values.setItems(target, items);
  }

  /** For a cut stream: the outermost value, with the key/value pairs pending above it applied. */
  private Object partialTop(PickleStack stack) {
    Object bottom = stack.bottom();
    List<Object> pending = stack.pendingAfterBottom();
    if (bottom != null && !pending.isEmpty()) {
      List<Object> pairs = new ArrayList<>(pending.subList(0, pending.size() - pending.size() % 2));
      values.setItems(bottom, pairs);
    }
    return bottom;
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
