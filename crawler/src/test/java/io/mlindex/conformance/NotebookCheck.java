package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * notebook: imports (sorted top-level modules) and certain (papermill) params, which must all
 * match; and the certain lineage inputs and outputs, tallied apart as {@code notebook-lineage}
 * (95 % required). A lineage entry matches a harvested one in the same direction whose path,
 * resolved against the notebook's folder, is the same (named references such as hub model ids
 * compare by name), read or written by a call with the same function or method name (the manifest
 * writes {@code pd.read_csv}, the harvest the callee as written).
 */
public final class NotebookCheck implements FormatCheck {
  static final String LINEAGE = "notebook-lineage";

  @Override
  public Set<String> formats() {
    return Set.of("notebook", LINEAGE);
  }

  @Override
  public double required(String format) {
    return format.equals(LINEAGE) ? 0.95 : 1.0;
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = crawl.find(e.path(), "notebook");
    if (r == null) {
      c.mismatches.add(e.id() + ": no notebook record harvested");
      return;
    }
    c.recordsFound++;
    JsonNode imports = e.get("code_refs").path("imports");
    if (imports.isArray()) {
      List<String> expected = new ArrayList<>();
      imports.forEach(i -> expected.add(i.asText()));
      List<String> actual = new ArrayList<>(r.getCode().getImports());
      actual.sort(null);
      tally.fact(e, "imports", expected.equals(actual), expected, actual);
    }
    if (e.get("params").isObject()) {
      Expect.params(e, r.getParams(), tally);
    }
    JsonNode lineage = e.get("lineage");
    if (lineage.isObject()) {
      ManifestEntry asLineage = new ManifestEntry(e.id(), LINEAGE, e.path(), e.stage(), e.expected(), e.uncertain());
      Tally.Counts l = tally.of(LINEAGE);
      l.records++;
      l.recordsFound++;
      String folder = e.path().substring(0, e.path().lastIndexOf('/'));
      lineage(asLineage, folder, "input", lineage.path("inputs"), r.getLineage().getInputs(), tally);
      lineage(asLineage, folder, "output", lineage.path("outputs"), r.getLineage().getOutputs(), tally);
    }
  }

  private static void lineage(ManifestEntry e, String folder, String direction, JsonNode expected,
      List<LineageRef> actual, Tally tally) {
    for (JsonNode x : expected) {
      if (Expect.uncertain(x)) {
        continue;
      }
      String path = x.path("path").asText();
      boolean named = x.path("kind").asText().endsWith("-ref");
      String target = named ? path : normalise(path.startsWith("/") ? path : folder + "/" + path);
      String call = lastPart(x.path("call").asText());
      boolean found = actual.stream().anyMatch(a -> target.equals(named ? a.ref() : a.path())
          && a.via() != null && lastPart(a.via()).equals(call));
      tally.fact(e, direction + " " + path + " (" + x.path("call").asText() + ")", found, target, actual);
    }
  }

  private static String lastPart(String call) {
    return call.substring(call.lastIndexOf('.') + 1);
  }

  private static String normalise(String absolute) {
    Deque<String> parts = new ArrayDeque<>();
    for (String p : absolute.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return "/" + String.join("/", parts);
  }
}
