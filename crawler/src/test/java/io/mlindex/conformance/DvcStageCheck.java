package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Set;

/**
 * dvc-stage (each stage of a dvc.lock, or a legacy single-stage .dvc file) and dvc-tracked-data
 * (a .dvc data pointer): the command, locked params, and every dependency and output with its md5
 * and size, paths resolved against the file's folder (and a legacy stage's wdir).
 */
public final class DvcStageCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("dvc-stage", "dvc-tracked-data");
  }

  @Override
  public double required(String format) {
    return 1.0;
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = find(e, crawl);
    if (r == null) {
      c.mismatches.add(e.id() + ": no dvc " + (e.stage() != null ? "stage '" + e.stage() + "'" : "record") + " harvested");
      return;
    }
    c.recordsFound++;
    Path folder = FileSystems.getDefault().getPath(e.path()).getParent();
    JsonNode runInfo = e.get("run_info");
    String wdir = runInfo.path("wdir").asText(null);
    Path base = wdir == null ? folder : folder.resolve(wdir).normalize();
    String cmd = runInfo.path("cmd").asText(null);
    if (cmd != null) {
      Object actual = r.getProperties().get("cmd");
      tally.fact(e, "cmd", cmd.equals(actual), cmd, actual);
    }
    if (e.get("params").isObject()) {
      Expect.params(e, r.getParams(), tally);
    }
    JsonNode lineage = e.get("lineage");
    LineageExpect.compare(e, "input", lineage.path("inputs"), r.getLineage().getInputs(), base, tally);
    LineageExpect.compare(e, "output", lineage.path("outputs"), r.getLineage().getOutputs(), base, tally);
  }

  private static Record find(ManifestEntry e, CrawledRecords crawl) {
    RecordKind kind = e.format().equals("dvc-tracked-data") ? RecordKind.DATASET : RecordKind.STAGE;
    for (Record r : crawl.at(e.path())) {
      if ("dvc".equals(r.getFormat()) && r.getKind() == kind
          && (e.stage() == null || e.stage().equals(r.getProperties().get("stage")))) {
        return r;
      }
    }
    return null;
  }
}
