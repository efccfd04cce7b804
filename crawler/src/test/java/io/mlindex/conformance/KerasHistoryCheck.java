package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import java.util.Set;

/**
 * keras-history-csv: each certain column's last value, count and last step (the epoch, or the row
 * when there is none), and the table's {@code rows} and {@code columns} (properties of the same
 * name; the columns leave out the epoch index).
 */
public final class KerasHistoryCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("keras-history-csv");
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = crawl.find(e.path(), "keras-csv");
    if (r == null) {
      c.mismatches.add(e.id() + ": no keras-csv record harvested");
      return;
    }
    c.recordsFound++;
    Expect.metricLasts(e, r.getMetrics(), "last", tally);
    Checks.seriesShape(e, r.getMetrics(), tally);
    for (String field : new String[] {"rows", "columns"}) {
      JsonNode expected = e.get("run_info").path(field);
      if (!expected.isMissingNode()) {
        Object actual = r.getProperties().get(field);
        tally.fact(e, "run_info " + field, Expect.same(actual, expected), expected, actual);
      }
    }
  }
}
