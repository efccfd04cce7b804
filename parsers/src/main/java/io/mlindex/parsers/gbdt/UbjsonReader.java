package io.mlindex.parsers.gbdt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParseTimeoutException;
import io.mlindex.parsers.util.MalformedFileException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A bounded reader of Universal Binary JSON (UBJSON, big-endian; what XGBoost writes to {@code
 * .ubj}) into a {@link BoundedTree}: every declared length is checked against the bytes left in the
 * file before anything is allocated or skipped, containers may be typed and counted ({@code $},
 * {@code #}), and big typed arrays are skipped in one step after their first items. Containers are
 * attached before they are filled, so a damaged file yields what came before the damage.
 */
final class UbjsonReader {
  private static final int MAX_STRING = 16 << 20;

  private final InputStream in;
  private final long size;
  private final ParseContext context;
  private final BoundedTree tree = new BoundedTree();
  private long position;
  private int peeked = -2;
  private long values;
  /** Above 0 while reading a value only to get past it: nothing is kept or counted. */
  private int skipping;

  private UbjsonReader(InputStream in, long size, ParseContext context) {
    this.in = in;
    this.size = size;
    this.context = context;
  }

  /** Reads the first value of a stream of {@code size} bytes; it must be an object. */
  static BoundedTree read(InputStream in, long size, ParseContext context) throws IOException {
    UbjsonReader r = new UbjsonReader(in, size, context);
    if (r.marker() != '{') {
      throw r.bad("the document is not a UBJSON object");
    }
    ObjectNode root = BoundedTree.NODES.objectNode();
    r.tree.root = root;
    try {
      r.fillObject(root, "", 1);
    } catch (IOException | ParseTimeoutException e) {
      r.tree.problem = e.getMessage();
    }
    return r.tree;
  }

  private JsonNode value(int marker, String path, int depth) throws IOException {
    if ((++values & 0xFFF) == 0) {
      context.checkDeadline();
    }
    return switch (marker) {
      case 'Z' -> BoundedTree.NODES.nullNode();
      case 'T' -> BoundedTree.NODES.booleanNode(true);
      case 'F' -> BoundedTree.NODES.booleanNode(false);
      case 'i', 'U', 'I', 'l', 'L' -> BoundedTree.NODES.numberNode(integer(marker));
      case 'd' -> BoundedTree.NODES.numberNode((double) Float.intBitsToFloat((int) bigEndian(4)));
      case 'D' -> BoundedTree.NODES.numberNode(Double.longBitsToDouble(bigEndian(8)));
      case 'C' -> BoundedTree.NODES.textNode(String.valueOf((char) read()));
      case 'S', 'H' -> BoundedTree.NODES.textNode(string(length()));
      case '[' -> fillArray(BoundedTree.NODES.arrayNode(), path, depth + 1);
      case '{' -> fillObject(BoundedTree.NODES.objectNode(), path, depth + 1);
      default -> throw bad(String.format(Locale.ROOT, "unknown UBJSON marker 0x%02x", marker));
    };
  }

  /** Reads a value into a container being kept (attached first), or as a plain value. */
  private void keepValue(int marker, ArrayNode intoArray, ObjectNode intoObject, String key, String path, int depth)
      throws IOException {
    if (marker == '[') {
      fillArray(intoArray != null ? intoArray.addArray() : intoObject.putArray(key), path, depth + 1);
    } else if (marker == '{') {
      fillObject(intoArray != null ? intoArray.addObject() : intoObject.putObject(key), path, depth + 1);
    } else if (intoArray != null) {
      intoArray.add(value(marker, path, depth));
    } else {
      intoObject.set(key, value(marker, path, depth));
    }
  }

  private void dropValue(int marker, String path, int depth) throws IOException {
    skipping++;
    value(marker, path, depth);
    skipping--;
  }

  private ArrayNode fillArray(ArrayNode a, String path, int depth) throws IOException {
    checkDepth(depth);
    int type = -1;
    long count = -1;
    if (peek() == '$') {
      read();
      type = read();
      expect('#');
      count = length();
    } else if (peek() == '#') {
      read();
      count = length();
    }
    if (type >= 0 && fixedWidth(type) >= 0) {
      return typedScalars(a, type, count, path);
    }
    long n = 0;
    while (count < 0 ? peekSkippingNoop() != ']' : n < count) {
      int m = type >= 0 ? type : marker();
      if (skipping == 0 && tree.keep(n, m == '[' || m == '{')) {
        keepValue(m, a, null, null, path + "[]", depth);
      } else {
        dropValue(m, path + "[]", depth);
      }
      n++;
    }
    if (count < 0) {
      read();
    }
    if (skipping == 0) {
      tree.arrayLength(path, n, a.size());
    }
    return a;
  }

  /** A typed array of fixed-width scalars: the first items are kept, the rest skipped at once. */
  private ArrayNode typedScalars(ArrayNode a, int type, long count, String path) throws IOException {
    int width = fixedWidth(type);
    if (width > 0 && count > (size - position) / width) {
      throw bad("a typed array declares " + count + " items, more than the " + (size - position) + " bytes left");
    }
    long kept = 0;
    while (skipping == 0 && kept < count && tree.keep(kept, false)) {
      a.add(value(type, path + "[]", 0));
      kept++;
    }
    skip((count - kept) * width);
    if (skipping == 0) {
      tree.arrayLength(path, count, a.size());
    }
    return a;
  }

  private ObjectNode fillObject(ObjectNode o, String path, int depth) throws IOException {
    checkDepth(depth);
    int type = -1;
    long count = -1;
    if (peek() == '$') {
      read();
      type = read();
      expect('#');
      count = length();
    } else if (peek() == '#') {
      read();
      count = length();
    }
    for (long n = 0; count < 0 ? peekSkippingNoop() != '}' : n < count; n++) {
      String key = string(length());
      int m = type >= 0 ? type : marker();
      String child = BoundedTree.child(path, key);
      if (skipping == 0 && tree.keepMember()) {
        keepValue(m, null, o, key, child, depth);
      } else {
        dropValue(m, child, depth);
      }
    }
    if (count < 0) {
      read();
    }
    return o;
  }

  /** Bytes per item of a typed array whose items have no markers; 0 for T/F/Z; -1 for others. */
  private static int fixedWidth(int type) {
    return switch (type) {
      case 'i', 'U', 'C' -> 1;
      case 'I' -> 2;
      case 'l', 'd' -> 4;
      case 'L', 'D' -> 8;
      case 'T', 'F', 'Z' -> 0;
      default -> -1;
    };
  }

  private long integer(int marker) throws IOException {
    return switch (marker) {
      case 'i' -> (byte) read();
      case 'U' -> read();
      case 'I' -> (short) bigEndian(2);
      case 'l' -> (int) bigEndian(4);
      case 'L' -> bigEndian(8);
      default -> throw bad(String.format(Locale.ROOT, "expected an integer marker, found 0x%02x", marker));
    };
  }

  private long length() throws IOException {
    long n = integer(marker());
    if (n < 0) {
      throw bad("negative length " + n);
    }
    return n;
  }

  private String string(long length) throws IOException {
    if (length > size - position) {
      throw bad("a string declares " + length + " bytes, more than the " + (size - position) + " left");
    }
    if (length > MAX_STRING || skipping > 0) {
      skip(length);
      return "";
    }
    if (length > 0 && peeked != -2) {
      throw bad("unexpected lookahead before a string");
    }
    byte[] b = in.readNBytes((int) length);
    position += b.length;
    if (b.length < length) {
      throw truncated();
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /** The next marker, skipping no-op markers. */
  private int marker() throws IOException {
    int m = read();
    while (m == 'N') {
      m = read();
    }
    return m;
  }

  private int peekSkippingNoop() throws IOException {
    while (peek() == 'N') {
      read();
    }
    return peek();
  }

  private long bigEndian(int n) throws IOException {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | read();
    }
    return v;
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    if (peeked < 0) {
      throw truncated();
    }
    return peeked;
  }

  private int read() throws IOException {
    int b = peek();
    peeked = -2;
    position++;
    return b;
  }

  private void expect(int c) throws IOException {
    if (read() != c) {
      throw bad("expected '" + (char) c + "'");
    }
  }

  private void skip(long n) throws IOException {
    if (n <= 0) {
      return;
    }
    if (peeked != -2) {
      read();
      n--;
    }
    try {
      in.skipNBytes(n);
    } catch (EOFException e) {
      throw truncated();
    }
    position += n;
  }

  private void checkDepth(int depth) throws MalformedFileException {
    if (depth > BoundedTree.MAX_DEPTH) {
      throw bad("nesting deeper than " + BoundedTree.MAX_DEPTH);
    }
  }

  private MalformedFileException bad(String what) {
    return new MalformedFileException(what + " at byte " + position);
  }

  private MalformedFileException truncated() {
    return new MalformedFileException("the file ends at byte " + position + " inside a value");
  }
}
