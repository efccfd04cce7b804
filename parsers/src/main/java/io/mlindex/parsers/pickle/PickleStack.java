package io.mlindex.parsers.pickle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The unpickler's stack, mark stack and memo for one pickle, as the standard unpickler keeps them
 * (MARK starts a new stack; the memo maps integers to values), with bounds on marks and memo size.
 */
final class PickleStack {
  static final int MAX_MARKS = 10_000;
  /** Memo indices below this go into a dense array; sparse ones above it into a bounded map. */
  private static final int DENSE_MEMO = 1 << 23;
  private static final int MAX_SPARSE_MEMO = 100_000;

  private List<Object> stack = new ArrayList<>();
  private final Deque<List<Object>> marks = new ArrayDeque<>();
  private Object[] dense = new Object[64];
  private final Map<Long, Object> sparse = new HashMap<>();
  private long memoCount;
  private boolean memoDropped;
  private final PickleInput in;

  PickleStack(PickleInput in) {
    this.in = in;
  }

  void push(Object v) {
    stack.add(v);
  }

  Object pop() throws MalformedPickleException {
    if (stack.isEmpty()) {
      throw underflow();
    }
    return stack.remove(stack.size() - 1);
  }

  Object peek() throws MalformedPickleException {
    if (stack.isEmpty()) {
      throw underflow();
    }
    return stack.get(stack.size() - 1);
  }

  void replaceTop(Object v) throws MalformedPickleException {
    pop();
    push(v);
  }

  /** POP: the top item, or the last mark when the current stack is empty (as CPython does). */
  void discardTop() throws MalformedPickleException {
    if (stack.isEmpty()) {
      popMark();
    } else {
      pop();
    }
  }

  void mark() throws ScanLimitException {
    if (marks.size() >= MAX_MARKS) {
      throw new ScanLimitException("more than " + MAX_MARKS + " nested marks");
    }
    marks.push(stack);
    stack = new ArrayList<>();
  }

  /** The items pushed since the last mark, which is removed. */
  List<Object> popMark() throws MalformedPickleException {
    if (marks.isEmpty()) {
      throw new MalformedPickleException("no mark to pop at byte " + in.position());
    }
    List<Object> items = stack;
    stack = marks.pop();
    return items;
  }

  boolean isEmpty() {
    return stack.isEmpty() && marks.isEmpty();
  }

  /** The bottom of the outermost stack (the object being built first), or null. */
  Object bottom() {
    List<Object> outer = marks.isEmpty() ? stack : marks.peekLast();
    return outer.isEmpty() ? null : outer.get(0);
  }

  /** The items of the innermost pending mark directly above the bottom object (for truncated streams). */
  List<Object> pendingAfterBottom() {
    if (marks.isEmpty()) {
      return List.of();
    }
    List<Object> outer = marks.peekLast();
    if (outer.size() != 1) {
      return List.of();
    }
    return marks.size() == 1 ? stack : new ArrayList<>(nthMark(marks.size() - 2));
  }

  private List<Object> nthMark(int fromTop) {
    int i = 0;
    for (List<Object> l : marks) {
      if (i++ == fromTop) {
        return l;
      }
    }
    return List.of();
  }

  void memoPut(long index, Object v) throws MalformedPickleException {
    if (index < 0) {
      throw new MalformedPickleException("negative memo index at byte " + in.position());
    }
    if (index < DENSE_MEMO) {
      int i = (int) index;
      if (i >= dense.length) {
        dense = Arrays.copyOf(dense, Math.max(i + 1, Math.min(dense.length * 2, DENSE_MEMO)));
      }
      if (dense[i] == null) {
        memoCount++;
      }
      dense[i] = v;
    } else if (sparse.size() < MAX_SPARSE_MEMO || sparse.containsKey(index)) {
      if (sparse.put(index, v) == null) {
        memoCount++;
      }
    } else {
      memoDropped = true;
      memoCount++;
    }
  }

  /** MEMOIZE: the next index is the number of memo entries so far. */
  void memoize(Object v) throws MalformedPickleException {
    memoPut(memoCount, v);
  }

  Object memoGet(long index) throws MalformedPickleException {
    Object v = index >= 0 && index < dense.length ? dense[(int) index] : sparse.get(index);
    if (v == null) {
      if (memoDropped) {
        return PyValues.UNKNOWN;
      }
      throw new MalformedPickleException("memo entry " + index + " was never set (byte " + in.position() + ")");
    }
    return v;
  }

  private MalformedPickleException underflow() {
    return new MalformedPickleException("stack underflow at byte " + in.position());
  }
}
