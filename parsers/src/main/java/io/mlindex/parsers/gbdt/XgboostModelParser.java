package io.mlindex.parsers.gbdt;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

/**
 * XGBoost models saved as JSON or UBJSON ({@code {"learner": {...}, "version": [...]}}), claimed by
 * content under any name. Both encodings are streamed into a bounded tree, so tree arrays of any
 * size are counted without being held.
 */
public final class XgboostModelParser implements FileParser {
  private static final Pattern JSON_START = Pattern.compile("^\\s*\\{\\s*\"(learner|version)\"\\s*:");

  @Override
  public String name() {
    return "xgboost";
  }

  @Override
  public int priority() {
    return 10; // a content match beats generic JSON readers
  }

  @Override
  public boolean supports(FileCandidate file) {
    return isUbjson(file.head()) || isJson(file);
  }

  private static boolean isJson(FileCandidate file) {
    String head = file.headText();
    if (!JSON_START.matcher(head).find()) {
      return false;
    }
    return head.contains("\"gradient_booster\"") || head.contains("\"learner_model_param\"")
        || head.contains("\"learner_train_param\"") || (file.hasExtension(".json") && head.contains("\"learner\""));
  }

  /** UBJSON starting with the key "learner" (XGBoost writes keys sorted, with any integer length marker). */
  static boolean isUbjson(byte[] h) {
    if (h.length < 12 || h[0] != '{') {
      return false;
    }
    int width = switch (h[1]) {
      case 'i', 'U' -> 1;
      case 'I' -> 2;
      case 'l' -> 4;
      case 'L' -> 8;
      default -> -1;
    };
    if (width < 0 || h.length < 2 + width + 7) {
      return false;
    }
    long len = 0;
    for (int i = 0; i < width; i++) {
      len = (len << 8) | (h[2 + i] & 0xFF);
    }
    return len == 7 && new String(h, 2 + width, 7, StandardCharsets.ISO_8859_1).equals("learner");
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = FileRecords.start(RecordKind.MODEL, "xgboost", file, context);
    r.property("framework", "xgboost");
    r.getCode().getFrameworks().add("xgboost");
    boolean binary = isUbjson(file.head());
    r.property("encoding", binary ? "ubjson" : "json");
    BoundedTree tree;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16)) {
      tree = binary ? UbjsonReader.read(in, file.size(), context) : JsonModelReader.read(in, context);
    } catch (IOException e) {
      r.warn("could not read " + file.name() + " as " + (binary ? "UBJSON" : "JSON") + ": " + e.getMessage());
      return List.of(r);
    }
    XgboostFacts.describe(tree, r, file.name());
    return List.of(r);
  }
}
