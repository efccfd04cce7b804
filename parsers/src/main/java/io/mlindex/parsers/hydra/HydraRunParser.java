package io.mlindex.parsers.hydra;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A Hydra run: the folder that holds {@code .hydra/} (Hydra's output folder, or the working folder
 * when {@code hydra.run.dir} is {@code .}). {@code config.yaml} gives the params (flattened, with
 * interpolations left as written), {@code overrides.yaml} the command-line overrides, {@code
 * hydra.yaml} the job name, folders, version and config choices.
 */
public final class HydraRunParser implements DirectoryParser {
  static final String HYDRA_DIR = ".hydra";
  static final List<String> FILES = List.of("config.yaml", "overrides.yaml", "hydra.yaml");

  @Override
  public String name() {
    return "hydra-run";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    if (!dir.hasDir(HYDRA_DIR)) {
      return false;
    }
    Path hydra = dir.resolve(HYDRA_DIR);
    return FILES.stream().anyMatch(f -> Files.isRegularFile(hydra.resolve(f), LinkOption.NOFOLLOW_LINKS));
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.RUN, "hydra", PosixPaths.of(dir.path()));
    r.setName(dir.name());
    r.getCode().getFrameworks().add("hydra");
    long limit = context.limits().maxReadBytes();
    Path hydraDir = dir.resolve(HYDRA_DIR);

    JsonNode config = readIfPresent(hydraDir.resolve("config.yaml"), r, limit);
    HydraSettings.params(config, r, ".hydra/config.yaml");

    JsonNode overrides = readIfPresent(hydraDir.resolve("overrides.yaml"), r, limit);
    if (overrides != null && overrides.isArray()) {
      r.property("overrides", HydraSettings.strings(overrides));
    } else if (overrides != null && !(overrides.isObject() && overrides.isEmpty())) {
      r.warn(".hydra/overrides.yaml is not a list of overrides");
    }

    JsonNode hydra = readIfPresent(hydraDir.resolve("hydra.yaml"), r, limit);
    if (hydra != null) {
      HydraSettings.facts(hydra.path("hydra"), r);
    }
    Object outputDir = r.getProperties().get("output_dir");
    r.property("start_local", HydraSettings.localStart(r.getPath(), outputDir == null ? null : outputDir.toString()));
    if (!Files.isRegularFile(hydraDir.resolve("config.yaml"))) {
      r.warn(".hydra has no config.yaml: the run's params are unknown");
    }
    return List.of(r);
  }

  private static JsonNode readIfPresent(Path file, Record r, long limit) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    r.source(PosixPaths.of(file));
    return HydraSettings.read(file, ".hydra/" + file.getFileName(), r, limit);
  }
}
