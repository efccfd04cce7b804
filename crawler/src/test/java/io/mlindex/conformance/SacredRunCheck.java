package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * sacred-run: params from config.json, each metric series (count, last, last step, min, max),
 * status, experiment name, host, start time, code references (main file, first repository,
 * dependencies) and lineage (artifacts resolved against the run folder, relative resources against
 * the observer folder's parent, the usual working folder).
 */
public final class SacredRunCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("sacred-run");
  }

  @Override
  public double required(String format) {
    return 1.0;
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = crawl.find(e.path(), "sacred");
    if (r == null) {
      c.mismatches.add(e.id() + ": no sacred record harvested");
      return;
    }
    c.recordsFound++;
    Expect.params(e, r.getParams(), tally);
    e.get("metrics").fields().forEachRemaining(m -> {
      if (Expect.uncertain(m.getValue())) {
        return;
      }
      JsonNode x = m.getValue();
      Metric a = r.getMetrics().get(m.getKey());
      Double last = Expect.last(x, "last");
      tally.fact(e, "metric " + m.getKey(), a != null && last != null && Expect.sameNumber(a.last(), last), last,
          a == null ? null : a.last());
      boolean shape = a != null
          && a.steps() == x.path("count").asLong()
          && a.lastStep() != null && a.lastStep() == x.path("last_step").asLong()
          && (!x.path("min").isNumber() || Expect.sameNumber(a.min(), x.path("min").asDouble()))
          && (!x.path("max").isNumber() || Expect.sameNumber(a.max(), x.path("max").asDouble()));
      tally.fact(e, "series " + m.getKey(), shape, x, a);
    });
    JsonNode info = e.get("run_info");
    fact(e, tally, "status", info.path("status"), r.getProperties().get("status"));
    fact(e, tally, "experiment", info.path("experiment_name"), r.getExperiment());
    fact(e, tally, "command", info.path("command"), r.getProperties().get("command"));
    fact(e, tally, "host", info.path("host"), r.getProperties().get("host"));
    fact(e, tally, "start time", info.path("start_time"), r.getProperties().get("start_time"));
    JsonNode code = e.get("code_refs");
    fact(e, tally, "mainfile", code.path("mainfile"), r.getCode().getScript());
    JsonNode repo = code.path("repositories").path(0);
    if (repo.isObject()) {
      fact(e, tally, "git commit", repo.path("commit"), r.getCode().getGitCommit());
      fact(e, tally, "git url", repo.path("url"), r.getCode().getGitRemote());
      fact(e, tally, "git dirty", repo.path("dirty"), r.getCode().getGitDirty());
    }
    if (code.path("dependencies").isArray()) {
      List<String> deps = new ArrayList<>();
      code.get("dependencies").forEach(d -> deps.add(d.asText()));
      tally.fact(e, "dependencies", deps.equals(r.getCode().getPackages()), deps, r.getCode().getPackages());
    }
    if (code.path("sources").isArray()) {
      List<String> sources = new ArrayList<>();
      code.get("sources").forEach(d -> sources.add(d.asText()));
      Object actual = r.getProperties().get("sources");
      tally.fact(e, "sources", sources.equals(actual), sources, actual);
    }
    Path runDir = FileSystems.getDefault().getPath(e.path());
    JsonNode lineage = e.get("lineage");
    LineageExpect.compare(e, "input", lineage.path("inputs"), r.getLineage().getInputs(), runDir.getParent().getParent(), tally);
    LineageExpect.compare(e, "output", lineage.path("outputs"), r.getLineage().getOutputs(), runDir, tally);
  }

  private static void fact(ManifestEntry e, Tally tally, String what, JsonNode expected, Object actual) {
    if (expected.isMissingNode()) {
      return;
    }
    tally.fact(e, what, Expect.same(actual, expected), expected, actual);
  }
}
