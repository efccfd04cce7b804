package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.JsonTrees;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared corpus of real artifacts ({@code ../shared/corpus/public} beside the project), when it
 * is there. Tests that need it skip, saying so, when it is not.
 */
public final class Corpus {
  private Corpus() {}

  /** The corpus folder, or null when it is absent. Override with -Dmlindex.corpus=DIR. */
  public static Path locate() {
    String override = System.getProperty("mlindex.corpus");
    if (override != null) {
      Path p = FileSystems.getDefault().getPath(override);
      return Files.isRegularFile(p.resolve("MANIFEST.jsonl")) ? p.toAbsolutePath().normalize() : null;
    }
    Path dir = FileSystems.getDefault().getPath("").toAbsolutePath();
    for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/corpus/public").normalize();
      if (Files.isRegularFile(candidate.resolve("MANIFEST.jsonl"))) {
        return candidate;
      }
    }
    return null;
  }

  public static List<ManifestEntry> manifest(Path corpus) throws IOException {
    List<ManifestEntry> out = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("MANIFEST.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JsonTrees.parse(line, "MANIFEST.jsonl");
      String rel = n.path("corpus_path").asText();
      if (rel.endsWith("/")) {
        rel = rel.substring(0, rel.length() - 1);
      }
      out.add(
          new ManifestEntry(
              n.path("id").asText(),
              n.path("format").asText(),
              corpus.resolve(rel).toAbsolutePath().normalize().toString(),
              n.hasNonNull("stage") ? n.get("stage").asText() : null,
              n.path("expected"),
              n.path("uncertain").asBoolean(false)));
    }
    return out;
  }
}
