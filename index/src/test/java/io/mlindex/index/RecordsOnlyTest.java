package io.mlindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordsOnlyTest {
  private final QueryTranslator translator = new QueryTranslator();

  private boolean confined(String userQuery) throws Exception {
    return RecordsOnly.matchesOnlyRecords(translator.translate(userQuery));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "kind:run", "metric.acc:>0.9", "param.optimizer:adam AND tag.team:vision", "resnet",
      "\"learning rate\"", "path:\"data/train.csv\"", "has:metric.loss", "kind:run -format:mlflow",
      "kind:run OR kind:model", "time.start:[2024-01-01 TO 2025-01-01]", "id:abc", "warnings:truncated"})
  void queriesOverRecordFieldsNeedNoFilter(String q) throws Exception {
    assertTrue(confined(q), q);
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "*:*", "-kind:run", "kind:run OR -name:x", "-(kind:run AND format:mlflow)"})
  void queriesThatCouldReachBookkeepingKeepTheFilter(String q) throws Exception {
    assertFalse(confined(q), q);
  }

  @Test
  void compoundQueriesAreJudgedByTheirLeaves() {
    String n = IndexSchema.numeric("metric.acc");
    Query range = new IndexOrDocValuesQuery(
        DoublePoint.newRangeQuery(n, 0.5, 1.0), SortedNumericDocValuesField.newSlowRangeQuery(n, 0, 10));
    assertTrue(RecordsOnly.matchesOnlyRecords(range));
    assertTrue(RecordsOnly.matchesOnlyRecords(new PhraseQuery(IndexSchema.TEXT, "a", "b")));
    Query negated = new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.MUST)
        .add(new TermQuery(new Term("kind", "run")), Occur.MUST_NOT)
        .build();
    assertFalse(RecordsOnly.matchesOnlyRecords(negated));
    assertEquals(2, ((BooleanQuery) RecordsOnly.of(negated)).clauses().size());
    Query either = new BooleanQuery.Builder()
        .add(new TermQuery(new Term("kind", "run")), Occur.SHOULD)
        .add(new TermQuery(new Term(IndexSchema.UNIT_KEY, "x")), Occur.SHOULD)
        .build();
    assertFalse(RecordsOnly.matchesOnlyRecords(either), "unit documents carry unit_key");
    Query term = new TermQuery(new Term("kind", "run"));
    assertEquals(term, RecordsOnly.of(term));
  }
}
