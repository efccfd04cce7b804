package io.mlindex.bench;

import io.mlindex.index.LineageDirection;
import io.mlindex.index.LineageGraph;
import io.mlindex.index.LineageRequest;
import io.mlindex.index.LineageResult;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.UnitState;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Issue 6's figure: a generated graph of DVC-like stages with about {@code edges} lineage edges
 * (each stage reads two files of the layer before it, one of them a popular "hub" file, and writes
 * two files with md5s), indexed; then a 10-hop downstream query from a hub file of the first layer,
 * timed (best and median of five after a warm-up), with the nodes and edges reached, the index
 * lookups made and the stored records read. Usage: {@code ./bench lineage [edges=1000000]
 * [maxNodes=100000] [dir]}.
 */
public final class LineageBenchmark {
  private static final int LAYERS = 12;
  private static final int PROJECTS = 1000;
  private static final int RUNS = 5;

  private LineageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int edges = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int maxNodes = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path base = args.length > 2 ? FileSystems.getDefault().getPath(args[2]) : Files.createTempDirectory("mlindex-lineage-bench");
    Path indexDir = base.resolve("lineage-index-" + edges);
    int stagesPerLayer = Math.max(1, edges / 4 / LAYERS);
    int filesPerLayer = 2 * stagesPerLayer;
    int hubs = Math.max(1, filesPerLayer / 100);
    try (RecordIndex index = RecordIndex.openWritable(indexDir, Clock.systemUTC())) {
      index.setHistoryVersions(0);
      long t = System.nanoTime();
      long written = generate(index, stagesPerLayer, filesPerLayer, hubs);
      System.out.printf(Locale.ROOT, "indexed %d stage records, %d lineage edges, %d layers of %d files in %.1f s; index %d MiB%n",
          (long) stagesPerLayer * LAYERS, written, LAYERS + 1, filesPerLayer, seconds(t), index.sizeOnDisk() >> 20);
      String start = file(0, 0);
      LineageRequest request = new LineageRequest(start, LineageDirection.DOWN, 10, maxNodes);
      query(index, request); // warm-up
      double[] times = new double[RUNS];
      LineageResult last = null;
      LineageGraph graph = null;
      for (int i = 0; i < RUNS; i++) {
        try (RecordSearcher s = index.searcher()) {
          graph = s.lineageGraph();
          long q = System.nanoTime();
          last = graph.traverse(request);
          times[i] = seconds(q);
        }
      }
      Arrays.sort(times);
      System.out.printf(Locale.ROOT,
          "10-hop downstream from %s (max %d nodes): best %.3f s, median %.3f s; %d nodes, %d edges, truncated %s;"
              + " %d index lookups, %d stored records read%n",
          start, maxNodes, times[0], times[RUNS / 2], last.nodes().size(), last.edges().size(), last.truncated(),
          graph.lookups(), graph.documentsRead());
    }
  }

  private static void query(RecordIndex index, LineageRequest request) throws Exception {
    try (RecordSearcher s = index.searcher()) {
      s.lineage(request);
    }
  }

  /** Stages layer by layer, one unit per project folder (written as generated); returns the edges written. */
  private static long generate(RecordIndex index, int stagesPerLayer, int filesPerLayer, int hubs) throws Exception {
    Random random = new Random(42);
    long edges = 0;
    for (int project = 0; project < PROJECTS; project++) {
      List<Record> records = new ArrayList<>();
      for (int layer = 1; layer <= LAYERS; layer++) {
        for (int s = project; s < stagesPerLayer; s += PROJECTS) {
          String name = "l" + layer + "s" + s;
          Record r = new Record(RecordKind.STAGE, "dvc", "/bench/p" + project + "/dvc.lock", name).setName(name);
          r.getLineage().input(ref(layer - 1, random.nextInt(hubs)));
          r.getLineage().input(ref(layer - 1, random.nextInt(filesPerLayer)));
          r.getLineage().output(ref(layer, 2 * s));
          r.getLineage().output(ref(layer, 2 * s + 1));
          edges += r.getLineage().getInputs().size() + r.getLineage().getOutputs().size();
          records.add(r);
        }
      }
      String path = "/bench/p" + project;
      index.replaceUnit(new UnitState("bench" + project, path, "/bench", true, "fp", List.of(), records.stream().map(Record::getId).toList(), null), records);
    }
    index.commit();
    return edges;
  }

  private static String file(int layer, int n) {
    return "/bench/data/layer" + layer + "/f" + n + ".csv";
  }

  private static LineageRef ref(int layer, int n) {
    String md5 = String.format(Locale.ROOT, "md5:%08x%08x%016x", layer, n, 0x5eedL);
    return LineageRef.path(file(layer, n), "deps").withHash(md5, 100L);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
