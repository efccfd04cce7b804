package io.mlindex.crawler;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What started a crawl. */
public enum Trigger {
  CLI,
  SCHEDULE,
  API,
  SERVE;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
