package io.mlindex.parsers.redact;

import io.mlindex.config.RedactionSettings;
import io.mlindex.parsers.ParseContext;
import io.mlindex.record.CodeRef;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replaces secret-looking values by {@code [REDACTED:<kind>]} in every field of a record that holds
 * harvested content: name, experiment, params (keys and values), tags, properties, metric names,
 * code refs (git branch and remote, script, imports, packages), lineage paths, references and
 * calls, warnings and text. Values under secret-looking names ({@code password}, {@code
 * db.password}, {@code WANDB_API_KEY}, ...) are replaced whole, whatever they look like; elsewhere
 * the shapes of {@link SecretPatterns} and the configured extra patterns are searched. The record
 * gets one warning saying how many values were redacted and where (field and line), never the
 * values. Identity fields (id, path, root, sources, hash) are left as they are: they name files
 * and content, and the crawl depends on them.
 *
 * <p>The crawler applies this to every record before it is indexed; it cannot be switched off,
 * only extended (extra patterns) and narrowed for known non-secrets (the allow-list).
 */
public final class SecretRedactor {
  private static final int MAX_LOCATIONS = 20;
  private static final int MAX_DEPTH = 8;
  /** A replacement already made: it says nothing about the value next to it. */
  private static final Pattern REDACTED = Pattern.compile("\\[REDACTED:[a-z0-9-]*\\]");

  private final SecretScanner scanner;
  private final List<String> problems = new ArrayList<>();

  public SecretRedactor(RedactionSettings settings) {
    RedactionSettings s = settings == null ? RedactionSettings.none() : settings;
    List<Pattern> extra = new ArrayList<>();
    for (int i = 0; i < s.extraPatterns().size(); i++) {
      try {
        extra.add(Pattern.compile(s.extraPatterns().get(i)));
      } catch (PatternSyntaxException e) {
        problems.add("redaction.extra_patterns[" + i + "] is not a valid regular expression and was ignored: "
            + e.getDescription());
      }
    }
    this.scanner = new SecretScanner(extra, new HashSet<>(s.allow()));
  }

  /** The redactor for a parse: the context's {@link RedactionSettings}, or the built-in rules alone. */
  public static SecretRedactor of(ParseContext context) {
    return new SecretRedactor(context.get(RedactionSettings.class, RedactionSettings.none()));
  }

  /** The text with its secrets replaced. */
  public String redact(String text) {
    return scanner.scan(text).text();
  }

  /** Redacts the record in place; returns how many values were replaced. */
  public int redact(Record r) {
    Pass pass = new Pass();
    r.setName(pass.text("name", r.getName()));
    r.setExperiment(pass.text("experiment", r.getExperiment()));
    Map<String, String> renamed = new LinkedHashMap<>();
    pass.map("params", r.getParams(), renamed);
    Map<String, String> sources = new LinkedHashMap<>();
    r.getParamsSource().forEach((k, v) -> sources.put(renamed.getOrDefault(k, k), v));
    r.getParamsSource().clear();
    r.getParamsSource().putAll(sources);
    pass.stringMap("tags", r.getTags());
    pass.map("properties", r.getProperties(), new LinkedHashMap<>());
    pass.keys("metrics", r.getMetrics());
    code(pass, r.getCode());
    lineage(pass, "lineage.inputs", r.getLineage().getInputs());
    lineage(pass, "lineage.outputs", r.getLineage().getOutputs());
    pass.list("warnings", r.getWarnings());
    r.setText(pass.text("text", r.getText()));
    problems.forEach(r::warn);
    if (pass.count > 0) {
      StringBuilder w = new StringBuilder();
      w.append("redacted ").append(pass.count).append(pass.count == 1 ? " secret-looking value: " : " secret-looking values: ");
      w.append(String.join(", ", pass.where));
      if (pass.count > pass.where.size()) {
        w.append(", and ").append(pass.count - pass.where.size()).append(" more");
      }
      r.warn(w.toString());
    }
    return pass.count;
  }

  private static void code(Pass pass, CodeRef c) {
    c.setGitBranch(pass.text("code.git_branch", c.getGitBranch()));
    c.setGitRemote(pass.text("code.git_remote", c.getGitRemote()));
    c.setScript(pass.text("code.script", c.getScript()));
    pass.list("code.imports", c.getImports());
    pass.list("code.frameworks", c.getFrameworks());
    pass.list("code.packages", c.getPackages());
  }

  private static void lineage(Pass pass, String field, List<LineageRef> refs) {
    for (int i = 0; i < refs.size(); i++) {
      LineageRef ref = refs.get(i);
      String path = pass.text(field + ".path", ref.path());
      String name = pass.text(field + ".ref", ref.ref());
      String via = pass.text(field + ".via", ref.via());
      if (!same(path, ref.path()) || !same(name, ref.ref()) || !same(via, ref.via())) {
        refs.set(i, new LineageRef(path, name, ref.kind(), ref.hash(), ref.size(), via, ref.uncertain()));
      }
    }
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  /** The replacements of one record and where they were. */
  private final class Pass {
    int count;
    final List<String> where = new ArrayList<>();

    String text(String field, String value) {
      if (value == null) {
        return null;
      }
      SecretScanner.Result result = scanner.scan(value);
      for (SecretScanner.Finding f : result.findings()) {
        note(value.indexOf('\n') >= 0 ? field + " line " + f.line() : field, f.kind());
      }
      return result.text();
    }

    void note(String location, String kind) {
      count++;
      if (where.size() < MAX_LOCATIONS) {
        where.add(location + " (" + kind + ")");
      }
    }

    void list(String field, List<String> values) {
      for (int i = 0; i < values.size(); i++) {
        values.set(i, text(field, values.get(i)));
      }
    }

    <V> void keys(String field, Map<String, V> map) {
      Map<String, V> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(text(field + " name", k), v));
      map.clear();
      map.putAll(copy);
    }

    void stringMap(String field, Map<String, String> map) {
      Map<String, String> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        String key = text(field + " name", k);
        copy.put(key, (String) value(field + "." + key, k, v, 0));
      });
      map.clear();
      map.putAll(copy);
    }

    /** Redacts keys and values; {@code renamed} learns the keys that changed. */
    void map(String field, Map<String, Object> map, Map<String, String> renamed) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        String key = text(field + " name", k);
        if (!key.equals(k)) {
          renamed.put(k, key);
        }
        copy.put(key, value(field + "." + key, k, v, 0));
      });
      map.clear();
      map.putAll(copy);
    }

    /** A value under a name: replaced whole when the name is secret-looking, else searched. */
    Object value(String location, String name, Object v, int depth) {
      if (v == null || depth > MAX_DEPTH) {
        return v;
      }
      String plain = REDACTED.matcher(name).replaceAll("");
      String last = plain.substring(plain.lastIndexOf('.') + 1);
      if (SecretNames.isSecretName(last) && (v instanceof String || v instanceof Number)
          && !SecretNames.isPlaceholder(String.valueOf(v))) {
        String kind = SecretNames.kindOf(last);
        note(location, kind);
        return SecretScanner.PREFIX + kind + "]";
      }
      if (v instanceof String s) {
        return text(location, s);
      }
      if (v instanceof List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
          out.add(value(location, name, e, depth + 1));
        }
        return out;
      }
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, e) -> {
          String key = text(location + " name", String.valueOf(k));
          out.put(key, value(location + "." + key, key, e, depth + 1));
        });
        return out;
      }
      return v;
    }
  }
}
