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
  private int pendingBreaks;
  private boolean pendingSpace;

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

  /** The text so far. */
  synchronized String text() {
    return text.toString();
  }

  /**
   * Appends text with whitespace runs collapsed (a run with line breaks becomes one blank line at
   * most, any other run one space), so layout padding in HTML and PDF does not use up the limit.
   */
  @Override
  public synchronized void characters(char[] ch, int start, int length) throws SAXException {
    checkCancelled();
    for (int i = start; i < start + length; i++) {
      char c = ch[i];
      if (c == '\n') {
        pendingBreaks++;
      } else if (Character.isWhitespace(c) || c == '\u00A0') {
        pendingSpace = true;
      } else {
        flushWhitespace();
        append(c);
      }
    }
  }

  private void flushWhitespace() throws SAXException {
    if (text.length() > 0) {
      if (pendingBreaks > 0) {
        append('\n');
        if (pendingBreaks > 1) {
          append('\n');
        }
      } else if (pendingSpace) {
        append(' ');
      }
    }
    pendingBreaks = 0;
    pendingSpace = false;
  }

  private void append(char c) throws SAXException {
    if (text.length() >= limit) {
      limitReached = true;
      throw new WriteLimitReachedException(limit);
    }
    text.append(c);
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
