package io.mlindex.index;

import java.util.Map;

/**
 * A field name as a user writes it in a query, resolved: aliases and plural spellings mapped to
 * the index's names, and the kind of query the field takes. An unknown name is an error that lists
 * the fields there are.
 */
record QueryField(QueryField.Kind kind, String field) {
  private static final Map<String, String> ALIASES =
      Map.of(
          "imports", "code.imports",
          "frameworks", "code.frameworks",
          "framework", "code.frameworks",
          "packages", "code.packages",
          "script", "code.script",
          "commit", "git.commit",
          "warning", IndexSchema.WARNINGS);

  enum Kind {
    TEXT,
    KEYWORD,
    LONG,
    METRIC,
    DYNAMIC,
    HAS,
    UNDER,
    DERIVED_FROM,
    FEEDS
  }

  /** The field a user wrote, resolved; {@code position} is where it appears in the query. */
  static QueryField resolve(String rawField, int position) throws QuerySyntaxException {
    String f = rawField == null ? "" : rawField;
    if (f.isEmpty() || f.equals(IndexSchema.ALL)) {
      return new QueryField(Kind.TEXT, IndexSchema.ALL);
    }
    f = ALIASES.getOrDefault(f, f);
    if (f.startsWith("metrics.")) {
      f = "metric." + f.substring("metrics.".length());
    } else if (f.startsWith("params.")) {
      f = "param." + f.substring("params.".length());
    } else if (f.startsWith("property.")) {
      f = "properties." + f.substring("property.".length());
    } else if (f.startsWith("tags.")) {
      f = "tag." + f.substring("tags.".length());
    }
    if (IndexSchema.TEXTS.contains(f)) {
      return new QueryField(Kind.TEXT, f);
    }
    if (IndexSchema.KEYWORDS.contains(f) || IndexSchema.isTag(f)) {
      return new QueryField(Kind.KEYWORD, f);
    }
    if (IndexSchema.LONGS.contains(f)) {
      return new QueryField(Kind.LONG, f);
    }
    if (IndexSchema.isDynamic(f)) {
      return new QueryField(f.startsWith("metric.") ? Kind.METRIC : Kind.DYNAMIC, f);
    }
    if (f.equals("has")) {
      return new QueryField(Kind.HAS, f);
    }
    if (f.equals("under")) {
      return new QueryField(Kind.UNDER, f);
    }
    if (f.equals("derivedFrom") || f.equals("derivedfrom") || f.equals("derived_from")) {
      return new QueryField(Kind.DERIVED_FROM, f);
    }
    if (f.equals("feeds")) {
      return new QueryField(Kind.FEEDS, f);
    }
    throw new FieldError(
        rawField,
        "unknown field '" + rawField + "'; fields are metric.<name>, param.<name>, properties.<name>,"
            + " tag.<name>, time.start, time.end, time.modified, size, has, under, derivedFrom, feeds, "
            + String.join(", ", new java.util.TreeSet<>(IndexSchema.KEYWORDS)) + ", text, warnings");
  }

  /** A problem with a field name; its position is where the name first appears in the query. */
  static final class FieldError extends RuntimeException {
    final String field;

    FieldError(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  String keywordField() {
    return kind == Kind.DYNAMIC || kind == Kind.METRIC ? IndexSchema.keyword(field) : field;
  }
}
