package io.mlindex.parsers.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Cheap looks at the first bytes of a text data file: is it text at all, which delimiter. */
final class TextSniff {
  /** Delimiters tried for {@code .csv}, in order of preference on a tie. */
  private static final int[] CSV_DELIMITERS = {',', ';', '\t', '|'};

  private static final int SNIFF_RECORDS = 50;

  private TextSniff() {}

  /** Whether the bytes start with a UTF-16 byte-order mark. */
  static boolean isUtf16(byte[] head) {
    return head.length >= 2
        && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
            || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF));
  }

  /**
   * Whether the bytes look binary rather than text: a NUL byte, or more than one in twenty bytes
   * being control characters other than tab, line ends and form feed.
   */
  static boolean isBinary(byte[] head) {
    int control = 0;
    for (byte b : head) {
      int c = b & 0xFF;
      if (c == 0) {
        return true;
      }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
        control++;
      }
    }
    return control * 20 > head.length;
  }

  /**
   * The delimiter of a CSV file: the candidate that splits the sampled records into the same
   * number (at least two) of fields most often, quotes respected. A comma when none does.
   *
   * @param cut whether the head stops inside the file (then its last record may be partial)
   */
  static int csvDelimiter(byte[] head, boolean cut) {
    int best = ',';
    int bestAgreeing = 0;
    int bestFields = 1;
    for (int d : CSV_DELIMITERS) {
      Map<Integer, Integer> counts = fieldCounts(head, d, cut);
      int agreeing = 0;
      int fields = 1;
      for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
        if (e.getKey() >= 2
            && (e.getValue() > agreeing || e.getValue() == agreeing && e.getKey() > fields)) {
          agreeing = e.getValue();
          fields = e.getKey();
        }
      }
      if (agreeing > bestAgreeing || agreeing == bestAgreeing && agreeing > 0 && fields > bestFields) {
        best = d;
        bestAgreeing = agreeing;
        bestFields = fields;
      }
    }
    return best;
  }

  /** How many sampled records have each number of fields. */
  private static Map<Integer, Integer> fieldCounts(byte[] head, int delimiter, boolean cut) {
    Map<Integer, Integer> counts = new HashMap<>();
    RecordScanner s =
        new RecordScanner(new ByteArrayInputStream(head), delimiter, true, 0, 0, Long.MAX_VALUE, () -> { });
    try {
      int seen = 0;
      Integer previous = null;
      while (seen < SNIFF_RECORDS && s.next(false)) {
        if (s.blank()) {
          continue;
        }
        if (previous != null) {
          counts.merge(previous, 1, Integer::sum);
        }
        previous = s.fieldCount();
        seen++;
      }
      boolean lastIsWhole = !cut || seen == SNIFF_RECORDS;
      if (previous != null && (lastIsWhole || counts.isEmpty())) {
        counts.merge(previous, 1, Integer::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return counts;
  }

  /** How a delimiter is shown in a record: the character, or a name for the invisible ones. */
  static String delimiterName(int delimiter) {
    return delimiter == '\t' ? "tab" : String.valueOf((char) delimiter);
  }
}
