package io.mlindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordComparisonTest {
  @Test
  void valuesAreComparedAsNumbersWhereTheyReadAsNumbers() {
    Record a = new Record(RecordKind.RUN, "mlflow", "/a").param("lr", "0.001").param("opt", "adam").param("dims", List.of(1, 2));
    Record b = new Record(RecordKind.RUN, "wandb", "/b").param("lr", 1e-3).param("opt", "Adam").param("dims", List.of("1", "2.0"));
    Record c = new Record(RecordKind.RUN, "hydra", "/c").param("lr", 0.001);
    a.metric("acc", Metric.single(0.9));
    b.metric("acc", Metric.single(0.9));
    c.metric("acc", Metric.single(0.8));
    RecordComparison ab = new RecordComparison(List.of(a, b));
    assertEquals(List.of("opt"), ab.differingParams(), "0.001 = 1e-3, [1, 2] = [\"1\", \"2.0\"], adam != Adam");
    assertEquals(List.of(), ab.differingMetrics());
    RecordComparison abc = new RecordComparison(List.of(a, b, c));
    assertEquals(List.of("dims", "opt"), abc.differingParams(), "missing differs from present");
    assertEquals(List.of("acc"), abc.differingMetrics());
    assertEquals(Arrays.asList(0.9, 0.9, 0.8), abc.metrics().get("acc"));
    assertNull(abc.params().get("opt").get(2));
    assertEquals("/c", abc.toJson().get("records").get(2).get("path").asText());
    assertEquals("hydra", abc.toJson().get("records").get(2).get("format").asText());
  }
}
