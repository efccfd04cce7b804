package io.mlindex.index;

import java.util.Set;

/**
 * Field names and conventions of the Lucene index. Users write {@code metric.acc}, {@code
 * param.lr}, {@code properties.opset}; internally a dynamic name has a numeric field ({@code
 * n:param.lr}, points and doc values, where the value is a number) and a keyword field ({@code
 * k:param.lr}, the value as text), because Lucene requires one schema per field name.
 */
final class IndexSchema {
  /** Bumped whenever documents change shape; an index with another version is rebuilt. */
  static final String VERSION = "5";

  static final String COMMIT_SCHEMA_KEY = "mlindex.schema";

  // Document types: records are what users search; the rest is bookkeeping.
  static final String DOCTYPE = "doctype";
  static final String TYPE_RECORD = "record";
  static final String TYPE_UNIT = "unit";
  static final String TYPE_CRAWL = "crawl";

  static final String ID = "id";
  static final String JSON = "json";
  static final String SERIES = "series";
  static final String UNIT = "unit";
  static final String UNIT_KEY = "unit_key";
  static final String UNIT_JSON = "unit_json";
  static final String UNIT_HASH = "unit_hash";
  static final String ALL = "all";
  static final String TEXT = "text";
  static final String WARNINGS = "warnings";
  static final String SIZE = "size";

  static final String NUMERIC = "n:";
  static final String KEYWORD = "k:";

  /** Dynamic name spaces: {@code <space>.<name>}. */
  static final Set<String> DYNAMIC = Set.of("metric", "param", "properties");

  static final String TAG_PREFIX = "tag.";

  /** Keyword fields with fixed names (exact, case-sensitive values). */
  static final Set<String> KEYWORDS =
      Set.of(
          ID, "kind", "format", "path", "root", "name", "experiment", "hash", "source",
          "code.imports", "code.frameworks", "code.packages", "code.script", "git.commit",
          "git.branch", "git.remote", "lineage", "lineage.in", "lineage.out");

  /**
   * Path fields whose values are also indexed by their trailing components (field + {@code
   * .suffix}), so that {@code path:"data/train.csv"} finds {@code /any/where/data/train.csv}.
   */
  static final Set<String> SUFFIXED = Set.of("path", "lineage", "lineage.in", "lineage.out", "source");

  static String suffix(String field) {
    return field + ".suffix";
  }

  /**
   * Trailing components (two or more) of the foreign paths among a record's inputs or outputs
   * (another machine's {@code C:/...}, {@code ~/...}), so that lineage finds the records whose
   * foreign references end like a local path without reading every local reference that does.
   */
  static String foreignSuffix(String lineageField) {
    return lineageField + ".foreign";
  }

  /** Analysed text fields. */
  static final Set<String> TEXTS = Set.of(ALL, TEXT, WARNINGS);

  /** Long-valued fields with points and doc values (times are epoch milliseconds). */
  static final Set<String> LONGS = Set.of("time.start", "time.end", "time.modified", SIZE);

  /** Fields whose values the index lower-cases (so {@code kind:Model} finds models). */
  static final Set<String> LOWERCASED = Set.of("kind", "format");

  private IndexSchema() {}

  static String numeric(String userField) {
    return NUMERIC + userField;
  }

  static String keyword(String userField) {
    return KEYWORD + userField;
  }

  /** Whether the user field is {@code metric.x}, {@code param.x} or {@code properties.x}. */
  static boolean isDynamic(String userField) {
    int dot = userField.indexOf('.');
    return dot > 0 && dot < userField.length() - 1 && DYNAMIC.contains(userField.substring(0, dot));
  }

  /**
   * Whether only record documents carry this index field; bookkeeping documents (units, crawls,
   * versions, roots) have fields of their own. Unknown names answer false, which keeps a filter.
   */
  static boolean onlyOnRecords(String field) {
    if (field.startsWith(NUMERIC) || field.startsWith(KEYWORD) || isTag(field)) {
      return true;
    }
    if (field.equals(ID) || field.equals(UNIT) || KEYWORDS.contains(field) || TEXTS.contains(field)
        || LONGS.contains(field)) {
      return true;
    }
    int dot = field.lastIndexOf('.');
    if (dot <= 0) {
      return false;
    }
    String base = field.substring(0, dot);
    return (field.equals(suffix(base)) && SUFFIXED.contains(base))
        || (field.equals(foreignSuffix(base)) && KEYWORDS.contains(base));
  }

  static boolean isTag(String userField) {
    return userField.startsWith(TAG_PREFIX) && userField.length() > TAG_PREFIX.length();
  }
}
