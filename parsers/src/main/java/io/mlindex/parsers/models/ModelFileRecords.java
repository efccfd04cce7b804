package io.mlindex.parsers.models;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;

/** The parts every model-file record shares: identity, name, size, source and content hash. */
public final class ModelFileRecords {
  /** Strings longer than this are cut when kept as a property (chat templates, doc strings). */
  public static final int MAX_PROPERTY_CHARS = 4096;

  private ModelFileRecords() {}

  /** A record of this kind and format for the file, with name, size, source and hash. */
  public static Record start(RecordKind kind, String format, FileCandidate file, ParseContext context) {
    return FileRecords.start(kind, format, file, context);
  }

  /** A model record of this format. */
  public static Record startModel(String format, FileCandidate file, ParseContext context) {
    return start(RecordKind.MODEL, format, file, context);
  }

  /** Text cut to {@link #MAX_PROPERTY_CHARS}, marked with an ellipsis when cut. */
  public static String cut(String text) {
    if (text == null || text.length() <= MAX_PROPERTY_CHARS) {
      return text;
    }
    return text.substring(0, MAX_PROPERTY_CHARS) + "…";
  }

  /** The product of dimensions, or -1 when a dimension is negative or the product overflows. */
  public static long elements(long[] dims) {
    long n = 1;
    for (long d : dims) {
      if (d < 0) {
        return -1;
      }
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return n;
  }

  /** a + b, saturating at Long.MAX_VALUE. */
  public static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }
}
