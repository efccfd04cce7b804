package io.mlindex.parsers.documents;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParseTimeoutException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Runs Apache Tika on one document under the unit's limits: text up to {@code
 * limits.max_text_chars}, and the unit's deadline. Tika runs on a thread of its own that the caller
 * watches; past the deadline the parse is cancelled (its input stream and its content handler
 * fail at the next call, and the thread is interrupted) and the text so far is kept, so a PDF that
 * makes a parser loop ends in a warning rather than a lost crawl. Embedded documents are not parsed.
 */
final class TikaExtractor {
  private static final long POLL_MILLIS = 50;
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Tika threads are daemons: one stuck in a loop that ignores interrupts cannot stop the JVM. */
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "mlindex-tika-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private TikaExtractor() {}

  /** Detection and the parsers found on the classpath, built once (loading them is slow). */
  private static final class Holder {
    static final Parser PARSER = new AutoDetectParser();
  }

  /** What Tika gave: text (possibly partial), metadata, and what went wrong if anything did. */
  record Extraction(String text, Metadata metadata, boolean truncated, String problem) {}

  /**
   * Extracts a document's text and metadata.
   *
   * @param mediaType the type to parse as, or null to let Tika detect it
   */
  static Extraction extract(Path file, String mediaType, ParseContext context) throws IOException {
    return extract(Holder.PARSER, file, mediaType, context);
  }

  /** As {@link #extract(Path, String, ParseContext)}, with another Tika parser (for tests). */
  static Extraction extract(Parser parser, Path file, String mediaType, ParseContext context)
      throws IOException {
    BoundedTextHandler handler = new BoundedTextHandler(context.limits().maxTextChars());
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, String.valueOf(file.getFileName()));
    if (mediaType != null) {
      metadata.set(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE, mediaType);
    }
    Future<?> parse =
        POOL.submit(
            () -> {
              try (InputStream raw = Files.newInputStream(file);
                  InputStream in = TikaInputStream.get(new Cancellable(raw, handler))) {
                parser.parse(in, new BodyContentHandler(handler), metadata, new org.apache.tika.parser.ParseContext());
              }
              return null;
            });
    while (true) {
      try {
        parse.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        return new Extraction(handler.text(), metadata, false, null);
      } catch (TimeoutException e) {
        String late = pastDeadline(context);
        if (late != null) {
          stop(handler, parse);
          return new Extraction(handler.text(), null, true, "text extraction stopped: " + late);
        }
      } catch (InterruptedException e) {
        stop(handler, parse);
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while Tika read " + file.getFileName());
      } catch (ExecutionException e) {
        return failed(e.getCause(), handler, metadata);
      }
    }
  }

  private static Extraction failed(Throwable cause, BoundedTextHandler handler, Metadata metadata) {
    if (WriteLimitReachedException.isWriteLimitReached(cause) || handler.limitReached()) {
      return new Extraction(handler.text(), metadata, true, null);
    }
    if (cause instanceof EncryptedDocumentException) {
      return new Extraction(handler.text(), metadata, false, "encrypted; text not extracted");
    }
    if (cause instanceof OutOfMemoryError) {
      return new Extraction(handler.text(), null, false, "text extraction ran out of memory");
    }
    String message = cause.getMessage();
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != cause && root.getMessage() != null) {
      message = message + " (" + root.getMessage() + ")";
    }
    return new Extraction(handler.text(), metadata, false,
        "text extraction failed: " + cause.getClass().getSimpleName() + ": " + message);
  }

  private static String pastDeadline(ParseContext context) {
    try {
      context.checkDeadline();
      return null;
    } catch (ParseTimeoutException e) {
      return e.getMessage();
    }
  }

  private static void stop(BoundedTextHandler handler, Future<?> parse) {
    handler.cancel();
    parse.cancel(true);
  }

  /** An input stream that fails once the extraction is cancelled. */
  private static final class Cancellable extends FilterInputStream {
    private final BoundedTextHandler handler;

    Cancellable(InputStream in, BoundedTextHandler handler) {
      super(in);
      this.handler = handler;
    }

    private void check() throws IOException {
      if (handler.cancelled()) {
        throw new InterruptedIOException("text extraction cancelled");
      }
    }

    @Override
    public int read() throws IOException {
      check();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      check();
      return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      check();
      return super.skip(n);
    }
  }
}
