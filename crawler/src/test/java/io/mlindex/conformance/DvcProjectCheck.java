package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline-level DVC formats: dvc-pipeline (the dvc.yaml record's stage names, declared
 * metrics, top-level plot count, artifact names), dvc-params (params.yaml values), dvc-metrics
 * (declared metrics file values) and dvclive (summary values, params and the TSV series). The
 * manifest writes a dvclive summary name with dots ({@code train.acc}); the record keeps DVCLive's
 * own name, that of the series ({@code train/acc}), so both spellings are accepted.
 */
public final class DvcProjectCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("dvc-pipeline", "dvc-params", "dvc-metrics", "dvclive");
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = find(e, crawl);
    if (r == null) {
      c.mismatches.add(e.id() + ": no dvc record harvested");
      return;
    }
    c.recordsFound++;
    switch (e.format()) {
      case "dvc-pipeline" -> pipeline(e, r, tally);
      case "dvc-params" -> Expect.params(e, r.getParams(), tally);
      case "dvc-metrics" -> Expect.metricLasts(e, r.getMetrics(), "last", tally);
      default -> live(e, r, tally);
    }
  }

  private static Record find(ManifestEntry e, CrawledRecords crawl) {
    RecordKind kind = e.format().equals("dvc-pipeline") ? RecordKind.EXPERIMENT : RecordKind.RUN;
    for (Record r : crawl.at(e.path())) {
      if ("dvc".equals(r.getFormat()) && r.getKind() == kind) {
        return r;
      }
    }
    return null;
  }

  private static void pipeline(ManifestEntry e, Record r, Tally tally) {
    Map<String, Object> p = r.getProperties();
    tally.fact(e, "stages", texts(e.get("stages")).equals(p.get("stages")), e.get("stages"), p.get("stages"));
    tally.fact(e, "declared metrics", texts(e.get("declared_metrics")).equals(p.get("declared_metrics")),
        e.get("declared_metrics"), p.get("declared_metrics"));
    Object plots = p.get("declared_plots");
    tally.fact(e, "declared plots", Expect.same(plots, e.get("declared_plots")), e.get("declared_plots"), plots);
    tally.fact(e, "artifacts", texts(e.get("artifacts")).equals(p.get("artifacts")), e.get("artifacts"), p.get("artifacts"));
    JsonNode topParams = e.get("top_level_params");
    if (topParams.isNull()) {
      tally.fact(e, "top-level params", p.get("params_files") == null, null, p.get("params_files"));
    } else if (topParams.isArray()) {
      tally.fact(e, "top-level params", texts(topParams).equals(p.get("params_files")), topParams, p.get("params_files"));
    }
  }

  private static void live(ManifestEntry e, Record r, Tally tally) {
    e.get("metrics").fields().forEachRemaining(m -> {
      Double expected = Expect.last(m.getValue(), "last");
      if (expected == null || Expect.uncertain(m.getValue())) {
        return;
      }
      Metric a = r.getMetrics().get(m.getKey());
      if (a == null) {
        a = r.getMetrics().get(m.getKey().replace('.', '/'));
      }
      tally.fact(e, "metric " + m.getKey(), a != null && Expect.sameNumber(a.last(), expected), expected,
          a == null ? null : a.last());
    });
    Expect.params(e, r.getParams(), tally);
    e.get("series").fields().forEachRemaining(s -> {
      Metric a = r.getMetrics().get(s.getKey());
      JsonNode x = s.getValue();
      boolean ok = a != null
          && a.steps() == x.path("count").asLong()
          && Expect.sameNumber(a.last(), x.path("last").asDouble())
          && a.lastStep() != null && a.lastStep() == x.path("last_step").asLong()
          && Expect.sameNumber(a.min(), x.path("min").asDouble())
          && Expect.sameNumber(a.max(), x.path("max").asDouble());
      tally.fact(e, "series " + s.getKey(), ok, x, a);
    });
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }
}
