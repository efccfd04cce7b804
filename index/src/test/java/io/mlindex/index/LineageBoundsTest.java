package io.mlindex.index;

import static io.mlindex.index.LineageTrees.file;
import static io.mlindex.index.LineageTrees.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.record.Record;
import io.mlindex.record.UnitState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A huge fan-out stays bounded: the answer, the documents read and the lookups made. */
class LineageBoundsTest {
  @TempDir Path dir;
  private RecordIndex index;

  @BeforeEach
  void open() throws Exception {
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    index.setHistoryVersions(0);
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  private void putAll(String unitKey, List<Record> records) throws Exception {
    index.replaceUnit(new UnitState(unitKey, "/big", "/", true, "fp", List.of(), records.stream().map(Record::getId).toList(), null), records);
    index.commit();
  }

  @Test
  void aStageWithAHundredThousandOutputsIsCutAtTheNodeLimit() throws Exception {
    Record huge = stage("/big/dvc.lock", "split", List.of(file("/big/raw.csv")), List.of());
    for (int i = 0; i < 100_000; i++) {
      // straight into the list: Lineage.output's duplicate check is quadratic, and these are distinct
      huge.getLineage().getOutputs().add(file(String.format(Locale.ROOT, "/big/shards/part-%06d.csv", i)));
    }
    putAll("big", List.of(huge));
    try (RecordSearcher s = index.searcher()) {
      LineageGraph graph = s.lineageGraph();
      LineageResult r = graph.traverse(new LineageRequest("/big/raw.csv", LineageDirection.DOWN, LineageRequest.UNLIMITED, 500));
      assertEquals(500, r.nodes().size());
      assertTrue(r.truncated());
      assertTrue(graph.documentsRead() < 20, "documents read: " + graph.documentsRead());
      assertTrue(graph.lookups() < 20, "lookups: " + graph.lookups());
    }
  }

  @Test
  void tenThousandReadersOfOneFolderAreCutAndTheQueryOperatorRefusesThemPastItsBound() throws Exception {
    List<Record> readers = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      readers.add(stage("/big/dvc.lock", "use" + i, List.of(file("/big/shared")), List.of()));
    }
    putAll("readers", readers);
    try (RecordSearcher s = index.searcher()) {
      LineageGraph graph = s.lineageGraph();
      LineageResult r = graph.traverse(new LineageRequest("/big/shared", LineageDirection.DOWN, LineageRequest.UNLIMITED, 100));
      assertEquals(100, r.nodes().size());
      assertTrue(r.truncated());
      assertTrue(graph.documentsRead() <= 300, "documents read: " + graph.documentsRead());

      assertEquals(10_000, graph.reachableRecords("/big/shared", LineageDirection.DOWN, 10_000).size());
      LineageException big = assertThrows(LineageException.class,
          () -> s.lineageGraph().reachableRecords("/big/shared", LineageDirection.DOWN, 1000));
      assertEquals(LineageException.Reason.TOO_LARGE, big.reason());
      assertEquals(10_000, s.count("derivedFrom:\"/big/shared\""));
    }
  }
}
