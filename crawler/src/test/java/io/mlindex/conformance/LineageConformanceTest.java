package io.mlindex.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.index.LineageDirection;
import io.mlindex.index.LineageEdge;
import io.mlindex.index.LineageNode;
import io.mlindex.index.LineageRequest;
import io.mlindex.index.LineageResult;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.UnitState;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage over the corpus: the crawled records go into a real index, and (1) from every input of
 * every DVC pipeline in the manifest that no stage produces (its raw data and code), downstream
 * lineage reaches each stage and output the manifest's deps and outs imply, each at the depth the
 * manifest implies; (2) a notebook that writes a file some parser describes as a model links to
 * that model's record (checked where the notebook parser states the write and a model parser read
 * the file; counted as skipped otherwise).
 */
class LineageConformanceTest {
  @TempDir static Path dir;
  private static Path corpus;
  private static CrawledRecords crawl;
  private static RecordIndex index;

  @BeforeAll
  static void indexTheCorpus() throws Exception {
    corpus = Corpus.locate();
    Assumptions.assumeTrue(corpus != null, "corpus ../shared/corpus/public absent: lineage conformance skipped");
    crawl = CrawledRecords.of(corpus);
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    index.setHistoryVersions(0);
    int unit = 0;
    for (Record r : crawl.all()) {
      index.replaceUnit(new UnitState("u" + unit++, r.getPath(), corpus.toString(), false, "f", List.of(), List.of(r.getId()), null), List.of(r));
    }
    index.commit();
  }

  @AfterAll
  static void close() throws Exception {
    if (index != null) {
      index.close();
    }
  }

  @Test
  void everyDownstreamStageAndOutputOfADvcPipelineAtItsDepth() throws Exception {
    Map<String, List<String>> readers = new LinkedHashMap<>();
    Map<String, List<String>> outputs = new LinkedHashMap<>();
    Set<String> produced = new LinkedHashSet<>();
    for (ManifestEntry e : Corpus.manifest(corpus)) {
      if (!e.format().equals("dvc-stage") || e.uncertain()) {
        continue;
      }
      String stage = e.stage() == null ? e.path() : e.path() + "#" + e.stage();
      Path folder = FileSystems.getDefault().getPath(e.path()).getParent();
      String wdir = e.get("run_info").path("wdir").asText(null);
      Path base = wdir == null ? folder : folder.resolve(wdir).normalize();
      for (String in : paths(e, "inputs", base)) {
        readers.computeIfAbsent(in, k -> new ArrayList<>()).add(stage);
      }
      for (String out : paths(e, "outputs", base)) {
        outputs.computeIfAbsent(stage, k -> new ArrayList<>()).add(out);
        produced.add(out);
      }
    }
    List<String> mismatches = new ArrayList<>();
    int facts = 0;
    for (String source : readers.keySet()) {
      if (produced.contains(source)) {
        continue;
      }
      Map<String, Integer> expected = depths(source, readers, outputs);
      Map<String, Integer> actual = lineageDepths(source);
      for (Map.Entry<String, Integer> x : expected.entrySet()) {
        facts++;
        Integer got = actual.get(x.getKey());
        if (!x.getValue().equals(got)) {
          mismatches.add("from " + corpus.relativize(FileSystems.getDefault().getPath(source)) + ": "
              + x.getKey() + " expected at depth " + x.getValue() + ", got " + got);
        }
      }
    }
    System.out.println("Lineage conformance (DVC pipelines): " + (facts - mismatches.size()) + " of " + facts
        + " stages and outputs at the expected depth");
    mismatches.forEach(m -> System.out.println("  mismatch " + m));
    assertTrue(facts > 0, "the manifest has DVC stages");
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
  }

