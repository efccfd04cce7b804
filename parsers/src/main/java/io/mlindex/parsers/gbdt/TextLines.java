package io.mlindex.parsers.gbdt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a text stream with a bound on what one line may cost: the first {@code maxLineBytes}
 * bytes of a line are kept, the rest is skipped (and {@link #lastWasCut()} says so), so one
 * multi-gigabyte line cannot exhaust the heap. Reads in blocks and scans them for line ends.
 */
final class TextLines {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] block = new byte[1 << 16];
  private int pos;
  private int end;
  private byte[] line = new byte[1024];
  private boolean cut;

  TextLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line without its line end, or null at the end of the stream. */
  String next() throws IOException {
    return next(maxLineBytes);
  }

  /** The next line, keeping at most {@code keep} bytes of it (cheap for lines only sniffed). */
  String next(int keep) throws IOException {
    int n = 0;
    cut = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(block, 0, block.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int start = pos;
      while (pos < end && block[pos] != '\n') {
        pos++;
      }
      n = append(n, start, pos, Math.min(keep, maxLineBytes));
      if (pos < end) {
        pos++; // the newline
        break;
      }
    }
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    return new String(line, 0, n, StandardCharsets.UTF_8);
  }

  private int append(int n, int from, int to, int max) {
    int len = Math.min(to - from, max - n);
    if (len < to - from) {
      cut = true;
    }
    if (len <= 0) {
      return n;
    }
    if (n + len > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, n + len), max));
    }
    System.arraycopy(block, from, line, n, len);
    return n + len;
  }

  /** Whether the line last returned was longer than the bound and cut. */
  boolean lastWasCut() {
    return cut;
  }
}
