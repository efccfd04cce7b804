package io.mlindex.conformance;

import io.mlindex.record.Record;
import java.util.Set;

/** mlflow-run: params (raw strings), metric latest values by MLflow's rule, git commit. */
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
  }
}
