package io.mlindex.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads {@link Settings} in one documented order: built-in defaults, then the settings file, then
 * {@code MLINDEX_*} environment variables, then {@code -Dmlindex.*} system properties; the last one
 * wins. Every problem is collected and reported in one {@link SettingsException}.
 *
 * <p>Scalar keys map to variables by upper-casing and replacing dots: {@code server.port} is
 * {@code MLINDEX_SERVER_PORT} and {@code -Dmlindex.server.port}. {@code MLINDEX_TOKEN} is a
 * shorthand for {@code server.token}; {@code MLINDEX_HOME} moves the default index.
 */
public final class SettingsLoader {
  /** Keys that may be set from the environment or system properties. */
  static final List<String> SCALAR_KEYS =
      List.of(
          "index",
          "server.bind",
          "server.port",
          "server.token",
          "crawl.schedule",
          "crawl.quiet_period",
          "crawl.checkpoint_records",
          "crawl.history_versions",
          "limits.max_read_bytes",
          "limits.max_text_chars",
          "limits.parse_timeout",
          "limits.hash_full_bytes");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final FileSystem fs;
  private final Path workingDir;
  private final Path userHome;
  private final Map<String, String> env;
  private final Map<String, String> systemProperties;

  /**
   * @param workingDir relative paths given outside a settings file resolve against this
   * @param userHome where {@code ~/.mlindex} lives
   */
  public SettingsLoader(
      Path workingDir, Path userHome, Map<String, String> env, Map<String, String> systemProperties) {
    this.fs = workingDir.getFileSystem();
    this.workingDir = workingDir;
    this.userHome = userHome;
    this.env = Map.copyOf(env);
    this.systemProperties = Map.copyOf(systemProperties);
  }

  /** Loads the defaults, the optional file, then the environment and system properties. */
  public Settings load(Path file) throws SettingsException {
    ObjectNode tree = defaults();
    String source = "the built-in defaults";
    Path base = workingDir;
    if (file != null) {
      source = file.toString();
      merge(tree, readFile(file));
      Path parent = file.toAbsolutePath().getParent();
      base = parent == null ? workingDir : parent;
    }
    List<Problem> problems = new ArrayList<>();
    applyOverrides(tree, problems);
    if (file == null && (hasEnvOverrides() || hasPropertyOverrides())) {
      source = "the environment and system properties";
    }
    Settings settings = bind(tree, base, problems);
    if (!problems.isEmpty()) {
      throw new SettingsException(source, problems);
    }
    return settings;
  }

