package io.mlindex.parsers.notebook;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packages a notebook in R, Julia or Scala loads ({@code library(caret)}, {@code using Flux}, {@code import org.apache.spark...}). */
final class ForeignImports {
  private static final Pattern R = Pattern.compile("(?m)^\\s*(?:library|require|requireNamespace)\\(\\s*[\"']?([A-Za-z][\\w.]*)");
  private static final Pattern JULIA = Pattern.compile("(?m)^\\s*(?:using|import)\\s+([A-Za-z][\\w.]*(?:\\s*,\\s*[A-Za-z][\\w.]*)*)");
  private static final Pattern SCALA = Pattern.compile("(?m)^\\s*import\\s+([A-Za-z_][\\w]*)");

  private ForeignImports() {}

  /** Whether code in this language is read by this class rather than as Python. */
  static boolean handles(String language) {
    return language != null && (language.equals("r") || language.startsWith("julia") || language.startsWith("scala"));
  }

  static Set<String> of(String language, String code) {
    Set<String> out = new LinkedHashSet<>();
    String lang = language.toLowerCase(Locale.ROOT);
    if (lang.equals("r")) {
      Matcher m = R.matcher(code);
      while (m.find()) {
        out.add(m.group(1));
      }
    } else if (lang.startsWith("julia")) {
      Matcher m = JULIA.matcher(code);
      while (m.find()) {
        for (String name : m.group(1).split(",")) {
          out.add(name.strip().split("\\.")[0]);
        }
      }
    } else if (lang.startsWith("scala")) {
      Matcher m = SCALA.matcher(code);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