  @Test
  void aNotebookThatWritesAModelFileLinksToThatModelsRecord() throws Exception {
    int checked = 0;
    int skipped = 0;
    List<String> mismatches = new ArrayList<>();
    for (ManifestEntry e : Corpus.manifest(corpus)) {
      if (!e.format().equals("notebook")) {
        continue;
      }
      Record notebook = crawl.find(e.path(), "notebook");
      Path base = FileSystems.getDefault().getPath(e.path()).getParent();
      for (String out : paths(e, "outputs", base)) {
        Record model = crawl.at(out).stream().filter(r -> r.getKind() == RecordKind.MODEL).findFirst().orElse(null);
        boolean stated = notebook != null
            && notebook.getLineage().getOutputs().stream().map(LineageRef::path).anyMatch(out::equals);
        if (model == null || !stated) {
          skipped += model == null ? 0 : 1;
          continue;
        }
        checked++;
        LineageResult r = lineage(notebook.getId(), LineageDirection.DOWN, 1);
        boolean linked = r.edges().stream().anyMatch(x -> x.from().equals(notebook.getId())
            && x.to().equals(model.getId()) && x.relation().equals(LineageEdge.WRITES));
        if (!linked) {
          mismatches.add(e.id() + ": no 'writes' edge to the model record at " + out);
        }
      }
    }
    System.out.println("Lineage conformance (notebook writes a model file): " + (checked - mismatches.size()) + " of "
        + checked + " linked; " + skipped + " model files written by notebooks whose writes the notebook parser does not state yet");
    mismatches.forEach(m -> System.out.println("  mismatch " + m));
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
  }

  private static List<String> paths(ManifestEntry e, String side, Path base) {
    List<String> out = new ArrayList<>();
    e.get("lineage").path(side).forEach(item -> {
      if (!Expect.uncertain(item)) {
        String rel = item.isTextual() ? item.asText() : item.path("path").asText(null);
        if (rel != null && !rel.contains("://")) {
          out.add(base.resolve(rel).normalize().toString());
        }
      }
    });
    return out;
  }

  /** Breadth-first depths in the manifest's graph: a stage is one edge after what it reads, an output one after its stage. */
  private static Map<String, Integer> depths(String source, Map<String, List<String>> readers, Map<String, List<String>> outputs) {
    Map<String, Integer> depth = new LinkedHashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(source));
    depth.put(source, 0);
    while (!queue.isEmpty()) {
      String n = queue.poll();
      List<String> next = new ArrayList<>(readers.getOrDefault(n, List.of()));
      next.addAll(outputs.getOrDefault(n, List.of()));
      for (String m : next) {
        if (!depth.containsKey(m)) {
          depth.put(m, depth.get(n) + 1);
          queue.add(m);
        }
      }
    }
    return depth;
  }

  /** The same depths in mlindex's answer, keyed like the manifest: stages by file and name, files by path. */
  private static Map<String, Integer> lineageDepths(String source) throws Exception {
    LineageResult r = lineage(source, LineageDirection.DOWN, LineageRequest.UNLIMITED);
    Map<String, String> keys = new HashMap<>();
    for (LineageNode n : r.nodes()) {
      boolean multiStage = "stage".equals(n.kind()) && n.path() != null && (n.path().endsWith("/dvc.lock") || n.path().endsWith("/dvc.yaml"));
      keys.put(n.id(), multiStage ? n.path() + "#" + n.name() : n.path());
    }
    Map<String, List<String>> next = new HashMap<>();
    for (LineageEdge e : r.edges()) {
      next.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
    }
    Map<String, Integer> byId = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>(r.start());
    r.start().forEach(s -> byId.put(s, 0));
    while (!queue.isEmpty()) {
      String n = queue.poll();
      for (String m : next.getOrDefault(n, List.of())) {
        if (!byId.containsKey(m)) {
          byId.put(m, byId.get(n) + 1);
          queue.add(m);
        }
      }
    }
    Map<String, Integer> out = new HashMap<>();
    byId.forEach((id, d) -> out.merge(String.valueOf(keys.get(id)), d, Math::min));
    return out;
  }

  private static LineageResult lineage(String ref, LineageDirection direction, int depth) throws Exception {
    try (RecordSearcher s = index.searcher()) {
      return s.lineage(new LineageRequest(ref, direction, depth, 2000));
    }
  }
}
