package io.mlindex.parsers.documents;

import io.mlindex.parsers.FileCandidate;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text that reads as prose ({@code .txt}, {@code .text}, {@code .rst}, {@code .log}: notes,
 * reports, model summaries, training logs) as a document. Selective, because an ML tree is full of
 * {@code .txt} files that are data or configuration: dependency lists, tokenizer vocabularies and
 * merges, label lists and number matrices are skipped by name or because no line of their first
 * bytes holds three words. Files above {@code limits.max_read_bytes} are skipped (big logs and
 * dumps are not documents).
 */
public final class TextDocumentParser extends DocumentParser {
  /** File names (lower case, without extension) that hold data or configuration, not prose. */
  private static final Pattern NOT_PROSE_NAMES =
      Pattern.compile(
          "(requirements.*|constraints.*|.*vocab.*|merges|.*labels?|classes|class_names|dict.*|tokens?"
              + "|stopwords|cmakelists|robots|.*_model|model)");

  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'-]*");

  private static final int MIN_WORDS_PER_LINE = 3;

  @Override
  String format() {
    return "text";
  }

  @Override
  String mediaType() {
    return "text/plain";
  }

  @Override
  boolean recordWhenTooLarge() {
    return false;
  }

  @Override
  public boolean supports(FileCandidate file) {
    if (!file.hasExtension(".txt", ".text", ".rst", ".log") || inCheckpointFolder(file)) {
      return false;
    }
    String n = file.lowerName();
    String stem = n.substring(0, n.lastIndexOf('.'));
    if (NOT_PROSE_NAMES.matcher(stem).matches()) {
      return false;
    }
    return readsAsProse(file.head());
  }

  /** No NUL byte, and some line of the head holds at least three words. */
  static boolean readsAsProse(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return false;
      }
    }
    String text = new String(head, StandardCharsets.UTF_8);
    for (String line : text.split("\n", 200)) {
      int words = 0;
      Matcher m = WORD.matcher(line.toLowerCase(Locale.ROOT));
      while (m.find() && words < MIN_WORDS_PER_LINE) {
        words++;
      }
      if (words >= MIN_WORDS_PER_LINE) {
        return true;
      }
    }
    return false;
  }
}
