package io.mlindex.parsers.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The packages a notebook installs with a magic or shell escape ({@code %pip install -q x==1.0 y},
 * {@code !pip3 install -U z}, {@code %conda install -c conda-forge w}): names without version
 * specifiers or extras; URLs and paths ({@code git+https://...}) as written.
 */
final class PipPackages {
  private static final Set<String> INSTALLERS = Set.of("pip", "pip3", "conda", "mamba", "micromamba", "uv");
  private static final Set<String> OPTIONS_WITH_VALUE =
      Set.of("-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f",
          "--find-links", "-t", "--target", "--channel", "-n", "--name", "-p", "--prefix", "--python", "-e",
          "--editable", "--trusted-host", "--platform", "--python-version");

  private PipPackages() {}

  /** The packages of one magic line (without its {@code %} or {@code !}); empty when it installs nothing. */
  static List<String> from(String magic) {
    List<String> out = new ArrayList<>();
    String[] words = magic.strip().split("\\s+");
    int k = 0;
    while (k < words.length && !INSTALLERS.contains(words[k])) {
      k++;
    }
    while (k < words.length && !words[k].equals("install")) {
      k++;
    }
    for (k++; k < words.length; k++) {
      String w = unquote(words[k]);
      if (w.startsWith("&&") || w.startsWith(";") || w.startsWith("|") || w.startsWith(">") || w.startsWith("#")
          || w.startsWith("2>")) {
        break;
      }
      if (w.startsWith("-")) {
        if (OPTIONS_WITH_VALUE.contains(w)) {
          k++;
        }
        continue;
      }
      String name = packageName(w);
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }

  private static String unquote(String w) {
    String s = w;
    if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
      s = s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static String packageName(String spec) {
    if (spec.contains("://") || spec.startsWith(".") || spec.startsWith("/")) {
      return spec;
    }
    int end = spec.length();
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '[' || c == '=' || c == '<' || c == '>' || c == '~' || c == '!' || c == ';' || c == '@' || c == ',') {
        end = i;
        break;
      }
    }
    return spec.substring(0, end).strip();
  }
}
