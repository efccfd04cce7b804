package io.mlindex.parsers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model in MLflow's file-store registry, {@code mlruns/models/<name>/meta.yaml}: its fields (name,
 * description, times), tags ({@code tags/}), aliases ({@code aliases/<alias>} holding a version)
 * and the versions it has ({@code version-N/}, each a record of {@link MlflowModelVersionParser}).
 */
public final class MlflowRegisteredModelParser implements DirectoryParser {
  static final Pattern VERSION_DIR = Pattern.compile("version-([0-9]{1,9})");

  @Override
  public String name() {
    return "mlflow-registered-model";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    if (!dir.hasFile(MlflowMeta.FILE) || !"models".equals(parentName(dir.path()))) {
      return false;
    }
    MlflowMeta.Kind kind = MlflowMeta.peek(dir);
    return kind == MlflowMeta.Kind.REGISTERED_MODEL
        || kind == MlflowMeta.Kind.UNREADABLE && dir.dirs().stream().anyMatch(d -> VERSION_DIR.matcher(d).matches());
  }

  static String parentName(Path p) {
    Path parent = p.getParent();
    return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.MODEL, "mlflow", PosixPaths.of(dir.path()));
    Path metaFile = dir.resolve(MlflowMeta.FILE);
    JsonNode meta = MlflowMeta.read(metaFile, r, context.limits().maxReadBytes());
    MlflowMeta.requireFields(meta, metaFile, r, "name");
    MlflowMeta.copyFields(meta, r);
    String name = MlflowMeta.text(meta, "name");
    r.setName(name != null ? name : dir.name());
    if (name != null && !name.equals(dir.name())) {
      r.warn("meta.yaml names the model '" + name + "' but the folder is " + dir.name());
    }
    r.property("registered_model", r.getName());
    r.getTime().setStart(MlflowMeta.millis(meta.get("creation_timestamp")));
    MlflowFolders.readValues(dir.resolve("tags"), r, context, r::tag);
    aliases(dir, r, context);
    List<Long> versions = new ArrayList<>();
    for (String sub : dir.dirs()) {
      Matcher m = VERSION_DIR.matcher(sub);
      if (m.matches()) {
        versions.add(Long.parseLong(m.group(1)));
      }
    }
    versions.sort(null);
    if (!versions.isEmpty()) {
      r.property("versions", versions);
      r.property("version_count", (long) versions.size());
      r.property("latest_version", versions.get(versions.size() - 1));
    }
    return List.of(r);
  }

  /** {@code aliases/<alias>} files hold the version number an alias points at. */
  private static void aliases(DirectoryView dir, Record r, ParseContext context) {
    Map<String, Object> byAlias = new TreeMap<>();
    MlflowFolders.readValues(dir.resolve("aliases"), r, context,
        (alias, version) -> byAlias.put(alias, Numbers.scalar(version.trim())));
    if (!byAlias.isEmpty()) {
      r.property("aliases", new ArrayList<>(byAlias.keySet()));
      byAlias.forEach((alias, version) -> r.property("alias." + alias, version));
    }
  }
}
