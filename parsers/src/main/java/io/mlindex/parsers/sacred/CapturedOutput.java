package io.mlindex.parsers.sacred;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code cout.txt}, the run's captured output, as the record's searchable text. A long one keeps
 * its end, where the final scores are printed.
 */
final class CapturedOutput {
  private CapturedOutput() {}

  static void into(Record r, Path file, ParseContext context) {
    r.source(PosixPaths.of(file));
    int max = Math.max(0, context.limits().maxTextChars());
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      long size = ch.size();
      int take = (int) Math.min(size, max);
      ch.position(size - take);
      ByteBuffer buf = ByteBuffer.allocate(take);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        context.checkDeadline();
      }
      String text = BoundedReads.decodeUtf8(java.util.Arrays.copyOf(buf.array(), buf.position()));
      if (size > take) {
        int nl = text.indexOf('\n');
        text = nl >= 0 ? text.substring(nl + 1) : text;
        r.property("captured_output_truncated", true);
      }
      if (!text.isBlank()) {
        r.setText(text);
      }
    } catch (IOException e) {
      r.warn("cout.txt could not be read: " + e.getMessage());
    }
  }
}
