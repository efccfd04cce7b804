package io.mlindex.parsers.sacred;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Sacred's times: ISO-8601 without a zone, in UTC (it calls {@code datetime.utcnow()}). */
final class SacredTimes {
  private SacredTimes() {}

  static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text.strip()).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
