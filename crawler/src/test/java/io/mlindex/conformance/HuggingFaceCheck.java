package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The Hugging Face formats, one record per file:
 *
 * <ul>
 *   <li>hf-trainer-state ({@code hf-trainer}): each certain metric's last, count, last step, min and
 *       max; {@code run_info} values as properties (training arguments as params).
 *   <li>hf-results ({@code hf-trainer}): metric last values.
 *   <li>hf-model-config ({@code huggingface}): {@code model} values as properties.
 *   <li>peft-adapter-config ({@code huggingface}): params.
 *   <li>hf-model-card ({@code huggingface}): {@code front_matter} values as properties (nested ones
 *       flattened with dots), certain params and metrics; {@code model_index} by its metric count.
 * </ul>
 */
public final class HuggingFaceCheck implements FormatCheck {
  private static final Map<String, String> RECORD_FORMAT = Map.of(
      "hf-trainer-state", "hf-trainer",
      "hf-results", "hf-trainer",
      "hf-model-config", "huggingface",
      "peft-adapter-config", "huggingface",
      "hf-model-card", "huggingface");

  @Override
  public Set<String> formats() {
    return RECORD_FORMAT.keySet();
  }

  @Override
  public double required(String format) {
    return format.equals("hf-trainer-state") ? 1.0 : 0.99;
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = crawl.find(e.path(), RECORD_FORMAT.get(e.format()));
    if (r == null) {
      c.mismatches.add(e.id() + ": no " + RECORD_FORMAT.get(e.format()) + " record harvested");
      return;
    }
    c.recordsFound++;
    switch (e.format()) {
      case "hf-trainer-state" -> {
        series(e, r, tally);
        values(e, "run_info", r, tally);
      }
      case "hf-results" -> Expect.metricLasts(e, r.getMetrics(), "last", tally);
      case "hf-model-config" -> values(e, "model", r, tally);
      case "peft-adapter-config" -> Expect.params(e, r.getParams(), tally);
      case "hf-model-card" -> {
        values(e, "front_matter", r, tally);
        Expect.params(e, r.getParams(), tally);
        Expect.metricLasts(e, r.getMetrics(), "last", tally);
        modelIndex(e, r, tally);
      }
      default -> throw new IllegalStateException(e.format());
    }
  }

  /** Every certain metric: last, count, last_step, min, max. */
  private static void series(ManifestEntry e, Record r, Tally tally) {
    for (Iterator<Map.Entry<String, JsonNode>> it = e.get("metrics").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      JsonNode x = m.getValue();
      if (Expect.uncertain(x)) {
        continue;
      }
      Metric a = r.getMetrics().get(m.getKey());
      String name = "metric " + m.getKey();
      if (a == null) {
        tally.fact(e, name, false, x, null);
        continue;
      }
      number(e, tally, name + " last", x, "last", a.last());
      if (x.has("count")) {
        tally.fact(e, name + " count", a.steps() == x.get("count").asLong(), x.get("count"), a.steps());
      }
      if (x.has("last_step")) {
        tally.fact(e, name + " last_step", a.lastStep() != null && a.lastStep() == x.get("last_step").asLong(),
            x.get("last_step"), a.lastStep());
      }
      number(e, tally, name + " min", x, "min", a.min());
      number(e, tally, name + " max", x, "max", a.max());
    }
  }

  private static void number(ManifestEntry e, Tally tally, String what, JsonNode expected, String field, Double actual) {
    Double want = Expect.last(expected, field);
    if (want != null) {
      tally.fact(e, what, actual != null && Expect.sameNumber(actual, want), want, actual);
    }
  }

  /** Each value of an expected object against the property (else the param) of that name. */
  private static void values(ManifestEntry e, String section, Record r, Tally tally) {
    for (Iterator<Map.Entry<String, JsonNode>> it = e.get(section).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (Expect.uncertain(f.getValue())) {
        continue;
      }
      if (f.getValue().isObject() && !f.getValue().has("value")) {
        f.getValue().fields().forEachRemaining(sub -> compare(e, section, f.getKey() + "." + sub.getKey(), sub.getValue(), r, tally));
      } else {
        compare(e, section, f.getKey(), f.getValue(), r, tally);
      }
    }
  }

  private static void compare(ManifestEntry e, String section, String key, JsonNode expected, Record r, Tally tally) {
    Object actual = r.getProperties().containsKey(key) ? r.getProperties().get(key) : r.getParams().get(key);
    JsonNode want = Expect.value(expected);
    tally.fact(e, section + " " + key, Expect.same(actual, want), want, actual);
  }

  private static void modelIndex(ManifestEntry e, Record r, Tally tally) {
    JsonNode index = e.get("model_index");
    if (index.isArray()) {
      long expected = 0;
      for (JsonNode model : index) {
        for (JsonNode result : model.path("results")) {
          expected += result.path("metrics").size();
        }
      }
      tally.fact(e, "model-index metric count", r.getMetrics().size() == expected, expected, r.getMetrics().size());
    }
  }
}
