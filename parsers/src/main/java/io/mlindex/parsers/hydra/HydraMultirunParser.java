package io.mlindex.parsers.hydra;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Hydra multirun sweep: the folder holding {@code multirun.yaml}, one experiment record whose
 * params are the shared config (the non-{@code hydra} keys), with the sweeper's parameter lists,
 * the task overrides and the numbered job folders as properties. Each job folder is a run of its
 * own (see {@link HydraRunParser}).
 */
public final class HydraMultirunParser implements DirectoryParser {
  static final String MULTIRUN = "multirun.yaml";

  @Override
  public String name() {
    return "hydra-multirun";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    return dir.hasFile(MULTIRUN);
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    // A folder may hold both .hydra/ and multirun.yaml: the part keeps the two ids apart.
    Record r = new Record(RecordKind.EXPERIMENT, "hydra", PosixPaths.of(dir.path()), "multirun");
    r.setName(dir.name());
    r.getCode().getFrameworks().add("hydra");
    Path file = dir.resolve(MULTIRUN);
    r.source(PosixPaths.of(file));
    JsonNode tree = HydraSettings.read(file, MULTIRUN, r, context.limits().maxReadBytes());
    HydraSettings.params(tree, r, MULTIRUN);
    if (tree != null && tree.isObject()) {
      JsonNode hydra = tree.path("hydra");
      HydraSettings.facts(hydra, r);
      r.setExperiment(r.getName());
      sweeperParams(hydra, r);
    }
    List<String> jobs = new ArrayList<>();
    for (String d : dir.dirs()) {
      if (d.chars().allMatch(Character::isDigit)) {
        jobs.add(d);
      }
    }
    jobs.sort((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b));
    r.property("jobs", (long) jobs.size());
    r.property("job_dirs", jobs);
    r.property("start_local", HydraSettings.localStart(r.getPath()));
    return List.of(r);
  }

  /** {@code hydra.sweeper.params} (Hydra 1.2+): each swept name with the values it takes, as written. */
  private static void sweeperParams(JsonNode hydra, Record r) {
    JsonNode params = hydra.path("sweeper").path("params");
    if (!params.isObject()) {
      return;
    }
    Map<String, Object> flat = new TreeMap<>();
    Flatten.into(flat, "", params);
    flat.forEach((k, v) -> r.property("sweeper.params." + k, v));
  }
}
