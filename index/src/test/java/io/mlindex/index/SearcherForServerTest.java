package io.mlindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.Series;
import io.mlindex.record.SeriesBuilder;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Highlighting, the field catalog, stored series and timeouts: what the HTTP server asks of a searcher. */
class SearcherForServerTest {
  @TempDir Path dir;
  private RecordIndex index;
  private Record notebook;
  private Record run;

  @BeforeEach
  void open() throws Exception {
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    notebook = new Record(RecordKind.NOTEBOOK, "notebook", "/data/n.ipynb").setName("n.ipynb");
    notebook.setText("We train a ResNet50 on <cifar> & compare.\n" + "filler words here. ".repeat(40)
        + "Later the resnet is fine-tuned with val_loss tracking.");
    notebook.tag("team", "vision");
    run = new Record(RecordKind.RUN, "mlflow", "/data/r1").setName("run-1");
    SeriesBuilder b = new SeriesBuilder();
    for (int i = 0; i < 10; i++) {
      b.add(i * 10L, i / 10.0);
    }
    run.metric("val_acc", b.build());
    run.metric("final", Metric.single(0.5));
    run.param("optimizer", "adam");
    run.param("lr", 0.01);
    run.getTime().setStart(Instant.parse("2024-01-01T00:00:00Z"));
    for (Record r : List.of(notebook, run)) {
      index.replaceUnit(new UnitState(UnitKeys.encode(r.getPath()), r.getPath(), "/data", false, "f", List.of(), List.of(r.getId()), null), List.of(r));
    }
    index.commit();
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  @Test
  void highlightsMarkWordsInTheTextAndEscapeTheRest() throws Exception {
    try (RecordSearcher s = index.searcher()) {
      Map<String, List<String>> h = s.highlights("cifar OR resnet", List.of(notebook.getId(), run.getId()), 3);
      assertEquals(List.of(notebook.getId()), List.copyOf(h.keySet()), "the run has no text");
      List<String> snippets = h.get(notebook.getId());
      assertEquals(2, snippets.size(), snippets.toString());
      assertTrue(snippets.get(0).contains("ResNet50 on &lt;<mark>cifar</mark>&gt; &amp; compare"), snippets.get(0));
      assertTrue(snippets.get(1).contains("<mark>resnet</mark>"), snippets.get(1));
      assertTrue(s.highlights("text:loss", List.of(notebook.getId()), 3).get(notebook.getId()).get(0).contains("<mark>val_loss</mark>"));
      assertTrue(s.highlights("resn*", List.of(notebook.getId()), 3).containsKey(notebook.getId()), "wildcards too");
      assertTrue(s.highlights("format:notebook", List.of(notebook.getId()), 3).isEmpty(), "no words, no snippets");
    }
  }

  @Test
  void fieldsUseTheNamesUsersWrite() throws Exception {
    try (RecordSearcher s = index.searcher()) {
      Map<String, String> f = s.fields();
      assertEquals("number", f.get("metric.val_acc"));
      assertEquals("number", f.get("param.lr"));
      assertEquals("keyword", f.get("param.optimizer"));
      assertEquals("keyword", f.get("tag.team"));
      assertEquals("keyword", f.get("format"));
      assertEquals("date", f.get("time.start"));
      assertEquals("text", f.get("text"));
      assertFalse(f.keySet().stream().anyMatch(k -> k.startsWith("n:") || k.startsWith("k:") || k.startsWith("unit") || k.equals("json") || k.equals("all")), f.toString());
    }
  }

  @Test
  void seriesComeBackAsStored() throws Exception {
    try (RecordSearcher s = index.searcher()) {
      Series series = s.series(run.getId(), "val_acc").orElseThrow();
      assertEquals(10, series.size());
      assertEquals(90L, series.steps()[9]);
      assertEquals(0.9, series.values()[9]);
      assertTrue(s.series(run.getId(), "final").isEmpty(), "a single value has no series");
      assertTrue(s.series(notebook.getId(), "val_acc").isEmpty());
      assertTrue(s.series("0000000000000000", "val_acc").isEmpty());
    }
    assertNull(RecordDocuments.decodeSeries(new byte[] {0, 0, 0, 1, 0, 1, 'x', 0x7f, 0, 0, 0}, "x"), "damaged bytes");
  }

  @Test
  void aSearchPastItsBudgetSaysSo() throws Exception {
    try (RecordSearcher s = index.searcher(Duration.ofNanos(1))) {
      s.search(SearchRequest.of(""));
      assertTrue(s.timedOut());
    }
    try (RecordSearcher s = index.searcher(Duration.ofSeconds(30))) {
      assertEquals(2, s.search(SearchRequest.of("")).total());
      assertFalse(s.timedOut());
    }
  }
}
