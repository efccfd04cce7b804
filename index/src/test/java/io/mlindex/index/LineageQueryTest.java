package io.mlindex.index;

import static io.mlindex.index.LineageTrees.file;
import static io.mlindex.index.LineageTrees.model;
import static io.mlindex.index.LineageTrees.notebook;
import static io.mlindex.index.LineageTrees.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derivedFrom: and feeds: inside normal searches. */
class LineageQueryTest {
  static final String SHA = "sha256:" + "ab".repeat(32);
  @TempDir Path dir;
  private RecordIndex index;
  private Record good;
  private Record weak;
  private Record copy;
  private Record unrelated;

  @BeforeEach
  void open() throws Exception {
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    good = model("/p/models/good.pkl", SHA);
    good.metric("f1", Metric.single(0.91));
    weak = model("/p/models/weak.pkl", null);
    weak.metric("f1", Metric.single(0.55));
    copy = model("/backup/good-copy.pkl", SHA);
    copy.metric("f1", Metric.single(0.91));
    unrelated = model("/q/models/other.pkl", null);
    unrelated.metric("f1", Metric.single(0.99));
    new LineageTrees(index).put(
        stage("/p/dvc.lock", "prepare", List.of(file("/p/data/raw.csv")), List.of(file("/p/data/clean.csv"))),
        stage("/p/dvc.lock", "train", List.of(file("/p/data/clean.csv")), List.of(file("/p/models/good.pkl", "md5:" + "01".repeat(16)))),
        notebook("/p/nb/quick.ipynb", List.of(file("/p/data/raw.csv")), List.of(file("/p/models/weak.pkl"))),
        stage("/q/dvc.lock", "train", List.of(file("/q/data/raw2.csv")), List.of(file("/q/models/other.pkl"))),
        good, weak, copy, unrelated);
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  private Set<String> names(String query) throws Exception {
    try (RecordSearcher s = index.searcher()) {
      return Set.copyOf(s.search(new SearchRequest(query, null, 100, 0, List.of(), false)).hits().stream().map(Record::getName).toList());
    }
  }

  @Test
  void derivedFromCombinesWithOtherClauses() throws Exception {
    assertEquals(Set.of("good.pkl", "weak.pkl", "good-copy.pkl"), names("kind:model AND derivedFrom:\"data/raw.csv\""));
    assertEquals(Set.of("good.pkl", "good-copy.pkl"), names("kind:model AND derivedFrom:\"data/raw.csv\" AND metric.f1:>0.8"));
    assertEquals(Set.of("prepare", "train", "quick.ipynb", "good.pkl", "weak.pkl", "good-copy.pkl"), names("derivedFrom:\"/p/data/raw.csv\""));
    assertEquals(Set.of("other.pkl"), names("kind:model AND NOT derivedFrom:\"data/raw.csv\""));
    assertEquals(Set.of("good-copy.pkl", "good.pkl"), names("kind:model AND (derivedFrom:\"data/clean.csv\" OR derivedFrom:\"nothing.csv\")"));
    assertEquals(Set.of(), names("derivedFrom:\"/nowhere/x.csv\""));
  }

  @Test
  void feedsFindsUpstreamRecordsByIdPathOrHash() throws Exception {
    assertEquals(Set.of("prepare", "train", "good.pkl"), names("feeds:\"" + copy.getId() + "\""));
    assertEquals(Set.of("prepare", "train"), names("kind:stage AND feeds:\"" + SHA + "\""));
    assertEquals(Set.of("quick.ipynb"), names("feeds:\"models/weak.pkl\""));
    assertEquals(Set.of("quick.ipynb"), names("derived_from:\"raw.csv\" AND kind:notebook"));
  }

  @Test
  void patternsAndBrokenOperatorsAreClearErrors() throws Exception {
    try (RecordSearcher s = index.searcher()) {
      QuerySyntaxException wildcard = assertThrows(QuerySyntaxException.class, () -> s.count("derivedFrom:raw*"));
      assertTrue(wildcard.getMessage().contains("not a pattern"), wildcard.getMessage());
      QuerySyntaxException unquoted = assertThrows(QuerySyntaxException.class, () -> s.count("kind:model AND derivedFrom:/p/data/raw.csv/"));
      assertTrue(unquoted.getMessage().contains("in quotes"), unquoted.getMessage());
      assertEquals(16, unquoted.position());
      QuerySyntaxException range = assertThrows(QuerySyntaxException.class, () -> s.count("feeds:[a TO b]"));
      assertTrue(range.getMessage().contains("ranges work on"), range.getMessage());
    }
    QueryTranslator tooMany = new QueryTranslator((ref, d, max) -> {
      throw new LineageException(LineageException.Reason.TOO_LARGE, "reaches more than " + max + " records");
    });
    QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> tooMany.translate("kind:model AND derivedFrom:\"x\""));
    assertEquals("derivedFrom: reaches more than 100000 records (at position 29)", e.getMessage());
    QuerySyntaxException none = assertThrows(QuerySyntaxException.class, () -> new QueryTranslator().translate("feeds:\"x\""));
    assertTrue(none.getMessage().contains("need an index"), none.getMessage());
  }
}
