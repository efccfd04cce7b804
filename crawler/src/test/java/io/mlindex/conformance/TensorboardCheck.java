package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * tfevents: params (hparams session start), each certain scalar's last value, count and last step,
 * non-scalar tags under their plugin, the scalar encodings used, and the file's record count, CRC
 * errors and version.
 * git-lfs-pointer: oid and size.
 *
 * <p>Name mapping: the manifest's {@code non_scalar_tags} ({tag: {plugin}}) are our
 * {@code properties.tags.<plugin>} lists; its per-tag {@code value_encoding}s, as a sorted distinct
 * list, are {@code properties.scalar_encodings}; its {@code run_info} fields are properties of the
 * same name; {@code count} is {@link Metric#steps()}.
 */
public final class TensorboardCheck implements FormatCheck {
  @Override
  public Set<String> formats() {
    return Set.of("tfevents", "git-lfs-pointer");
  }

  @Override
  public double required(String format) {
    return format.equals("tfevents") ? 1.0 : 0.99;
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    String format = e.format().equals("tfevents") ? "tensorboard" : "git-lfs-pointer";
    Record r = crawl.find(e.path(), format);
    if (r == null) {
      c.mismatches.add(e.id() + ": no " + format + " record harvested");
      return;
    }
    c.recordsFound++;
    if (format.equals("git-lfs-pointer")) {
      checkPointer(e, r, tally);
      return;
    }
    if (e.get("params").isObject()) {
      Expect.params(e, r.getParams(), tally);
    }
    Expect.metricLasts(e, r.getMetrics(), "last", tally);
    Checks.seriesShape(e, r.getMetrics(), tally);
    TreeSet<String> encodings = new TreeSet<>();
    e.get("metrics").forEach(m -> {
      if (m.hasNonNull("value_encoding")) {
        encodings.add(m.get("value_encoding").asText());
      }
    });
    if (!encodings.isEmpty()) {
      Object actual = r.getProperties().get("scalar_encodings");
      tally.fact(e, "scalar encodings", new ArrayList<>(encodings).equals(actual), encodings, actual);
    }
    e.get("non_scalar_tags").fields().forEachRemaining(t -> {
      String plugin = t.getValue().path("plugin").asText();
      Object listed = r.getProperties().get("tags." + plugin);
      boolean ok = listed instanceof List<?> l && l.contains(t.getKey());
      tally.fact(e, "non-scalar tag " + t.getKey(), ok, plugin, listed);
    });
    JsonNode info = e.get("run_info");
    for (String field : List.of("records", "crc_errors", "file_version", "max_step")) {
      if (info.has(field) && !info.get(field).isNull()) {
        Object actual = r.getProperties().get(field);
        tally.fact(e, "run_info " + field, Expect.same(actual, info.get(field)), info.get(field), actual);
      }
    }
  }

  private static void checkPointer(ManifestEntry e, Record r, Tally tally) {
    JsonNode expected = e.expected();
    String oid = expected.path("oid").asText(null);
    if (oid != null) {
      String bare = oid.startsWith("sha256:") ? oid.substring(7) : oid;
      tally.fact(e, "oid", bare.equals(r.getProperties().get("oid")), bare, r.getProperties().get("oid"));
    }
    if (expected.has("size")) {
      Object size = r.getProperties().get("size");
      tally.fact(e, "size", Expect.same(size, expected.get("size")), expected.get("size"), size);
    }
  }
}
