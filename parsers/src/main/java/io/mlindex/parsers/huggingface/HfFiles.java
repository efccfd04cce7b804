package io.mlindex.parsers.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.LineagePaths;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What the Hugging Face file parsers share: reading, naming, model references, weight files. */
final class HfFiles {
  /** Specific file formats outrank generic JSON/YAML/Markdown readers. */
  static final int PRIORITY = 50;

  /** A Hub id: {@code bert-base-uncased} or {@code org/name}. */
  private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");

  /** Weight files that the Trainer and {@code save_pretrained} write into a model folder. */
  private static final Pattern WEIGHTS = Pattern.compile(
      "(model|pytorch_model|adapter_model|tf_model|flax_model)(-\\d+-of-\\d+)?\\.(safetensors|bin|h5|msgpack)");

  /** Most entries of a folder looked at when listing weight files. */
  private static final int MAX_LISTED = 10_000;

  private HfFiles() {}

  /** A record for a file, with its name, size and source set. */
  static Record record(RecordKind kind, String format, FileCandidate file) {
    Record r = new Record(kind, format, PosixPaths.of(file.path()));
    r.setName(folderName(file.path()));
    r.setSize(file.size());
    r.source(r.getPath());
    return r;
  }

  /** The file's JSON object, or null after a warning on the record when it is not one. */
  static JsonNode readObject(FileCandidate file, Record r, ParseContext context) {
    try {
      JsonNode tree = JsonTrees.read(file.path(), context.limits().maxReadBytes());
      if (tree.isObject()) {
        return tree;
      }
      r.warn(file.name() + " is not a JSON object; nothing was read");
    } catch (IOException e) {
      r.warn(file.name() + " could not be read: " + e.getMessage());
    }
    return null;
  }

  /** The name of the folder a file lies in, or the file name at the top of the tree. */
  static String folderName(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null || parent.getFileName() == null ? String.valueOf(file.getFileName()) : parent.getFileName().toString();
  }

  /**
   * A model or dataset reference as a config or card writes it: a Hub id becomes a named reference
   * of {@code kind}; a path becomes a path (see {@link LineagePaths#ref}: relative ones resolved
   * against the declaring file's folder, other machines' paths marked foreign), always uncertain
   * because it was written where the model was trained. Null for nothing.
   */
  static LineageRef reference(String value, String kind, Path declaringDir, String via) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (HUB_ID.matcher(v).matches() && !v.equals(".") && !v.equals("..")) {
      return LineageRef.named(v, kind, via);
    }
    LineageRef path = LineagePaths.ref(v, declaringDir, via);
    return path.uncertain() != null ? path : path.asUncertain();
  }

  /** Model weight files beside a file, as outputs of its record (the checkpoint it describes). */
  static void weightOutputs(Path dir, Record r) {
    if (dir == null) {
      return;
    }
    List<Path> found = new ArrayList<>();
    int seen = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (seen++ >= MAX_LISTED) {
          break;
        }
        if (WEIGHTS.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          found.add(p);
        }
      }
    } catch (IOException e) {
      r.warn("the folder " + dir.getFileName() + " could not be listed: " + e.getMessage());
      return;
    }
    found.sort(null);
    found.forEach(p -> r.getLineage().output(LineageRef.path(PosixPaths.of(p), "checkpoint")));
  }

  /** The text of a JSON scalar, or null for anything else. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }
}
