package io.mlindex.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a record stands for. */
public enum RecordKind {
  RUN,
  NOTEBOOK,
  MODEL,
  DATASET,
  DOCUMENT,
  STAGE,
  EXPERIMENT,
  /** A file or folder only known because a record names it in its lineage. */
  ARTIFACT;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static RecordKind fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
