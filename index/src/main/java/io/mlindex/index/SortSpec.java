package io.mlindex.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;

/**
 * Parses sort specifications such as {@code metric.val_acc:desc,name}: any metric, param or
 * property, a time, size, or keyword field, or {@code score}. Records without the field sort last
 * in both directions.
 */
final class SortSpec {
  private SortSpec() {}

  static Sort parse(String spec, IndexReader reader) throws QuerySyntaxException {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    FieldInfos infos = FieldInfos.getMergedFieldInfos(reader);
    List<SortField> fields = new ArrayList<>();
    int offset = 0;
    for (String part : spec.split(",")) {
      int position = offset + 1;
      offset += part.length() + 1;
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      boolean desc = false;
      int colon = p.lastIndexOf(':');
      if (colon > 0) {
        String dir = p.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (dir.equals("desc") || dir.equals("asc")) {
          desc = dir.equals("desc");
          p = p.substring(0, colon);
        } else {
          throw new QuerySyntaxException("sort direction '" + dir + "' must be asc or desc", position + colon + 1);
        }
      }
      fields.add(field(p, desc, infos, position));
    }
    return fields.isEmpty() ? null : new Sort(fields.toArray(new SortField[0]));
  }

  private static SortField field(String name, boolean desc, FieldInfos infos, int position)
      throws QuerySyntaxException {
    if (name.equals("score") || name.equals("relevance")) {
      return SortField.FIELD_SCORE; // best match first; a direction makes no sense here
    }
    String f = name.startsWith("metrics.") ? "metric." + name.substring(8) : name.startsWith("params.") ? "param." + name.substring(7) : name;
    if (IndexSchema.LONGS.contains(f)) {
      return longSort(f, desc);
    }
    if (IndexSchema.isDynamic(f)) {
      String numeric = IndexSchema.numeric(f);
      FieldInfo info = infos.fieldInfo(numeric);
      if (info != null || f.startsWith("metric.")) {
        SortedNumericSortField s = new SortedNumericSortField(numeric, SortField.Type.DOUBLE, desc,
            desc ? SortedNumericSelector.Type.MAX : SortedNumericSelector.Type.MIN);
        s.setMissingValue(desc ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        return s;
      }
      return keywordSort(IndexSchema.keyword(f), desc);
    }
    if (IndexSchema.KEYWORDS.contains(f) || IndexSchema.isTag(f)) {
      FieldInfo info = infos.fieldInfo(f);
      if (info != null && info.getDocValuesType() != DocValuesType.SORTED_SET) {
        throw new QuerySyntaxException("cannot sort by '" + name + "'", position);
      }
      return keywordSort(f, desc);
    }
    throw new QuerySyntaxException(
        "cannot sort by '" + name + "'; sort by metric.<name>, param.<name>, properties.<name>,"
            + " time.start, time.end, time.modified, size, name, path, kind, format, experiment or score",
        position);
  }

  private static SortField longSort(String field, boolean desc) {
    SortedNumericSortField s = new SortedNumericSortField(field, SortField.Type.LONG, desc);
    s.setMissingValue(desc ? Long.MIN_VALUE : Long.MAX_VALUE);
    return s;
  }

  private static SortField keywordSort(String field, boolean desc) {
    SortedSetSortField s = new SortedSetSortField(field, desc);
    s.setMissingValue(desc ? SortField.STRING_FIRST : SortField.STRING_LAST);
    return s;
  }
}