  private static ObjectNode defaults() {
    try (InputStream in = SettingsLoader.class.getResourceAsStream("defaults.yaml")) {
      if (in == null) {
        throw new IllegalStateException("defaults.yaml is missing from the mlindex-config jar");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode readFile(Path file) throws SettingsException {
    String source = file.toString();
    JsonNode node;
    try (InputStream in = Files.newInputStream(file)) {
      node = YAML.readTree(in);
    } catch (NoSuchFileException e) {
      throw new SettingsException(source, List.of(new Problem("", "the file does not exist")));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SettingsException(
          source, List.of(new Problem("", "syntax error" + where + ": " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new SettingsException(source, List.of(new Problem("", "cannot be read: " + e)));
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      throw new SettingsException(
          source, List.of(new Problem("", "must be a mapping of keys (index, roots, server, ...)")));
    }
    return (ObjectNode) node;
  }

  private static void merge(ObjectNode into, ObjectNode from) {
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
        merge(target, source);
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }

  private boolean hasEnvOverrides() {
    return SCALAR_KEYS.stream().anyMatch(k -> env.containsKey(envName(k))) || env.containsKey("MLINDEX_TOKEN");
  }

  private boolean hasPropertyOverrides() {
    return systemProperties.keySet().stream().anyMatch(k -> k.startsWith("mlindex."));
  }

  static String envName(String key) {
    return "MLINDEX_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private void applyOverrides(ObjectNode tree, List<Problem> problems) {
    if (env.containsKey("MLINDEX_TOKEN")) {
      set(tree, "server.token", env.get("MLINDEX_TOKEN"));
    }
    for (String key : SCALAR_KEYS) {
      String v = env.get(envName(key));
      if (v != null) {
        set(tree, key, v);
      }
    }
    for (Map.Entry<String, String> p : systemProperties.entrySet()) {
      if (!p.getKey().startsWith("mlindex.")) {
        continue;
      }
      String key = p.getKey().substring("mlindex.".length());
      if (SCALAR_KEYS.contains(key)) {
        set(tree, key, p.getValue());
      } else {
        problems.add(
            new Problem(
                "-D" + p.getKey(), "is not a setting; settable keys are mlindex." + String.join(", mlindex.", SCALAR_KEYS)));
      }
    }
  }

  private static void set(ObjectNode tree, String dotted, String value) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  private Settings bind(ObjectNode tree, Path base, List<Problem> problems) {
    SettingsTree reader = new SettingsTree();
    SettingsTree.Section top = reader.new Section("", tree);

    Path index = path(top, "index", base, null);
    if (index == null) {
      String home = env.get("MLINDEX_HOME");
      index = home != null && !home.isBlank() ? fs.getPath(home).resolve("index") : userHome.resolve(".mlindex").resolve("index");
    }

    SettingsTree.Section crawlSection = top.section("crawl");
    CrawlSettings crawl =
        new CrawlSettings(
            cron(crawlSection, "schedule", "0 0/15 * * * ?"),
            crawlSection.duration("quiet_period", java.time.Duration.ZERO),
            crawlSection.integer("checkpoint_records", 5000, 1, Integer.MAX_VALUE),
            crawlSection.integer("history_versions", 10, 0, 1000));
    crawlSection.finish();

    List<RootSettings> roots = new ArrayList<>();
    for (SettingsTree.Section r : top.sections("roots")) {
      Path path = path(r, "path", base, null);
      if (path == null) {
        r.problem("path", "is required: the folder to crawl");
      }
      List<String> include = globs(r, "include");
      List<String> exclude = globs(r, "exclude");
      String schedule = r.has("schedule") ? cron(r, "schedule", null) : null;
      java.time.Duration quiet = r.duration("quiet_period", crawl.quietPeriod());
      r.finish();
      if (path != null) {
        roots.add(new RootSettings(path, include, exclude, schedule, quiet));
      }
    }

    SettingsTree.Section s = top.section("server");
    String bind = s.string("bind", "127.0.0.1");
    int port = s.integer("port", 7700, 0, 65535);
    String token = s.string("token", null);
    if (token != null && token.isBlank()) {
      token = null;
    }
    if (token != null && token.length() < 16) {
      s.problem("token", "is too short to be safe; please use at least 16 characters (for example: openssl rand -hex 24)");
    }
    ServerSettings server = new ServerSettings(bind, port, token, s.strings("cors_origins"));
    s.finish();

    SettingsTree.Section l = top.section("limits");
    ParseLimits limits =
        new ParseLimits(
            l.size("max_read_bytes", 64L << 20),
            l.integer("max_text_chars", 1_000_000, 1000, Integer.MAX_VALUE),
            l.duration("parse_timeout", java.time.Duration.ofSeconds(60)),
            l.size("hash_full_bytes", 1L << 30));
    l.finish();

    SettingsTree.Section red = top.section("redaction");
    List<String> patterns = red.strings("extra_patterns");
    for (int i = 0; i < patterns.size(); i++) {
      try {
        Pattern.compile(patterns.get(i));
      } catch (PatternSyntaxException e) {
        red.problem("extra_patterns[" + i + "]", "is not a valid regular expression: " + e.getDescription());
      }
    }
    RedactionSettings redaction = new RedactionSettings(patterns, red.strings("allow"));
    red.finish();

    top.finish();
    problems.addAll(reader.problems());
    return new Settings(index, roots, server, crawl, limits, redaction);
  }

  private Path path(SettingsTree.Section section, String name, Path base, Path fallback) {
    String raw = section.string(name, null);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      String expanded = raw.equals("~") || raw.startsWith("~/") ? userHome + raw.substring(1) : raw;
      return base.resolve(expanded).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      section.problem(name, "'" + raw + "' is not a valid path: " + e.getReason());
      return fallback;
    }
  }

  private static List<String> globs(SettingsTree.Section section, String name) {
    List<String> globs = section.strings(name);
    for (int i = 0; i < globs.size(); i++) {
      if (globs.get(i).isBlank()) {
        section.problem(name + "[" + i + "]", "is empty; please give a glob such as **/*.ipynb");
      }
    }
    return globs;
  }

  /** Checks the shape of a Quartz cron expression: 6 or 7 fields, seconds first. */
  private static String cron(SettingsTree.Section section, String name, String fallback) {
    String v = section.string(name, fallback);
    if (v == null) {
      return null;
    }
    int fields = v.trim().split("\\s+").length;
    if (fields < 6 || fields > 7) {
      section.problem(
          name,
          "'" + v + "' is not a Quartz cron expression: it needs 6 or 7 fields (seconds minutes hours"
              + " day-of-month month day-of-week [year]), for example \"0 0/15 * * * ?\"");
      return fallback;
    }
    return v.trim();
  }
}
