package io.mlindex.parsers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code meta.yaml} files of an MLflow file store. Runs, experiments, registered models, model
 * versions, datasets and run inputs all use that one file name; which one a folder holds is told
 * by its keys and its place in the tree.
 */
final class MlflowMeta {
  static final String FILE = "meta.yaml";
  /** A claim check reads at most this much of a meta.yaml (they are a few hundred bytes). */
  private static final long PEEK_BYTES = 256 * 1024;
  /** Ids MLflow generates (run ids, dataset ids); anything else is not used to build a path. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,40}");

  private MlflowMeta() {}

  /** What a meta.yaml describes, told by its keys. */
  enum Kind {
    RUN,
    EXPERIMENT,
    REGISTERED_MODEL,
    MODEL_VERSION,
    /** Some other meta.yaml (a conda recipe, an MLflow 3 logged model, a dataset). */
    OTHER,
    /** The file could not be read or is not a mapping. */
    UNREADABLE
  }

  /** Reads a folder's meta.yaml for a claim decision; never throws. */
  static Kind peek(DirectoryView dir) {
    try {
      JsonNode tree = YamlTrees.read(dir.resolve(FILE), PEEK_BYTES).tree();
      return tree.isObject() ? kindOf(tree) : Kind.UNREADABLE;
    } catch (IOException | RuntimeException e) {
      return Kind.UNREADABLE;
    }
  }

  static Kind kindOf(JsonNode meta) {
    if (meta.has("model_id")) {
      return Kind.OTHER; // an MLflow 3 logged model
    }
    if (meta.has("run_uuid")) {
      return Kind.RUN;
    }
    if (meta.has("version") && (meta.has("source") || meta.has("current_stage"))) {
      return Kind.MODEL_VERSION;
    }
    if (meta.has("run_id")) {
      return Kind.RUN;
    }
    if (meta.has("digest") || meta.has("source_id")) {
      return Kind.OTHER; // a dataset or a run input
    }
    if (meta.has("experiment_id") || meta.has("artifact_location") && meta.has("lifecycle_stage")) {
      return Kind.EXPERIMENT;
    }
    if (meta.has("name") && (meta.has("creation_timestamp") || meta.has("last_updated_timestamp"))) {
      return Kind.REGISTERED_MODEL;
    }
    return Kind.OTHER;
  }

  /** Reads a meta.yaml into a record's sources; damage becomes a warning and an empty mapping. */
  static JsonNode read(Path file, Record r, long limit) {
    r.source(PosixPaths.of(file));
    if (!Files.isRegularFile(file)) {
      r.warn(file.getFileName() + " is missing");
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      YamlTrees.Result y = YamlTrees.read(file, limit);
      y.warnings().forEach(r::warn);
      if (y.tree().isObject()) {
        return y.tree();
      }
      r.warn(where(file) + " is not a mapping of fields");
    } catch (IOException e) {
      r.warn(where(file) + " could not be read: " + e.getMessage());
    }
    return JsonNodeFactory.instance.objectNode();
  }

  /** Copies every scalar or list field of a meta.yaml into the record's properties, under its own key. */
  static void copyFields(JsonNode meta, Record r) {
    for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isObject() || v.isArray() && v.isEmpty()) {
        continue;
      }
      r.property(e.getKey(), Flatten.value(v));
    }
  }

  /** Warns for each expected field the meta.yaml lacks. */
  static void requireFields(JsonNode meta, Path file, Record r, String... fields) {
    for (String f : fields) {
      if (!meta.hasNonNull(f)) {
        r.warn(where(file) + " has no '" + f + "'");
      }
    }
  }

  /** The last two path components, enough to tell which meta.yaml a warning is about. */
  static String where(Path file) {
    Path parent = file.getParent();
    Path dir = parent == null ? null : parent.getFileName();
    return (dir == null ? "" : dir + "/") + file.getFileName();
  }

  /** Whether an id from a file may be used as a folder name. */
  static boolean isSafeId(String id) {
    return id != null && SAFE_ID.matcher(id).matches() && !id.contains("..");
  }

  static boolean isDigits(String s) {
    return s != null && DIGITS.matcher(s).matches();
  }

  static boolean isDirectory(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  /** Epoch milliseconds as an instant; null for absent, zero or negative values. */
  static Instant millis(JsonNode v) {
    if (v == null || !v.canConvertToLong() || v.asLong() <= 0) {
      return null;
    }
    return Instant.ofEpochMilli(v.asLong());
  }

  /** Whether the path lies in MLflow's {@code .trash} folder (a deleted experiment). */
  static boolean isUnderTrash(Path p) {
    for (Path q = p; q != null; q = q.getParent()) {
      if (q.getFileName() != null && q.getFileName().toString().equals(".trash")) {
        return true;
      }
    }
    return false;
  }

  static String text(JsonNode node, String field) {
    return MlflowRunParser.text(node, field, null);
  }
}
