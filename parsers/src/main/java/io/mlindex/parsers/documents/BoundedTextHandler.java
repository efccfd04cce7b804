package io.mlindex.parsers.documents;

import org.apache.tika.exception.WriteLimitReachedException;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects the text Tika emits, up to a character limit (then it stops the parse with Tika's own
 * {@link WriteLimitReachedException}, which Tika's parsers pass through), and stops the parse at
 * the next event once {@link #cancel() cancelled}. Filled on Tika's thread, read on the caller's.
 */
final class BoundedTextHandler extends DefaultHandler {
  private final int limit;
  private final StringBuilder text = new StringBuilder();
  private volatile boolean cancelled;
  private boolean limitReached;

  BoundedTextHandler(int limit) {
    this.limit = limit;
  }

  void cancel() {
    cancelled = true;
  }

  boolean cancelled() {
    return cancelled;
  }

  synchronized boolean limitReached() {
    return limitReached;
  }

  /** The text so far, trimmed. */
  synchronized String text() {
    return text.toString().strip();
  }

  @Override
  public synchronized void characters(char[] ch, int start, int length) throws SAXException {
    checkCancelled();
    int room = limit - text.length();
    if (length > room) {
      text.append(ch, start, Math.max(0, room));
      limitReached = true;
      throw new WriteLimitReachedException(limit);
    }
    text.append(ch, start, length);
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    characters(ch, start, length); // Tika writes line breaks between blocks as ignorable whitespace
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
    checkCancelled();
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    checkCancelled();
  }

  private void checkCancelled() throws SAXException {
    if (cancelled) {
      throw new SAXException("text extraction cancelled");
    }
  }
}
