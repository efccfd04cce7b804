package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** notebook: imports (sorted top-level modules) and certain (papermill) params. */
public final class NotebookCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("notebook");
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
  }
}
