package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import java.util.Map;
import java.util.Set;

/**
 * lightning-csv and lightning-hparams: flattened hparams, each certain CSV column's last value,
 * count and last step, and the table's shape. The manifest's {@code run_info} fields {@code
 * csv_rows}, {@code csv_columns}, {@code max_epoch} and {@code max_step} are properties of the
 * same name.
 */
public final class LightningCheck implements FormatCheck {
  private static final Set<String> RUN_INFO = Set.of("csv_rows", "csv_columns", "max_epoch", "max_step");

  @Override
  public Set<String> formats() {
    return Set.of("lightning-csv", "lightning-hparams");
  }

  @Override
  public double required(String format) {
    return format.equals("lightning-csv") ? 1.0 : 0.99;
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = crawl.find(e.path(), "lightning");
    if (r == null) {
      c.mismatches.add(e.id() + ": no lightning record harvested");
      return;
    }
    c.recordsFound++;
    Expect.params(e, r.getParams(), tally);
    tally.fact(e, "param count", e.get("params").size() == r.getParams().size(), e.get("params").size(), r.getParams().size());
    Expect.metricLasts(e, r.getMetrics(), "last", tally);
    Checks.seriesShape(e, r.getMetrics(), tally);
    for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) () -> e.get("run_info").fields()) {
      if (RUN_INFO.contains(f.getKey()) && !f.getValue().isNull()) {
        Object actual = r.getProperties().get(f.getKey());
        tally.fact(e, "run_info " + f.getKey(), Expect.same(actual, f.getValue()), f.getValue(), actual);
      }
    }
  }
}
