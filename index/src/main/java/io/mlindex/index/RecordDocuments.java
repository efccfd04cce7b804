package io.mlindex.index;

import io.mlindex.parsers.util.LineagePaths;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import io.mlindex.record.Series;
import io.mlindex.record.UnitState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.NumericUtils;

/** Turns records and unit states into Lucene documents (see {@link IndexSchema} for the fields). */
final class RecordDocuments {
  /** Longest keyword value indexed (Lucene's term limit is 32 KiB; long values are still stored). */
  static final int MAX_KEYWORD = 512;

  private RecordDocuments() {}

  static Document of(Record r, String unitKey) {
    Document d = new Document();
    d.add(new StringField(IndexSchema.DOCTYPE, IndexSchema.TYPE_RECORD, Field.Store.NO));
    d.add(new KeywordField(IndexSchema.ID, r.getId(), Field.Store.YES));
    d.add(new StringField(IndexSchema.UNIT, unitKey, Field.Store.NO));
    StringBuilder all = new StringBuilder();

    keyword(d, all, "kind", r.getKind() == null ? null : r.getKind().id());
    keyword(d, all, "format", r.getFormat());
    keyword(d, all, "path", r.getPath());
    keyword(d, null, "root", r.getRoot());
    keyword(d, all, "name", r.getName());
    keyword(d, all, "experiment", r.getExperiment());
    keyword(d, all, "hash", r.getHash());
    for (String s : r.getSources()) {
      keyword(d, null, "source", s);
    }
    r.getTags().forEach((k, v) -> {
      keyword(d, all, IndexSchema.TAG_PREFIX + k, v);
      all.append(k).append(' ');
    });
    r.getParams().forEach((k, v) -> dynamic(d, all, "param." + k, v));
    r.getProperties().forEach((k, v) -> dynamic(d, all, "properties." + k, v));
    r.getMetrics().forEach((k, m) -> metric(d, all, k, m));

    var code = r.getCode();
    keyword(d, all, "code.script", code.getScript());
    keyword(d, all, "git.commit", code.getGitCommit());
    keyword(d, null, "git.branch", code.getGitBranch());
    keyword(d, null, "git.remote", code.getGitRemote());
    code.getImports().forEach(i -> keyword(d, all, "code.imports", i));
    code.getFrameworks().forEach(f -> keyword(d, all, "code.frameworks", f));
    code.getPackages().forEach(p -> keyword(d, all, "code.packages", p));

    lineage(d, all, r.getLineage().getInputs(), "lineage.in");
    lineage(d, all, r.getLineage().getOutputs(), "lineage.out");

    time(d, "time.start", r.getTime().getStart());
    time(d, "time.end", r.getTime().getEnd());
    time(d, "time.modified", r.getTime().getModified());
    if (r.getSize() != null) {
      longField(d, IndexSchema.SIZE, r.getSize());
    }
    for (String w : r.getWarnings()) {
      d.add(new TextField(IndexSchema.WARNINGS, w, Field.Store.NO));
      all.append(w).append(' ');
    }
    if (r.getText() != null && !r.getText().isEmpty()) {
      d.add(new TextField(IndexSchema.TEXT, r.getText(), Field.Store.YES));
      all.append(r.getText());
    }
    d.add(new TextField(IndexSchema.ALL, all.toString(), Field.Store.NO));
    d.add(new StoredField(IndexSchema.JSON, jsonWithoutText(r)));
    byte[] series = encodeSeries(r.series());
    if (series != null) {
      d.add(new StoredField(IndexSchema.SERIES, series));
    }
    return d;
  }

  /** The JSON is stored without the text, which has a stored field of its own. */
  private static String jsonWithoutText(Record r) {
    String text = r.getText();
    r.setText(null);
    try {
      return RecordJson.toJson(r);
    } finally {
      r.setText(text);
    }
  }

