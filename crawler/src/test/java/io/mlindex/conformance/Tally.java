package io.mlindex.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of expected facts checked and matched, per manifest format, with a line for every
 * mismatch.
 */
public final class Tally {
  /** Per-format counts. */
  public static final class Counts {
    public long records;
    public long recordsFound;
    public long facts;
    public long matched;
    public final List<String> mismatches = new ArrayList<>();

    public double ratio() {
      return facts == 0 ? 1.0 : (double) matched / facts;
    }
  }

  private final Map<String, Counts> byFormat = new TreeMap<>();

  public Counts of(String format) {
    return byFormat.computeIfAbsent(format, k -> new Counts());
  }

  public Map<String, Counts> all() {
    return byFormat;
  }

  /** Records one expected fact. */
  public void fact(ManifestEntry e, String what, boolean ok, Object expected, Object actual) {
    Counts c = of(e.format());
    c.facts++;
    if (ok) {
      c.matched++;
    } else {
      c.mismatches.add(e.id() + " " + what + ": expected " + expected + ", got " + actual);
    }
  }

  public long facts() {
    return byFormat.values().stream().mapToLong(c -> c.facts).sum();
  }

  public long matched() {
    return byFormat.values().stream().mapToLong(c -> c.matched).sum();
  }

  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-26s %8s %8s %8s %8s %8s%n", "format", "records", "found", "facts", "matched", "ratio"));
    for (Map.Entry<String, Counts> e : byFormat.entrySet()) {
      Counts c = e.getValue();
      sb.append(String.format(Locale.ROOT, "%-26s %8d %8d %8d %8d %7.1f%%%n", e.getKey(), c.records, c.recordsFound, c.facts, c.matched, 100 * c.ratio()));
    }
    sb.append(String.format(Locale.ROOT, "%-26s %8s %8s %8d %8d %7.1f%%%n", "all", "", "", facts(), matched(), facts() == 0 ? 100.0 : 100.0 * matched() / facts()));
    return sb.toString();
  }
}
