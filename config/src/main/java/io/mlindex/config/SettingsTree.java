package io.mlindex.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads typed values out of a merged settings tree, collecting every problem instead of stopping at
 * the first, and reporting keys nobody asked for.
 */
final class SettingsTree {
  private final List<Problem> problems = new ArrayList<>();

  List<Problem> problems() {
    return problems;
  }

  /** A view of one object in the tree; {@link #finish()} reports the keys that were not read. */
  final class Section {
    private final String prefix;
    private final ObjectNode node;
    private final Set<String> known = new TreeSet<>();

    Section(String prefix, JsonNode node) {
      this.prefix = prefix;
      if (node != null && !node.isNull() && !node.isObject()) {
        problems.add(new Problem(prefix, "must be a mapping of keys to values, found " + describe(node)));
        this.node = null;
      } else {
        this.node = (ObjectNode) (node == null || node.isNull() ? null : node);
      }
    }

    private String key(String name) {
      return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private JsonNode raw(String name) {
      known.add(name);
      JsonNode v = node == null ? null : node.get(name);
      return v == null || v.isNull() ? null : v;
    }

    Section section(String name) {
      return new Section(key(name), raw(name));
    }

    String string(String name, String fallback) {
      JsonNode v = raw(name);
      if (v == null) {
        return fallback;
      }
      if (!v.isValueNode()) {
        problems.add(new Problem(key(name), "must be a single value, found " + describe(v)));
        return fallback;
      }
      return v.asText();
    }

    int integer(String name, int fallback, int min, int max) {
      String s = string(name, null);
      if (s == null) {
        return fallback;
      }
      try {
        int i = Integer.parseInt(s.trim());
        if (i < min || i > max) {
          problems.add(new Problem(key(name), "is " + i + "; please use a number from " + min + " to " + max));
          return fallback;
        }
        return i;
      } catch (NumberFormatException e) {
        problems.add(new Problem(key(name), "'" + s + "' is not a whole number"));
        return fallback;
      }
    }

    Duration duration(String name, Duration fallback) {
      return converted(name, fallback, Values::parseDuration);
    }

    long size(String name, long fallback) {
      return converted(name, fallback, Values::parseSize);
    }

    private <T> T converted(String name, T fallback, Function<String, T> parse) {
      String s = string(name, null);
      if (s == null) {
        return fallback;
      }
      try {
        return parse.apply(s);
      } catch (RuntimeException e) {
        problems.add(new Problem(key(name), e.getMessage()));
        return fallback;
      }
    }

    List<String> strings(String name) {
      JsonNode v = raw(name);
      List<String> out = new ArrayList<>();
      if (v == null) {
        return out;
      }
      if (v.isValueNode()) {
        out.add(v.asText());
      } else if (v.isArray()) {
        for (int i = 0; i < v.size(); i++) {
          JsonNode e = v.get(i);
          if (e.isValueNode()) {
            out.add(e.asText());
          } else {
            problems.add(new Problem(key(name) + "[" + i + "]", "must be a single value, found " + describe(e)));
          }
        }
      } else {
        problems.add(new Problem(key(name), "must be a list of values, found " + describe(v)));
      }
      return out;
    }

    /** The elements of a list, each as a section; a lone mapping counts as a list of one. */
    List<Section> sections(String name) {
      JsonNode v = raw(name);
      List<Section> out = new ArrayList<>();
      if (v == null) {
        return out;
      }
      if (!v.isArray()) {
        problems.add(new Problem(key(name), "must be a list, found " + describe(v)));
        return out;
      }
      for (int i = 0; i < v.size(); i++) {
        out.add(new Section(key(name) + "[" + i + "]", v.get(i)));
      }
      return out;
    }

    boolean has(String name) {
      return node != null && node.hasNonNull(name);
    }

    void problem(String name, String message) {
      problems.add(new Problem(key(name), message));
    }

    void finish() {
      if (node == null) {
        return;
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!known.contains(name)) {
          problems.add(new Problem(key(name), "unknown key; known keys here are " + known));
        }
      }
    }
  }

  private static String describe(JsonNode n) {
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    return "'" + n.asText() + "'";
  }
}
