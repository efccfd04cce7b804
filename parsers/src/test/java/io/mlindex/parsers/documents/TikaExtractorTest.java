package io.mlindex.parsers.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/** A Tika parser that never finishes must end in a warning at the unit's deadline. */
class TikaExtractorTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final AtomicBoolean release = new AtomicBoolean();
  private final MutableClock clock = new MutableClock();

  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2024-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @AfterEach
  void close() throws IOException {
    release.set(true);
    fs.close();
  }

  /** Emits some text, then spins ignoring interrupts, as a parser caught in a loop would. */
  private final class LoopingParser implements Parser {
    @Override
    public Set<MediaType> getSupportedTypes(org.apache.tika.parser.ParseContext context) {
      return Set.of(MediaType.TEXT_PLAIN);
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata,
        org.apache.tika.parser.ParseContext context) throws SAXException {
      XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
      xhtml.startDocument();
      xhtml.element("p", "page one text");
      clock.advance(Duration.ofHours(1)); // the unit's time is up from here on
      while (!release.get()) {
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void aLoopingParseEndsInAWarningWithTheTextSoFar() throws IOException {
    Path f = TestTrees.write(fs.getPath("/docs/loop.txt"), "anything");
    ParseContext context = new ParseContext().set(Clock.class, clock).withDeadlineIn(60_000);
    TikaExtractor.Extraction x = TikaExtractor.extract(new LoopingParser(), f, "text/plain", context);
    assertTrue(x.problem().startsWith("text extraction stopped"), x.problem());
    assertEquals("page one text", x.text());
  }
}
