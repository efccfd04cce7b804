package io.mlindex.index;

import io.mlindex.record.RecordJson;
import io.mlindex.record.UnitState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.lucene.util.BytesRef;

/**
 * The bytes of a unit's state in the index: its JSON, deflated. Doc values are not compressed by
 * Lucene, and a unit's JSON repeats its folder in every source path, so deflating shrinks it
 * several times over for a few microseconds.
 */
final class UnitCodec {
  private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));

  private final Inflater inflater = new Inflater(true);
  private byte[] buffer = new byte[4096];

  static BytesRef encode(UnitState unit) throws IOException {
    byte[] json = RecordJson.mapper().writeValueAsBytes(unit);
    Deflater deflater = DEFLATERS.get();
    deflater.reset();
    deflater.setInput(json);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 2 + 16);
    byte[] chunk = new byte[1024];
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    return new BytesRef(out.toByteArray());
  }

  /** Decodes one value; one codec per reading thread (it keeps its inflater and buffer). */
  UnitState decode(BytesRef bytes) throws IOException {
    inflater.reset();
    inflater.setInput(bytes.bytes, bytes.offset, bytes.length);
    int length = 0;
    try {
      while (!inflater.finished()) {
        if (length == buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = inflater.inflate(buffer, length, buffer.length - length);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IOException("a unit's stored state is truncated; run the crawl again to rebuild it");
        }
        length += n;
      }
    } catch (DataFormatException e) {
      throw new IOException("a unit's stored state is corrupt (" + e.getMessage() + "); run the crawl again to rebuild it", e);
    }
    return RecordJson.mapper().readValue(buffer, 0, length, UnitState.class);
  }
}
