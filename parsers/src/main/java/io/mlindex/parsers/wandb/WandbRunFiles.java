package io.mlindex.parsers.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.CodeRef;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The plain files W&B keeps in a run's {@code files/} folder: {@code config.yaml}, {@code
 * wandb-summary.json}, {@code wandb-metadata.json} and {@code requirements.txt}.
 */
final class WandbRunFiles {
  /** Most requirement lines read into code.packages. */
  static final int MAX_PACKAGES = 2000;
  private static final Pattern REQUIREMENT_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*");

  private WandbRunFiles() {}

  /** A regular file (not a link to elsewhere), or null. */
  static Path existing(Path file) {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
  }

  /** Reads {@code config.yaml}: the {@code value} of each key as params; {@code _wandb} into {@code run}. */
  static void config(Path file, Record r, WandbRunInfo run, ParseContext context) {
    r.source(PosixPaths.of(file));
    JsonNode tree;
    try {
      YamlTrees.Result y = YamlTrees.read(file, context.limits().maxReadBytes());
      y.warnings().forEach(w -> r.warn("files/config.yaml: " + w));
      tree = y.tree();
    } catch (IOException e) {
      r.warn("files/config.yaml could not be read: " + e.getMessage());
      return;
    }
    if (!tree.isObject()) {
      r.warn("files/config.yaml is not a mapping; no params were read");
      return;
    }
    run.configRead = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode entry = e.getValue();
      JsonNode value = entry.isObject() && entry.has("value") ? entry.get("value") : entry;
      if (key.equals("_wandb")) {
        run.internal(value);
      } else if (!key.equals("wandb_version")) {
        params(r, key, value);
      }
    }
  }

  /** Config values as params: nested maps flattened with dots, lists kept. */
  static void params(Record r, String key, JsonNode value) {
    Map<String, Object> flat = new LinkedHashMap<>();
    Flatten.into(flat, key, value);
    flat.forEach(r::param);
  }

  /** Reads {@code wandb-summary.json}; null when absent or unreadable (with a warning). */
  static JsonNode summary(Path file, Record r, ParseContext context) {
    r.source(PosixPaths.of(file));
    try {
      JsonNode tree = JsonTrees.read(file, context.limits().maxReadBytes());
      if (tree.isObject()) {
        return tree;
      }
      r.warn("files/wandb-summary.json is not a JSON object; no metrics were read from it");
    } catch (IOException e) {
      r.warn("files/wandb-summary.json could not be read: " + e.getMessage());
    }
    return null;
  }

  /** Reads {@code wandb-metadata.json} into {@code run}. */
  static void metadata(Path file, Record r, WandbRunInfo run, ParseContext context) {
    r.source(PosixPaths.of(file));
    JsonNode m;
    try {
      m = JsonTrees.read(file, context.limits().maxReadBytes());
    } catch (IOException e) {
      r.warn("files/wandb-metadata.json could not be read: " + e.getMessage());
      return;
    }
    if (!m.isObject()) {
      r.warn("files/wandb-metadata.json is not a JSON object");
      return;
    }
    run.program = text(m, "program");
    run.codePath = text(m, "codePath");
    run.gitRemote = text(m.path("git"), "remote");
    run.gitCommit = text(m.path("git"), "commit");
    run.host = text(m, "host");
    run.python = text(m, "python");
    run.os = text(m, "os");
    run.gpu = text(m, "gpu");
    run.gpuCount = m.path("gpu_count").isIntegralNumber() ? m.get("gpu_count").asLong() : null;
    run.cuda = text(m, "cuda");
    run.state = text(m, "state");
    run.startedAt = instant(text(m, "startedAt"));
    if (m.path("args").isArray()) {
      run.args = Flatten.value(m.get("args"));
    }
  }

  /** Reads {@code requirements.txt}: one package name per requirement line into code.packages. */
  static void requirements(Path file, Record r, ParseContext context) {
    r.source(PosixPaths.of(file));
    String text;
    try {
      text = BoundedReads.readString(file, context.limits().maxReadBytes());
    } catch (IOException e) {
      r.warn("files/requirements.txt could not be read: " + e.getMessage());
      return;
    }
    CodeRef code = r.getCode();
    int count = 0;
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith("-")) {
        continue;
      }
      var m = REQUIREMENT_NAME.matcher(t);
      if (m.find()) {
        if (count++ == MAX_PACKAGES) {
          r.warn("files/requirements.txt lists more than " + MAX_PACKAGES + " packages; the rest were not read");
          break;
        }
        CodeRef.addDistinct(code.getPackages(), m.group());
      }
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /** ISO-8601 with or without offset (W&B writes UTC, older versions without the 'Z'). */
  static Instant instant(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** The relative names of the run folder's files (bounded, depth-limited), for the record. */
  static List<String> listing(Path runDir) {
    List<String> out = new java.util.ArrayList<>();
    try (var walk = Files.walk(runDir, 6)) {
      for (Iterator<Path> it = walk.iterator(); it.hasNext() && out.size() < WandbLogItems.MAX_LISTED; ) {
        Path p = it.next();
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(relative(runDir, p));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  static String relative(Path dir, Path file) {
    StringBuilder sb = new StringBuilder();
    for (Path part : dir.relativize(file)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }
}
