package io.mlindex.parsers.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.PythonSource;
import io.mlindex.parsers.util.TomlTrees;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The params and metrics files a DVC project names, read once per parse whatever their format:
 * YAML (the default), JSON, TOML, or Python (top-level literal assignments, as DVC reads them).
 * Several records may use one file; each gets the file as a source and its warnings.
 */
final class ValueFiles {
  /** What one file held: its tree, or the reason it has none. */
  record Content(Path file, JsonNode tree, List<String> warnings, boolean missing) {
    boolean readable() {
      return tree != null;
    }
  }

  private final ParseContext context;
  private final Map<Path, Content> cache = new HashMap<>();

  ValueFiles(ParseContext context) {
    this.context = context;
  }

  /** The file's content; a missing file is reported as such, not as a warning. */
  Content load(Path file) {
    Path key = file.toAbsolutePath().normalize();
    return cache.computeIfAbsent(key, this::read);
  }

  /**
   * Loads the file for a record: lists it as a source when it exists and passes on its warnings.
   * Returns the tree, or null when there is none.
   */
  JsonNode loadFor(Path file, Record r) {
    Content c = load(file);
    if (!c.missing()) {
      r.source(PosixPaths.of(c.file()));
    }
    c.warnings().forEach(r::warn);
    return c.tree();
  }

  private Content read(Path file) {
    List<String> warnings = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return new Content(file, null, warnings, true);
    }
    long limit = context.limits().maxReadBytes();
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      JsonNode tree;
      if (name.endsWith(".json")) {
        tree = JsonTrees.read(file, limit);
      } else if (name.endsWith(".toml")) {
        tree = TomlTrees.read(file, limit);
      } else if (name.endsWith(".py")) {
        String code = BoundedReads.readString(file, limit);
        tree = JsonTrees.mapper().valueToTree(PythonSource.literalAssignments(code));
      } else {
        YamlTrees.Result y = YamlTrees.read(file, limit);
        warnings.addAll(y.warnings());
        tree = y.tree();
      }
      return new Content(file, tree, warnings, false);
    } catch (IOException e) {
      warnings.add(file.getFileName() + " could not be read: " + e.getMessage());
      return new Content(file, null, warnings, false);
    }
  }
}
