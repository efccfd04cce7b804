package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * mlflow-run: params (raw strings), metric latest values by MLflow's rule, git commit, status,
 * artifact files as lineage outputs (the manifest lists them relative to {@code artifacts/}) and
 * the logged models of {@code mlflow.log-model.history}.
 */
public final class MlflowRunCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("mlflow-run");
  }

  @Override
  public double required(String format) {
    return 1.0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = crawl.find(e.path(), "mlflow");
    if (r == null) {
      c.mismatches.add(e.id() + ": no mlflow record harvested");
      return;
    }
    c.recordsFound++;
    Expect.params(e, r.getParams(), tally);
    Expect.metricLasts(e, r.getMetrics(), "latest_by_mlflow_rule", tally);
    String commit = e.get("code_refs").path("mlflow.source.git.commit").asText(null);
    if (commit != null) {
      tally.fact(e, "git commit", commit.equals(r.getCode().getGitCommit()), commit, r.getCode().getGitCommit());
    }
    String status = e.get("run_info").path("status_name").asText(null);
    if (status != null) {
      Object s = r.getProperties().get("status");
      tally.fact(e, "status", status.equals(s), status, s);
    }
    JsonNode outputs = e.get("lineage").path("outputs");
    if (outputs.isArray()) {
      Set<String> expected = new TreeSet<>();
      outputs.forEach(o -> expected.add(e.path() + "/artifacts/" + o.asText()));
      Set<String> actual = new TreeSet<>();
      r.getLineage().getOutputs().forEach(o -> actual.add(o.path()));
      tally.fact(e, "lineage outputs", expected.equals(actual), expected, actual);
    }
    JsonNode logged = e.get("logged_models");
    if (logged.isArray()) {
      List<Object> expected = new ArrayList<>();
      logged.forEach(m -> expected.add(Flatten.value(m)));
      List<Object> actual = new ArrayList<>();
      Object property = r.getProperties().get("logged_models");
      if (property instanceof List<?> models) {
        for (Object m : models) {
          Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) m);
          kept.keySet().retainAll(List.of("artifact_path", "flavors", "utc_time_created"));
          actual.add(kept);
        }
      }
      tally.fact(e, "logged_models", expected.equals(actual), expected, actual);
    }
  }
}
