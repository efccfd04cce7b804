package io.mlindex.parsers.gbdt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a text stream with a bound on what one line may cost: the first {@code maxLineBytes}
 * bytes of a line are kept, the rest is skipped (and {@link #lastWasCut()} says so), so one
 * multi-gigabyte line cannot exhaust the heap.
 */
final class TextLines {
  private final InputStream in;
  private final int maxLineBytes;
  private byte[] buf = new byte[1024];
  private boolean cut;

  TextLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line without its line end, or null at the end of the stream. */
  String next() throws IOException {
    int n = 0;
    cut = false;
    int b = in.read();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n') {
      if (n < maxLineBytes) {
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxLineBytes));
        }
        buf[n++] = (byte) b;
      } else {
        cut = true;
      }
      b = in.read();
    }
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  /** Whether the line last returned was longer than the bound and cut. */
  boolean lastWasCut() {
    return cut;
  }
}
