package io.mlindex.parsers.huggingface;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown of a model card: the YAML front matter between {@code ---} lines at the very top,
 * and the bullet lists the Trainer's generated cards carry under "Training hyperparameters" ({@code
 * - learning_rate: 2e-05}) and "Framework versions" ({@code - Transformers 4.44.2}).
 */
final class ModelCardText {
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern KEY_VALUE_BULLET = Pattern.compile("^\\s*[-*+]\\s+([^:]{1,80}?)\\s*:\\s*(.*?)\\s*$");
  private static final Pattern NAME_VERSION_BULLET = Pattern.compile("^\\s*[-*+]\\s+(\\S.{0,60}?)\\s+v?(\\d[\\w.+-]*)\\s*$");

  /** The parts of a card; {@code frontMatter} is null when the file has none. */
  record Parts(String frontMatter, String body, int bodyLine) {}

  private ModelCardText() {}

  /** Splits off the front matter: a first line {@code ---}, then YAML up to a line {@code ---} or {@code ...}. */
  static Parts split(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("---")) {
      return new Parts(null, text, 1);
    }
    StringBuilder yaml = new StringBuilder();
    for (int i = 1; i < lines.length; i++) {
      String t = lines[i].strip();
      if (t.equals("---") || t.equals("...")) {
        StringBuilder body = new StringBuilder();
        for (int j = i + 1; j < lines.length; j++) {
          body.append(lines[j]).append('\n');
        }
        return new Parts(yaml.toString(), body.toString(), i + 2);
      }
      yaml.append(lines[i]).append('\n');
    }
    return new Parts(null, text, 1); // no closing line: not front matter
  }

  /** Top-level keys that the first lines of a front matter declare (for cheap claim checks). */
  static boolean frontMatterDeclares(String head, java.util.Set<String> keys) {
    String[] lines = head.split("\n");
    if (lines.length == 0 || !lines[0].strip().equals("---")) {
      return false;
    }
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.strip().equals("---") || line.strip().equals("...")) {
        return false;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && !Character.isWhitespace(line.charAt(0)) && keys.contains(line.substring(0, colon).strip())) {
        return true;
      }
    }
    return false;
  }

  /** {@code key: value} bullets under a heading whose text is {@code title} (any case), in order. */
  static Map<String, String> keyValueBullets(String body, String title) {
    Map<String, String> out = new LinkedHashMap<>();
    section(body, title, line -> {
      Matcher m = KEY_VALUE_BULLET.matcher(line);
      if (m.matches() && !m.group(2).isEmpty()) {
        out.putIfAbsent(m.group(1).strip(), m.group(2));
      }
    });
    return out;
  }

  /** {@code Name version} bullets under a heading whose text is {@code title}. */
  static Map<String, String> nameVersionBullets(String body, String title) {
    Map<String, String> out = new LinkedHashMap<>();
    section(body, title, line -> {
      Matcher m = NAME_VERSION_BULLET.matcher(line);
      if (m.matches()) {
        out.putIfAbsent(m.group(1).strip(), m.group(2));
      }
    });
    return out;
  }

  /** The text of the first heading, or null. */
  static String firstHeading(String body) {
    for (String line : body.split("\n")) {
      Matcher m = HEADING.matcher(line);
      if (m.matches() && !m.group(2).isBlank()) {
        return m.group(2).strip();
      }
    }
    return null;
  }

  private static void section(String body, String title, java.util.function.Consumer<String> line) {
    String wanted = title.toLowerCase(Locale.ROOT);
    boolean inside = false;
    int level = 0;
    boolean fenced = false;
    for (String l : body.split("\n")) {
      if (l.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher h = fenced ? null : HEADING.matcher(l);
      if (h != null && h.matches()) {
        if (inside && h.group(1).length() <= level) {
          return;
        }
        if (!inside && h.group(2).toLowerCase(Locale.ROOT).equals(wanted)) {
          inside = true;
          level = h.group(1).length();
        }
        continue;
      }
      if (inside && !fenced) {
        line.accept(l);
      }
    }
  }
}
