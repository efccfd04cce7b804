package io.mlindex.index;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;

/**
 * The searchable field names of an index under the names users write ({@code metric.val_acc},
 * {@code param.optimizer}, {@code tag.team}), each with its type: {@code number}, {@code keyword},
 * {@code date} or {@code text}. Read from the index's field infos, so it lists exactly what some
 * record has; bookkeeping fields are left out.
 */
final class FieldCatalog {
  static final String NUMBER = "number";
  static final String KEYWORD = "keyword";
  static final String DATE = "date";
  static final String TEXT = "text";

  /** Fixed fields users do not query (storage, bookkeeping, the catch-all text). */
  private static final Set<String> HIDDEN = Set.of(IndexSchema.ALL, IndexSchema.ID);

  private FieldCatalog() {}

  static Map<String, String> of(IndexReader reader) {
    Map<String, String> out = new TreeMap<>();
    for (FieldInfo info : FieldInfos.getMergedFieldInfos(reader)) {
      String name = info.name;
      if (name.startsWith(IndexSchema.NUMERIC)) {
        out.put(name.substring(IndexSchema.NUMERIC.length()), NUMBER); // a number wins over its keyword twin
      } else if (name.startsWith(IndexSchema.KEYWORD)) {
        out.putIfAbsent(name.substring(IndexSchema.KEYWORD.length()), KEYWORD);
      } else if (IndexSchema.LONGS.contains(name)) {
        out.put(name, name.startsWith("time.") ? DATE : NUMBER);
      } else if ((IndexSchema.KEYWORDS.contains(name) || IndexSchema.isTag(name)) && !HIDDEN.contains(name)) {
        out.put(name, KEYWORD);
      } else if (IndexSchema.TEXTS.contains(name) && !HIDDEN.contains(name)) {
        out.put(name, TEXT);
      }
    }
    return out;
  }
}