  static Document ofUnit(UnitState unit) {
    Document d = new Document();
    d.add(new StringField(IndexSchema.DOCTYPE, IndexSchema.TYPE_UNIT, Field.Store.NO));
    d.add(new StringField(IndexSchema.UNIT_KEY, unit.key(), Field.Store.NO));
    if (unit.contentHash() != null) {
      d.add(new StringField(IndexSchema.UNIT_HASH, unit.contentHash(), Field.Store.NO));
    }
    try {
      d.add(new BinaryDocValuesField(IndexSchema.UNIT_JSON, UnitCodec.encode(unit)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  private static void keyword(Document d, StringBuilder all, String field, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    String v = IndexSchema.LOWERCASED.contains(field) ? value.toLowerCase(Locale.ROOT) : value;
    d.add(new KeywordField(field, truncate(v), Field.Store.NO));
    if (IndexSchema.SUFFIXED.contains(field) && (v.indexOf('/') >= 0 || v.indexOf('\\') >= 0)) {
      for (String suffix : LineagePaths.suffixes(v)) {
        d.add(new StringField(IndexSchema.suffix(field), truncate(suffix), Field.Store.NO));
      }
    }
    if (all != null) {
      all.append(value).append(' ');
    }
  }

  /** A param or property: numeric where it is a number (or a numeric string), always a keyword. */
  private static void dynamic(Document d, StringBuilder all, String field, Object value) {
    all.append(field.substring(field.indexOf('.') + 1)).append(' ');
    if (value instanceof Collection<?> list) {
      for (Object v : list) {
        if (!(v instanceof Collection) && !(v instanceof Map)) {
          scalar(d, all, field, v);
        }
      }
      return;
    }
    if (value instanceof Map) {
      return; // nested maps are flattened by parsers; a stray one is stored, not indexed
    }
    scalar(d, all, field, value);
  }

  private static void scalar(Document d, StringBuilder all, String field, Object value) {
    if (value == null) {
      return;
    }
    Double number = null;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else if (value instanceof String s) {
      number = Numbers.parseDouble(s);
      all.append(s, 0, Math.min(s.length(), MAX_KEYWORD)).append(' ');
    } else if (value instanceof Boolean b) {
      number = b ? 1.0 : 0.0;
    }
    if (number != null) {
      doubleField(d, IndexSchema.numeric(field), number);
    }
    d.add(new KeywordField(IndexSchema.keyword(field), truncate(String.valueOf(value)), Field.Store.NO));
  }

  private static void metric(Document d, StringBuilder all, String name, Metric m) {
    all.append(name).append(' ');
    doubleField(d, IndexSchema.numeric("metric." + name), m.last());
  }

  /** NaN is left out of points and doc values so that it never sorts first; it stays in the JSON. */
  private static void doubleField(Document d, String field, double v) {
    if (Double.isNaN(v)) {
      return;
    }
    d.add(new DoublePoint(field, v));
    d.add(new SortedNumericDocValuesField(field, NumericUtils.doubleToSortableLong(v)));
  }

  private static void longField(Document d, String field, long v) {
    d.add(new LongPoint(field, v));
    d.add(new SortedNumericDocValuesField(field, v));
  }

  private static void time(Document d, String field, Instant t) {
    if (t != null) {
      longField(d, field, t.toEpochMilli());
    }
  }

  private static void lineage(Document d, StringBuilder all, List<LineageRef> refs, String field) {
    for (LineageRef ref : refs) {
      if (PathTails.isForeign(ref)) {
        for (String tail : PathTails.tails(ref.path())) {
          d.add(new StringField(IndexSchema.foreignSuffix(field), truncate(tail), Field.Store.NO));
        }
      }
      for (String v : new String[] {ref.path(), ref.ref(), ref.hash()}) {
        if (v != null && !v.isEmpty()) {
          keyword(d, null, field, v);
          keyword(d, null, "lineage", v);
          all.append(v).append(' ');
        }
      }
    }
  }

  private static String truncate(String s) {
    return s.length() <= MAX_KEYWORD ? s : s.substring(0, MAX_KEYWORD);
  }

  /** Series as: count, then per metric its name, point count, steps and values. */
  static byte[] encodeSeries(Map<String, Series> series) {
    if (series.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(series.size());
      for (Map.Entry<String, Series> e : series.entrySet()) {
        out.writeUTF(e.getKey().length() > 10_000 ? e.getKey().substring(0, 10_000) : e.getKey());
        Series s = e.getValue();
        out.writeInt(s.size());
        for (int i = 0; i < s.size(); i++) {
          out.writeLong(s.steps()[i]);
          out.writeDouble(s.values()[i]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The series of one metric from bytes written by {@link #encodeSeries}, or null when the metric
   * has none there. Counts are checked against the bytes left, so damaged bytes give null, not a
   * huge allocation.
   */
  static Series decodeSeries(byte[] bytes, String metric) {
    if (bytes == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int metrics = in.readInt();
      for (int m = 0; m < metrics; m++) {
        String name = in.readUTF();
        int points = in.readInt();
        if (points < 0 || (long) points * 16 > in.available()) {
          return null;
        }
        if (!name.equals(metric)) {
          in.skipNBytes((long) points * 16);
          continue;
        }
        long[] steps = new long[points];
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
          steps[i] = in.readLong();
          values[i] = in.readDouble();
        }
        return new Series(steps, values);
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
