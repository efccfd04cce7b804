package io.mlindex.parsers;

import io.mlindex.config.ParseLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Options and services for one parse, keyed by class (as Tika's ParseContext), so that new options
 * need no new method signatures. A context always holds {@link ParseLimits} and a {@link Clock}.
 *
 * <p>Long-running parsers call {@link #checkDeadline()} in their loops: the crawler sets a deadline
 * per unit and a parser past it stops with {@link ParseTimeoutException}.
 */
public final class ParseContext {
  private final Map<Class<?>, Object> values = new HashMap<>();
  private Instant deadline = Instant.MAX;

  public ParseContext() {
    set(ParseLimits.class, ParseLimits.defaults());
    set(Clock.class, Clock.systemUTC());
  }

  public <T> ParseContext set(Class<T> type, T value) {
    if (value == null) {
      values.remove(type);
    } else {
      values.put(type, value);
    }
    return this;
  }

  public <T> T get(Class<T> type) {
    return type.cast(values.get(type));
  }

  public <T> T get(Class<T> type, T fallback) {
    T v = get(type);
    return v == null ? fallback : v;
  }

  public ParseLimits limits() {
    return get(ParseLimits.class);
  }

  public Clock clock() {
    return get(Clock.class);
  }

  /** A copy with the same options and a deadline that many milliseconds from now. */
  public ParseContext withDeadlineIn(long millis) {
    ParseContext copy = new ParseContext();
    copy.values.putAll(values);
    Instant now = clock().instant();
    copy.deadline = millis <= 0 ? Instant.MAX : now.plusMillis(millis);
    return copy;
  }

  /** Throws once the unit's time is up or the thread was interrupted. */
  public void checkDeadline() {
    if (Thread.currentThread().isInterrupted() || clock().instant().isAfter(deadline)) {
      throw new ParseTimeoutException(
          "parse took longer than " + limits().parseTimeout().toSeconds() + " s (limits.parse_timeout)");
    }
  }
}
