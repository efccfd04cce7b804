package io.mlindex.parsers.pickle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a static scan of one pickle found. Nothing in it was executed or constructed. */
public final class PickleScan {
  /** Most distinct global names kept. */
  static final int MAX_GLOBALS = 1000;

  int protocol = -1;
  boolean binaryOpcodes;
  final Set<String> globals = new LinkedHashSet<>();
  final Set<String> unsafe = new LinkedHashSet<>();
  final List<String> unresolved = new ArrayList<>();
  Object top;
  boolean complete;
  String problem;
  long persistentIds;
  long opcodes;
  long start;
  long end;
  int joblibArrays;

  /** The protocol: the PROTO opcode's, else 1 when binary opcodes occur, else 0; -1 for no opcodes. */
  public int protocol() {
    if (protocol >= 0) {
      return protocol;
    }
    return opcodes == 0 ? -1 : binaryOpcodes ? 1 : 0;
  }

  /** Every {@code module.name} referenced, in first-seen order. */
  public Set<String> globals() {
    return globals;
  }

  /** The referenced names that a real unpickler could use to run commands or code. */
  public Set<String> unsafe() {
    return unsafe;
  }

  /** References the scan could not name (STACK_GLOBAL on computed strings, extension codes). */
  public List<String> unresolved() {
    return unresolved;
  }

  /**
   * The object the pickle builds: the value at STOP, or for a stream cut short the outermost value
   * under construction (a dict's items so far included). Null when nothing was built.
   */
  public Object top() {
    return top;
  }

  /** Whether the scan reached STOP. */
  public boolean complete() {
    return complete;
  }

  /** Why the scan stopped early (truncation, an unknown opcode, a bound), or null. */
  public String problem() {
    return problem;
  }

  /** Persistent ids loaded (PyTorch tensor storages). */
  public long persistentIds() {
    return persistentIds;
  }

  public long opcodes() {
    return opcodes;
  }

  /** Byte offset of the pickle's first opcode in the stream. */
  public long start() {
    return start;
  }

  /** Byte offset just after the last byte read. */
  public long end() {
    return end;
  }

  /** Numpy arrays written by joblib inside the stream (NumpyArrayWrapper) that were skipped. */
  public int joblibArrays() {
    return joblibArrays;
  }

  void addGlobal(String qualified) {
    if (globals.size() < MAX_GLOBALS) {
      globals.add(qualified);
    }
  }
}
