package io.mlindex.parsers.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .dvc} file. Written by {@code dvc add}/{@code dvc import} it points at tracked data
 * (kind dataset: each output's path, md5 and size; an import's source repository as input). A
 * legacy single-stage file (DVC before 1.0, also {@code Dvcfile}) has a {@code cmd} and is a
 * stage (kind stage) with its deps and outs; outputs it marks as metrics are read when present.
 * Paths are relative to the file's folder and its {@code wdir}.
 */
public final class DvcFileParser implements FileParser {
  /** .dvc files are small; a big one is not a DVC file. */
  private static final long MAX_SIZE = 4L << 20;

  @Override
  public String name() {
    return "dvc-file";
  }

  @Override
  public boolean supports(FileCandidate file) {
    String n = file.name();
    return file.size() <= MAX_SIZE && ((n.endsWith(".dvc") && n.length() > 4) || n.equals("Dvcfile"));
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Path path = file.path();
    String posix = PosixPaths.of(path);
    JsonNode tree;
    List<String> warnings = new ArrayList<>();
    try {
      YamlTrees.Result y = YamlTrees.read(path, context.limits().maxReadBytes());
      warnings.addAll(y.warnings());
      tree = y.tree();
    } catch (IOException e) {
      Record r = base(RecordKind.DATASET, path, posix, file);
      r.warn(e.getMessage());
      return List.of(r);
    }
    boolean stage = tree.isObject() && tree.has("cmd");
    Record r = base(stage ? RecordKind.STAGE : RecordKind.DATASET, path, posix, file);
    warnings.forEach(r::warn);
    if (!tree.isObject()) {
      r.warn(file.name() + " is not a DVC file: its top level is not a mapping");
      return List.of(r);
    }
    Path folder = path.toAbsolutePath().getParent();
    String wdir = text(tree, "wdir");
    Path work = wdir == null ? folder : folder.resolve(wdir.replace('\\', '/')).normalize();
    List<DvcEntry> outs = entries(tree.get("outs"), "outs", r);
    List<DvcEntry> deps = entries(tree.get("deps"), "deps", r);
    deps.forEach(d -> r.getLineage().input(d.toRef(work, "deps")));
    outs.forEach(o -> r.getLineage().output(o.toRef(work, "outs")));
    r.property("md5", text(tree, "md5"));
    r.property("wdir", wdir);
    if (tree.path("frozen").asBoolean(false) || tree.path("locked").asBoolean(false)) {
      r.property("frozen", true);
    }
    if (stage) {
      r.property("cmd", LockFile.command(tree.get("cmd")));
      r.property("source", "legacy single-stage .dvc file");
      legacyMetrics(outs, work, r, context);
    } else {
      dataset(r, outs, tree);
    }
    if (outs.isEmpty()) {
      r.warn(file.name() + " lists no outputs");
    }
    return List.of(r);
  }

  private static Record base(RecordKind kind, Path path, String posix, FileCandidate file) {
    Record r = new Record(kind, DvcProjectParser.FORMAT, posix);
    String n = file.name();
    r.setName(n.endsWith(".dvc") ? n.substring(0, n.length() - 4) : n);
    r.source(posix);
    return r;
  }

  /** The tracked data's hash and size on the record itself when the file tracks one output. */
  private static void dataset(Record r, List<DvcEntry> outs, JsonNode tree) {
    if (outs.size() == 1) {
      DvcEntry o = outs.get(0);
      r.setHash(o.hash());
      r.setSize(o.size());
      r.property("nfiles", o.nfiles());
      r.property("data_path", r.getLineage().getOutputs().get(0).target());
    }
    JsonNode first = tree.path("outs").path(0);
    r.property("desc", text(first, "desc"));
    r.property("type", text(first, "type"));
    if (tree.has("deps")) {
      r.property("imported", true);
    }
  }

  /** Outputs a legacy stage marks {@code metric: true}: their numbers become the stage's metrics. */
  private static void legacyMetrics(List<DvcEntry> outs, Path work, Record r, ParseContext context) {
    ValueFiles files = new ValueFiles(context);
    for (DvcEntry o : outs) {
      if (o.metric() && !o.isUrl() && !o.path().startsWith("/")) {
        Path file = work.resolve(o.path().replace('\\', '/')).normalize();
        MetricValues.into(r, files.loadFor(file, r), file);
      }
    }
  }

  private static List<DvcEntry> entries(JsonNode list, String field, Record r) {
    List<DvcEntry> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      r.warn(field + " is not a list and was skipped");
      return out;
    }
    for (JsonNode item : list) {
      DvcEntry e = DvcEntry.fromLocked(item);
      if (e == null) {
        r.warn("an entry of " + field + " has no path and was skipped");
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
  }
}
