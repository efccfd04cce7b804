package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * hydra-run and hydra-multirun: flattened config params (interpolations raw), overrides, and the
 * facts of hydra.yaml.
 *
 * <p>Mapping: the manifest's unit is the {@code .hydra/} folder (or the {@code multirun.yaml}
 * file); our record is the folder that holds it, as the issue asks. Its {@code run_info} and
 * {@code code_refs} fields ({@code job_name}, {@code runtime_cwd}, ...) are properties of the same
 * name; {@code overrides} is {@code properties.overrides}; multirun sweeper params are
 * {@code properties.sweeper.params.<name>}.
 */
public final class HydraCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("hydra-run", "hydra-multirun");
  }

  @Override
  public double required(String format) {
    return format.equals("hydra-run") ? 1.0 : 0.99;
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    String folder = Path.of(e.path()).getParent().toString();
    Record r = null;
    for (Record candidate : crawl.at(folder)) {
      boolean multirun = candidate.getKind() == io.mlindex.record.RecordKind.EXPERIMENT;
      if ("hydra".equals(candidate.getFormat()) && multirun == e.format().equals("hydra-multirun")) {
        r = candidate;
      }
    }
    if (r == null) {
      c.mismatches.add(e.id() + ": no hydra record harvested at " + folder);
      return;
    }
    c.recordsFound++;
    Expect.params(e, r.getParams(), tally);
    facts(e, "run_info", r, tally);
    facts(e, "code_refs", r, tally);
    if (e.get("overrides").isArray()) {
      Object actual = r.getProperties().get("overrides");
      tally.fact(e, "overrides", Expect.same(actual, e.get("overrides")), e.get("overrides"), actual);
    }
    JsonNode sweeper = e.get("sweeper_params");
    if (sweeper.isObject()) {
      final Record rec = r;
      sweeper.fields().forEachRemaining(s -> {
        Object actual = rec.getProperties().get("sweeper.params." + s.getKey());
        tally.fact(e, "sweeper param " + s.getKey(), Expect.same(actual, s.getValue()), s.getValue(), actual);
      });
    }
  }

  private static void facts(ManifestEntry e, String section, Record r, Tally tally) {
    for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) () -> e.get(section).fields()) {
      if (Expect.uncertain(f.getValue())) {
        continue;
      }
      JsonNode expected = Expect.value(f.getValue());
      Object actual = r.getProperties().get(f.getKey());
      tally.fact(e, section + " " + f.getKey(), Expect.same(actual, expected), expected, actual);
    }
  }
}
