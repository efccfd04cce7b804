package io.mlindex.parsers.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Assembles pickle opcodes by hand for tests (the bytes CPython's pickler would write). */
public final class PickleBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public static PickleBytes protocol(int p) {
    return new PickleBytes().op(0x80).op(p);
  }

  public static PickleBytes text() {
    return new PickleBytes();
  }

  public PickleBytes op(int b) {
    out.write(b);
    return this;
  }

  public PickleBytes raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  public PickleBytes ascii(String s) {
    return raw(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private PickleBytes le(long v, int n) {
    for (int i = 0; i < n; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  public PickleBytes frame(long length) {
    return op(0x95).le(length, 8);
  }

  public PickleBytes mark() {
    return op('(');
  }

  public PickleBytes stop() {
    return op('.');
  }

  public PickleBytes none() {
    return op('N');
  }

  public PickleBytes bool(boolean b) {
    return op(b ? 0x88 : 0x89);
  }

  public PickleBytes int1(int v) {
    return op('K').op(v);
  }

  public PickleBytes int4(int v) {
    return op('J').le(v, 4);
  }

  /** LONG1 of a little-endian two's complement number. */
  public PickleBytes long1(byte[] littleEndian) {
    return op(0x8a).op(littleEndian.length).raw(littleEndian);
  }

  /** BININT2. */
  public PickleBytes int2(int v) {
    return op('M').le(v, 2);
  }

  public PickleBytes float8(double v) {
    return op('G').raw(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(v).array());
  }

  /** SHORT_BINUNICODE (protocol 4). */
  public PickleBytes str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return op(0x8c).op(b.length).raw(b);
  }

  /** BINUNICODE (protocol 1+). */
  public PickleBytes binunicode(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return op('X').le(b.length, 4).raw(b);
  }

  /** BINUNICODE8 with any declared length (for hostile fixtures). */
  public PickleBytes binunicode8Header(long declared) {
    return op(0x8d).le(declared, 8);
  }

  /** SHORT_BINBYTES. */
  public PickleBytes shortBytes(byte[] b) {
    return op('C').op(b.length).raw(b);
  }

  /** BYTEARRAY8 (protocol 5). */
  public PickleBytes bytearray8(byte[] b) {
    return op(0x96).le(b.length, 8).raw(b);
  }

  /** GLOBAL: {@code c<module>\n<name>\n}. */
  public PickleBytes global(String module, String name) {
    return op('c').ascii(module + "\n" + name + "\n");
  }

  public PickleBytes stackGlobal() {
    return op(0x93);
  }

  public PickleBytes memoize() {
    return op(0x94);
  }

  public PickleBytes put(int i) {
    return op('q').op(i);
  }

  public PickleBytes get(int i) {
    return op('h').op(i);
  }

  public PickleBytes emptyDict() {
    return op('}');
  }

  public PickleBytes emptyList() {
    return op(']');
  }

  public PickleBytes emptyTuple() {
    return op(')');
  }

  public PickleBytes tuple() {
    return op('t');
  }

  public PickleBytes tuple1() {
    return op(0x85);
  }

  public PickleBytes tuple2() {
    return op(0x86);
  }

  public PickleBytes tuple3() {
    return op(0x87);
  }

  public PickleBytes setItem() {
    return op('s');
  }

  public PickleBytes setItems() {
    return op('u');
  }

  public PickleBytes appends() {
    return op('e');
  }

  public PickleBytes reduce() {
    return op('R');
  }

  public PickleBytes newObj() {
    return op(0x81);
  }

  public PickleBytes build() {
    return op('b');
  }

  public PickleBytes binPersId() {
    return op('Q');
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  /** The call {@code os.system(command)} as a pickled __reduce__ would write it (protocol 2). */
  public static byte[] osSystem(String command) {
    return protocol(2).global("os", "system").binunicode(command).tuple1().reduce().stop().bytes();
  }
}
