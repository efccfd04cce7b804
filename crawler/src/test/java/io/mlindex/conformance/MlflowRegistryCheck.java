package io.mlindex.conformance;

import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.util.Set;

/** mlflow-registered-model and mlflow-model-version: the meta.yaml fields, as properties. */
public final class MlflowRegistryCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("mlflow-registered-model", "mlflow-model-version");
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = MlflowRecords.find(crawl, e.path(), RecordKind.MODEL);
    if (r == null) {
      c.mismatches.add(e.id() + ": no mlflow model record harvested");
      return;
    }
    c.recordsFound++;
    MlflowRecords.sameFields(e, e.get("run_info"), r, tally);
  }
}
