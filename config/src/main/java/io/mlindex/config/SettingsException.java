package io.mlindex.config;

import java.util.List;

/** Every problem found in a settings source, reported at once. */
public final class SettingsException extends Exception {
  private final String source;
  private final List<Problem> problems;

  public SettingsException(String source, List<Problem> problems) {
    super(format(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  public String source() {
    return source;
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String format(String source, List<Problem> problems) {
    StringBuilder sb = new StringBuilder("Invalid settings in ").append(source).append(':');
    for (Problem p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
