package io.mlindex.parsers.gbdt;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * LightGBM text models (what {@code Booster.save_model} writes, under any file name): the header
 * ({@code version}, {@code num_class}, {@code objective}, feature names ...), the number of trees
 * (counted while streaming past them) and the {@code parameters:} section as params. Claimed by
 * content: the file starts with {@code tree} and a {@code version=} line.
 */
public final class LightGbmModelParser implements FileParser {
  private static final int MAX_LINE_BYTES = 8 << 20;
  private static final int MAX_FEATURE_NAMES = 1000;
  /** Inside the trees only line starts matter. */
  private static final int SNIFF_BYTES = 32;
  private static final Set<String> HEADER_KEYS =
      Set.of("version", "num_class", "num_tree_per_iteration", "label_index", "max_feature_idx", "objective");

  @Override
  public String name() {
    return "lightgbm";
  }

  @Override
  public int priority() {
    return 10; // a content match beats generic text readers
  }

  @Override
  public boolean supports(FileCandidate file) {
    String head = file.headText();
    return head.startsWith("tree\nversion=") || head.startsWith("tree\r\nversion=");
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = FileRecords.start(RecordKind.MODEL, "lightgbm", file, context);
    r.property("framework", "lightgbm");
    r.getCode().getFrameworks().add("lightgbm");
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16)) {
      read(new TextLines(in, MAX_LINE_BYTES), r, file.name(), context);
    }
    return List.of(r);
  }

  private enum Section { HEADER, TREES, IMPORTANCES, PARAMETERS, TAIL }

  private static void read(TextLines lines, Record r, String name, ParseContext context) throws IOException {
    Section section = Section.HEADER;
    long trees = 0;
    long lineNo = 0;
    boolean endOfTrees = false;
    boolean endOfParameters = false;
    boolean sawParameters = false;
    String line;
    while ((line = section == Section.TREES ? lines.next(SNIFF_BYTES) : lines.next()) != null) {
      if ((++lineNo & 0x3FFF) == 0) {
        context.checkDeadline();
      }
      if (line.startsWith("Tree=")) {
        section = Section.TREES;
        trees++;
        continue;
      }
      switch (line) {
        case "end of trees" -> {
          endOfTrees = true;
          section = Section.TAIL;
          continue;
        }
        case "feature_importances:" -> {
          section = Section.IMPORTANCES;
          continue;
        }
        case "parameters:" -> {
          sawParameters = true;
          section = Section.PARAMETERS;
          continue;
        }
        case "end of parameters" -> {
          endOfParameters = true;
          section = Section.TAIL;
          continue;
        }
        default -> { }
      }
      if (section == Section.HEADER) {
        header(line, lines.lastWasCut(), r, name);
      } else if (section == Section.PARAMETERS) {
        parameter(line, r);
      }
    }
    r.property("tree_count", trees);
    if (!endOfTrees) {
      r.warn(name + ": no 'end of trees' line; the model is truncated and the tree count covers what is there");
    } else if (sawParameters && !endOfParameters) {
      r.warn(name + ": the parameters section has no end; the file is truncated");
    }
  }

  private static void header(String line, boolean cut, Record r, String name) {
    int eq = line.indexOf('=');
    if (eq <= 0) {
      if (line.equals("average_output")) {
        r.property("average_output", true);
      }
      return;
    }
    String key = line.substring(0, eq);
    String value = line.substring(eq + 1);
    if (HEADER_KEYS.contains(key)) {
      r.property(key, key.equals("version") || key.equals("objective") ? value : Numbers.scalar(value));
    } else if (key.equals("feature_names")) {
      List<String> names = new ArrayList<>();
      long count = tokens(value, names, MAX_FEATURE_NAMES);
      if (cut) {
        r.warn(name + ": the feature_names line is too long; feature names and their count are cut");
      }
      r.property("feature_count", count);
      r.property("feature_names", names);
    } else if (key.equals("feature_infos")) {
      r.property("feature_infos_count", tokens(value, new ArrayList<>(), 0));
    }
  }

  /** Counts space-separated tokens, keeping the first {@code keep} of them. */
  static long tokens(String text, List<String> kept, int keep) {
    long count = 0;
    int start = 0;
    while (start < text.length()) {
      int space = text.indexOf(' ', start);
      int stop = space < 0 ? text.length() : space;
      if (stop > start) {
        if (kept.size() < keep) {
          kept.add(text.substring(start, stop));
        }
        count++;
      }
      start = stop + 1;
    }
    return count;
  }

  /** A {@code [name: value]} line of the parameters section. */
  private static void parameter(String line, Record r) {
    if (!line.startsWith("[") || !line.endsWith("]")) {
      return;
    }
    int colon = line.indexOf(':');
    if (colon <= 1) {
      return;
    }
    String key = line.substring(1, colon).trim();
    String value = line.substring(colon + 1, line.length() - 1);
    r.param(key, Numbers.scalar(value.trim()));
  }
}
