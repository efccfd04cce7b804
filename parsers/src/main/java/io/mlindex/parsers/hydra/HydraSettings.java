package io.mlindex.parsers.hydra;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading Hydra's own files: YAML as plain data (interpolations such as {@code ${hydra:runtime.cwd}}
 * stay the text they are), and the facts of the {@code hydra:} section that say what ran where.
 */
final class HydraSettings {
  /** Hydra's placeholder for a value that was never set. */
  private static final String MISSING = "???";
  /** The default run and sweep folders are named after the local date and time. */
  private static final Pattern LOCAL_TIME =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[/\\\\_ T](\\d{2})[-:.](\\d{2})[-:.](\\d{2})");

  private HydraSettings() {}

  /** A YAML file as a tree, or null with a warning naming it when it cannot be read. */
  static JsonNode read(Path file, String label, Record r, long limit) {
    try {
      YamlTrees.Result y = YamlTrees.read(file, limit);
      y.warnings().forEach(w -> r.warn(label + ": " + w));
      return y.tree();
    } catch (IOException e) {
      r.warn(label + " could not be read: " + e.getMessage());
      return null;
    }
  }

  /** Flattened params from a config tree, leaving out the {@code hydra} section. */
  static void params(JsonNode config, Record r, String label) {
    if (config == null) {
      return;
    }
    if (!config.isObject()) {
      if (!config.isNull()) {
        r.warn(label + " is not a mapping; it was not read as params");
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("hydra")) {
        Flatten.into(r.getParams(), e.getKey(), e.getValue());
      }
    }
  }

  /** Properties from a {@code hydra:} section (of hydra.yaml or multirun.yaml); the job name also names the record. */
  static void facts(JsonNode hydra, Record r) {
    if (hydra == null || !hydra.isObject()) {
      return;
    }
    String job = text(hydra.path("job").path("name"));
    r.property("job_name", job);
    if (job != null) {
      r.setName(job);
    }
    r.property("mode", text(hydra.path("mode")));
    r.property("run_dir", text(hydra.path("run").path("dir")));
    r.property("sweep_dir", text(hydra.path("sweep").path("dir")));
    r.property("config_name", text(hydra.path("job").path("config_name")));
    r.property("override_dirname", text(hydra.path("job").path("override_dirname")));
    r.property("job_num", Flatten.value(known(hydra.path("job").path("num"))));
    r.property("job_id", text(hydra.path("job").path("id")));
    r.property("hydra_version", text(hydra.path("runtime").path("version")));
    r.property("output_dir", text(hydra.path("runtime").path("output_dir")));
    r.property("runtime_cwd", text(hydra.path("runtime").path("cwd")));
    JsonNode task = hydra.path("overrides").path("task");
    if (task.isArray()) {
      r.property("task_overrides", strings(task));
    }
    hydra.path("runtime").path("choices").fields().forEachRemaining(c -> {
      if (!c.getKey().equals("hydra") && !c.getKey().startsWith("hydra/")) {
        r.property("choices." + c.getKey(), Flatten.value(c.getValue()));
      }
    });
  }

  /** The local date and time in a Hydra-style folder path ({@code 2022-10-05/18-16-22}), ISO-8601 without zone. */
  static String localStart(String... paths) {
    for (String p : paths) {
      if (p == null) {
        continue;
      }
      String last = null;
      Matcher m = LOCAL_TIME.matcher(p);
      while (m.find()) {
        last = m.group(1) + "T" + m.group(2) + ":" + m.group(3) + ":" + m.group(4);
      }
      if (last != null) {
        return last;
      }
    }
    return null;
  }

  static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.isValueNode() ? n.asText() : n.toString()));
    return out;
  }

  private static JsonNode known(JsonNode n) {
    return n.isTextual() && n.asText().equals(MISSING) ? null : n;
  }

  static String text(JsonNode n) {
    if (n == null || !n.isValueNode() || n.isNull()) {
      return null;
    }
    String s = n.asText();
    return s.equals(MISSING) ? null : s;
  }
}
