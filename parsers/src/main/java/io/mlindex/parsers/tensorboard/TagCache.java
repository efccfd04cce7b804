package io.mlindex.parsers.tensorboard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds a tag's state from its UTF-8 bytes in the payload without making a String each time: event
 * files repeat the same few tags millions of times, and decoding and hashing them was a quarter of
 * the parse. A small direct-mapped cache in front of {@link EventLog#tag}.
 */
final class TagCache {
  private static final int SLOTS = 512;
  private static final int MAX_CACHED_BYTES = 256;

  private final EventLog log;
  private final byte[][] keys = new byte[SLOTS][];
  private final EventLog.Tag[] tags = new EventLog.Tag[SLOTS];

  TagCache(EventLog log) {
    this.log = log;
  }

  /** The state of the tag spelled by {@code bytes[offset, offset + length)}, or null when too many tags were seen. */
  EventLog.Tag lookup(byte[] bytes, int offset, int length) {
    if (length > MAX_CACHED_BYTES) {
      return log.tag(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }
    int h = length;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + bytes[i];
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, bytes, offset, offset + length)) {
      return tags[slot];
    }
    EventLog.Tag t = log.tag(new String(bytes, offset, length, StandardCharsets.UTF_8));
    if (t != null) {
      keys[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
      tags[slot] = t;
    }
    return t;
  }
}
