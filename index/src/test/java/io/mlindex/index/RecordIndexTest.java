package io.mlindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.SeriesBuilder;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIndexTest {
  @TempDir Path dir;
  private RecordIndex index;

  @BeforeEach
  void open() throws Exception {
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  static Record run(String path, String name, double acc) {
    Record r = new Record(RecordKind.RUN, "mlflow", path);
    r.setName(name);
    r.setRoot("/data");
    r.metric("val_acc", Metric.single(acc));
    return r;
  }

  private void put(Record... records) throws Exception {
    for (Record r : records) {
      String key = UnitKeys.encode(r.getPath());
      index.replaceUnit(new UnitState(key, r.getPath(), "/data", true, "fp", List.of(r.getPath()), List.of(r.getId()), null), List.of(r));
    }
    index.commit();
  }

  private List<String> names(String query, String sort) throws Exception {
    try (RecordSearcher s = index.searcher()) {
      return s.search(new SearchRequest(query, sort, 100, 0, List.of(), false)).hits().stream().map(Record::getName).toList();
    }
  }

  @Test
  void numericRangesAndSortingOnAnyMetric() throws Exception {
    Record nan = run("/data/e/4", "nan-run", Double.NaN);
    Record none = new Record(RecordKind.RUN, "mlflow", "/data/e/5").setName("no-metric");
    put(run("/data/e/1", "low", 0.42), run("/data/e/2", "high", 0.93), run("/data/e/3", "mid", 0.91), nan, none);
    assertEquals(List.of("high", "mid"), names("metric.val_acc:>0.9", "metric.val_acc:desc"));
    assertEquals(List.of("mid", "high"), names("metric.val_acc:>0.9", "metric.val_acc:asc"));
    assertEquals(List.of("mid"), names("metric.val_acc:[0.9 TO 0.92]", null));
    assertEquals(List.of("high", "mid", "low", "nan-run", "no-metric"), names("", "metric.val_acc:desc"),
        "records without a value (or NaN) sort last, also descending");
    assertEquals(List.of("low", "mid", "high", "nan-run", "no-metric"), names("", "metric.val_acc:asc"));
    assertEquals(List.of("high"), names("metric.val_acc:>=0.93", null));
    assertEquals(List.of("low"), names("metric.val_acc:<0.5", null));
  }

  @Test
  void paramsAreNumericWhenTheyLookNumericAndKeywordsAlways() throws Exception {
    Record a = run("/data/p/a", "a", 0.1).param("lr", "0.001").param("optimizer.name", "adam").param("layers", List.of(64L, 32L));
    Record b = run("/data/p/b", "b", 0.2).param("lr", 0.01).param("optimizer.name", "sgd").param("use_amp", true);
    put(a, b);
    assertEquals(List.of("a", "b"), names("param.lr:[1e-4 TO 1e-2]", "param.lr:asc"));
    assertEquals(List.of("a"), names("param.lr:0.001", null));
    assertEquals(List.of("a"), names("param.lr:1e-3", null), "numbers match by value, not spelling");
    assertEquals(List.of("b"), names("param.optimizer.name:sgd", null));
    assertEquals(List.of("a"), names("param.layers:64", null));
    assertEquals(List.of("b"), names("param.use_amp:true", null));
    assertEquals(List.of("b", "a"), names("", "param.optimizer.name:desc"));
  }

  @Test
  void keywordFieldsTextAndTags() throws Exception {
    Record r = run("/data/t/1", "resnet50-baseline", 0.5);
    r.tag("team", "vision");
    r.getCode().getImports().add("torch");
    r.getCode().setGitCommit("0123456789abcdef0123456789abcdef01234567");
    r.setText("we tune the learningRate and watch val_loss closely");
    r.warn("unsafe pickle: references os.system");
    put(r, run("/data/t/2", "other", 0.6));
    assertEquals(List.of("resnet50-baseline"), names("resnet", null), "code-aware words: resnet50 -> resnet, 50");
    assertEquals(List.of("resnet50-baseline"), names("learning", null));
    assertEquals(List.of("resnet50-baseline"), names("val_loss", null));
    assertEquals(List.of("resnet50-baseline"), names("loss", null));
    assertEquals(List.of("resnet50-baseline"), names("tag.team:vision", null));
    assertEquals(List.of("resnet50-baseline"), names("code.imports:torch", null));
    assertEquals(List.of("resnet50-baseline"), names("git.commit:0123456789abcdef0123456789abcdef01234567", null));
    assertEquals(List.of("resnet50-baseline"), names("warnings:\"unsafe pickle\"", null));
    assertEquals(List.of("resnet50-baseline"), names("kind:RUN AND format:MLflow AND NOT other", null));
    assertEquals(2, names("format:mlflow", "name:asc").size());
    assertEquals(List.of("other"), names("format:mlflow AND NOT resnet", null));
    assertEquals(List.of("resnet50-baseline"), names("has:tag.team", null));
    assertEquals(List.of("other", "resnet50-baseline"), names("under:\"/data/t\"", "name"));
  }

  @Test
  void bookkeepingDocumentsNeverAnswerASearch() throws Exception {
    put(run("/data/b/1", "first", 0.5), run("/data/b/2", "second", 0.6));
    put(run("/data/b/1", "first", 0.7)); // a new version: the index now also holds a version document
    List<String> both = List.of("first", "second");
    assertEquals(both, names("", "name"));
    assertEquals(both, names("*", "name"));
    assertEquals(both, names("-kind:model", "name"));
    assertEquals(both, names("kind:run", "name"));
    assertEquals(List.of("first"), names("metric.val_acc:>0.65 OR -kind:run", "name"));
    assertEquals(both, names("under:\"/data/b\"", "name"));
  }

  @Test
  void badQueriesNameTheProblemAndPosition() throws Exception {
    put(run("/data/q/1", "x", 0.5));
    try (RecordSearcher s = index.searcher()) {
      QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> s.search(SearchRequest.of("metric.acc:>>")));
      assertEquals(13, e.position());
      assertTrue(e.getMessage().contains("unexpected '>'"), e.getMessage());
      e = assertThrows(QuerySyntaxException.class, () -> s.search(SearchRequest.of("x AND metrc.acc:>1")));
      assertEquals(7, e.position());
      assertTrue(e.getMessage().startsWith("unknown field 'metrc.acc'"), e.getMessage());
      e = assertThrows(QuerySyntaxException.class, () -> s.search(SearchRequest.of("metric.acc:abc")));
      assertTrue(e.getMessage().contains("not a number"), e.getMessage());
      e = assertThrows(QuerySyntaxException.class, () -> s.search(SearchRequest.of("(a AND b")));
      assertTrue(e.getMessage().contains("ends too early"), e.getMessage());
      e = assertThrows(QuerySyntaxException.class, () -> s.search(SearchRequest.of("x").withSort("bogus")));
      assertTrue(e.getMessage().startsWith("cannot sort by 'bogus'"), e.getMessage());
      e = assertThrows(QuerySyntaxException.class, () -> s.search(SearchRequest.of("x").withPage(10, 9995)));
      assertTrue(e.getMessage().contains("10000"), e.getMessage());
    }
  }

  @Test
  void replacingAUnitReplacesItsRecordsAndDeletingRemovesThem() throws Exception {
    Record a = run("/data/u/1", "one", 0.1);
    put(a);
    Record a2 = run("/data/u/1", "one-again", 0.2);
    put(a2);
    assertEquals(List.of("one-again"), names("", null));
    index.deleteUnit(UnitKeys.encode("/data/u/1"));
    index.commit();
    assertEquals(List.of(), names("", null));
  }

  @Test
  void unitsUnderARootComeInWalkOrderAndStopAtTheRootsEdge() throws Exception {
    put(run("/data/a-b", "1", 0), run("/data/a/b", "2", 0), run("/data/a", "3", 0), run("/datax/c", "4", 0), run("/data", "5", 0));
    List<String> paths = new ArrayList<>();
    Iterator<UnitState> it = index.unitsUnder(UnitKeys.encode("/data"));
    it.forEachRemaining(u -> paths.add(u.path()));
    ((AutoCloseable) it).close();
    assertEquals(List.of("/data", "/data/a", "/data/a/b", "/data/a-b"), paths);
  }

  @Test
  void seriesAndTextSurviveTheRoundTrip() throws Exception {
    SeriesBuilder b = new SeriesBuilder();
    for (int i = 0; i < 10; i++) {
      b.add(i, 1.0 / (i + 1));
    }
    Record r = run("/data/s/1", "s", 0.5).metric("loss", b.build());
    r.setText("some text");
    put(r);
    try (RecordSearcher s = index.searcher()) {
      Record back = s.get(r.getId()).orElseThrow();
      assertEquals("some text", back.getText());
      assertEquals(0.1, back.getMetrics().get("loss").last(), 1e-12);
      assertEquals(10, back.getMetrics().get("loss").steps());
      assertEquals(Map.of("format", Map.of("mlflow", 1L)), s.search(new SearchRequest("", null, 1, 0, List.of("format"), false)).facets());
    }
  }

  @Test
  void facetCountsFollowEveryWriteAndRepeatOnAnUnchangedView() throws Exception {
    put(run("/data/f/1", "a", 0.5), run("/data/f/2", "b", 0.6));
    SearchRequest byFormat = new SearchRequest("metric.val_acc:>0", null, 1, 0, List.of("format", "kind"), false);
    try (RecordSearcher s = index.searcher()) {
      Map<String, Map<String, Long>> first = s.search(byFormat).facets();
      assertEquals(Map.of("mlflow", 2L), first.get("format"));
      assertEquals(first, s.search(byFormat).facets(), "the same view answers the same counts");
      assertEquals(Map.of("format", Map.of("mlflow", 1L)),
          s.search(new SearchRequest("name:a", null, 1, 0, List.of("format"), false)).facets(), "another query counts anew");
    }
    put(run("/data/f/3", "c", 0.7), run("/data/f/4", "d", 0.8));
    index.deleteUnit(UnitKeys.encode("/data/f/1"));
    index.commit();
    try (RecordSearcher s = index.searcher()) {
      assertEquals(Map.of("mlflow", 3L), s.search(byFormat).facets().get("format"), "a new view counts the writes");
      assertEquals(Map.of("run", 3L), s.search(byFormat).facets().get("kind"));
    }
  }

  @Test
  void readersWorkBesideTheWriterAndASecondWriterIsRefused() throws Exception {
    put(run("/data/r/1", "visible", 0.5));
    try (RecordIndex reader = RecordIndex.openReadOnly(dir.resolve("idx"), Clock.systemUTC());
        RecordSearcher s = reader.searcher()) {
      assertEquals(1, s.count(""));
    }
    IndexUnavailableException e = assertThrows(IndexUnavailableException.class,
        () -> RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC()));
    assertTrue(e.getMessage().contains("another mlindex process"), e.getMessage());
    e = assertThrows(IndexUnavailableException.class, () -> RecordIndex.openReadOnly(dir.resolve("none"), Clock.systemUTC()));
    assertTrue(e.getMessage().contains("run 'mlindex crawl"), e.getMessage());
  }

  @Test
  void anIndexOfAnotherSchemaVersionIsRebuiltNotFatal() throws Exception {
    put(run("/data/v/1", "old", 0.5));
    index.close();
    try (FSDirectory d = FSDirectory.open(dir.resolve("idx"));
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      w.setLiveCommitData(Map.of(IndexSchema.COMMIT_SCHEMA_KEY, "0").entrySet());
      w.commit();
    }
    assertThrows(IndexUnavailableException.class, () -> RecordIndex.openReadOnly(dir.resolve("idx"), Clock.systemUTC()));
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    assertFalse(names("", null).contains("old"));
    try (RecordIndex reader = RecordIndex.openReadOnly(dir.resolve("idx"), Clock.systemUTC())) {
      assertTrue(reader.lastCommit() != null);
    }
  }

  @Test
  void changedParamsOrMetricsKeepEarlierVersionsUpToTheBound() throws Exception {
    index.setHistoryVersions(2);
    Record v1 = run("/data/h/1", "h", 0.5).param("lr", "0.1");
    index.crawlStarted("crawl-1", java.time.Instant.now());
    put(v1);
    put(run("/data/h/1", "h", 0.5).param("lr", "0.1")); // unchanged: no version
    try (RecordSearcher s = index.searcher()) {
      assertEquals(0, s.history(v1.getId()).size());
    }
    for (int i = 2; i <= 4; i++) {
      index.crawlStarted("crawl-" + i, java.time.Instant.now());
      put(run("/data/h/1", "h", 0.5 + i / 10.0).param("lr", "0.0" + i));
    }
    try (RecordSearcher s = index.searcher()) {
      var versions = s.history(v1.getId());
      assertEquals(2, versions.size(), versions.toString());
      var newest = versions.get(0);
      assertEquals("crawl-4", newest.get("crawl").asText());
      assertEquals("0.03", newest.get("changes").get("params").get("lr").get(0).asText());
      assertEquals("0.04", newest.get("changes").get("params").get("lr").get(1).asText());
      assertEquals(0.8, newest.get("changes").get("metrics").get("val_acc").get(0).asDouble(), 1e-9);
      assertEquals("0.03", newest.get("record").get("params").get("lr").asText());
    }
  }

  @Test
  void crawlReportsRootsAndForgetting() throws Exception {
    put(run("/data/f/1", "a", 0.1), run("/data/f/2", "b", 0.2), run("/other/3", "c", 0.3));
    index.crawlFinished("c1", "/data", java.time.Instant.parse("2026-01-01T00:00:00Z"), true, "{\"id\":\"c1\"}");
    index.crawlFinished("c2", "/data", java.time.Instant.parse("2026-01-02T00:00:00Z"), false, "{\"id\":\"c2\"}");
    try (RecordSearcher s = index.searcher()) {
      assertEquals(List.of("{\"id\":\"c2\"}", "{\"id\":\"c1\"}"), s.crawls(10));
      assertEquals(1, s.unreachableRoots().size());
      assertEquals("/data", s.unreachableRoots().get(0)[0]);
      assertEquals(3, s.count(""), "records of an unreachable root stay");
    }
    index.forgetRoot(UnitKeys.encode("/data"));
    assertEquals(List.of("c"), names("", null));
    try (RecordSearcher s = index.searcher()) {
      assertTrue(s.unreachableRoots().isEmpty());
    }
  }

  @Test
  void unitsAreFoundByContentHash() throws Exception {
    Record r = run("/data/m/model.bin", "m", 0.1);
    index.replaceUnit(new UnitState(UnitKeys.encode(r.getPath()), r.getPath(), "/data", false, "fp", List.of(), List.of(r.getId()), "sha256:ab"), List.of(r));
    index.commit();
    assertEquals("/data/m/model.bin", index.unitsWithContentHash("sha256:ab").get(0).path());
    assertTrue(index.unitsWithContentHash("sha256:cd").isEmpty());
  }

  @Test
  void relativePathsMatchByTrailingComponents() throws Exception {
    Record nb = run("/data/proj/notebooks/train.ipynb", "nb", 0.1);
    nb.getLineage().input(io.mlindex.record.LineageRef.path("/data/proj/data/train.csv", "pd.read_csv"));
    nb.getLineage().output(io.mlindex.record.LineageRef.path("/data/proj/models/m.pkl", "joblib.dump"));
    put(nb, run("/data/other/train.csv.bak", "other", 0.2));
    assertEquals(List.of("nb"), names("lineage:\"data/train.csv\"", null));
    assertEquals(List.of("nb"), names("lineage.in:\"train.csv\"", null));
    assertEquals(List.of(), names("lineage.out:\"train.csv\"", null));
    assertEquals(List.of("nb"), names("lineage:\"/data/proj/models/m.pkl\"", null));
    assertEquals(List.of("nb"), names("path:\"notebooks/train.ipynb\"", null));
    assertEquals(List.of(), names("path:\"ata/train.csv\"", null), "whole components only");
  }
}
