package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** mlflow-experiment: the meta.yaml fields, the run count and the run ids. */
public final class MlflowExperimentCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("mlflow-experiment");
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = MlflowRecords.find(crawl, e.path(), RecordKind.EXPERIMENT);
    if (r == null) {
      c.mismatches.add(e.id() + ": no mlflow experiment record harvested");
      return;
    }
    c.recordsFound++;
    MlflowRecords.sameFields(e, e.get("run_info"), r, tally);
    JsonNode count = e.get("run_count");
    if (count.isNumber()) {
      Object a = r.getProperties().get("run_count");
      tally.fact(e, "run_count", Expect.same(a, count), count, a);
    }
    JsonNode ids = e.get("run_ids");
    if (ids.isArray()) {
      List<String> expected = new ArrayList<>();
      ids.forEach(i -> expected.add(i.asText()));
      expected.sort(null);
      Object a = r.getProperties().get("run_ids");
      tally.fact(e, "run_ids", expected.equals(a), expected, a);
    }
  }
}
