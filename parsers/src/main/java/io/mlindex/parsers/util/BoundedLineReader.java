package io.mlindex.parsers.util;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads UTF-8 text line by line (malformed bytes replaced) without ever holding more than {@code
 * maxLineChars} of one line: a longer line is cut there, the rest of it skipped, and {@link
 * #lastLineWasCut()} says so. For streaming big CSV and log files that may lack line breaks.
 */
public final class BoundedLineReader implements Closeable {
  private final Reader in;
  private final int maxLineChars;
  private final char[] buf = new char[1 << 16];
  private final StringBuilder line = new StringBuilder();
  private int pos;
  private int end;
  private boolean cut;
  private long lineNumber;

  public BoundedLineReader(Reader in, int maxLineChars) {
    this.in = in;
    this.maxLineChars = maxLineChars;
  }

  /** Opens a file as lenient UTF-8. */
  public static BoundedLineReader open(Path file, int maxLineChars) throws IOException {
    InputStream stream = Files.newInputStream(file);
    Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE));
    return new BoundedLineReader(reader, maxLineChars);
  }

  /** The next line without its terminator ({@code \n}, {@code \r\n} or {@code \r}), or null at the end. */
  public String readLine() throws IOException {
    line.setLength(0);
    cut = false;
    boolean any = false;
    while (true) {
      if (pos == end && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      char c = buf[pos++];
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if (pos == end) {
          fill();
        }
        if (pos < end && buf[pos] == '\n') {
          pos++;
        }
        break;
      }
      if (line.length() < maxLineChars) {
        line.append(c);
      } else {
        cut = true;
      }
    }
    lineNumber++;
    String s = line.toString();
    return lineNumber == 1 && s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      pos = end = 0;
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }

  /** Whether the line just read was longer than the limit (and so was cut). */
  public boolean lastLineWasCut() {
    return cut;
  }

  /** The 1-based number of the line just read. */
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
