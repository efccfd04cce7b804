package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.Record;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * wandb-run: params (config.yaml values), metric last values (summary), run info (W&B's {@code _step},
 * {@code _runtime}, {@code _timestamp}, versions, environment and start time as properties and
 * times), code references, the files present and the number of media summary keys.
 *
 * <p>Mapping: {@code run_info.startedAt} is the record's start time; {@code code_refs.codePath} is
 * {@code code.script}, {@code program} the property {@code program}; {@code files_present} are each
 * looked up in the property {@code files}; {@code non_scalar_summary_keys} is compared by count with
 * {@code summary_media_count} where the manifest read a wandb-summary.json (it does not decode the
 * binary log, which for offline runs holds the only summary). The manifest's {@code note} is prose
 * and skipped.
 */
public final class WandbRunCheck implements FormatCheck {
  private static final Set<String> NOT_FACTS = Set.of("note", "startedAt");

  @Override
  public Set<String> formats() {
    return Set.of("wandb-run");
  }

  @Override
  public void check(ManifestEntry e, CrawledRecords crawl, Tally tally) {
    Tally.Counts c = tally.of(e.format());
    c.records++;
    Record r = crawl.find(e.path(), "wandb");
    if (r == null) {
      c.mismatches.add(e.id() + ": no wandb record harvested");
      return;
    }
    c.recordsFound++;
    Expect.params(e, r.getParams(), tally);
    Expect.metricLasts(e, r.getMetrics(), "last", tally);
    runInfo(e, r, tally);
    codeRefs(e, r, tally);
    JsonNode files = e.get("files_present");
    Object listed = r.getProperties().get("files");
    files.forEach(f -> tally.fact(e, "file " + f.asText(),
        listed instanceof Collection<?> l && l.contains(f.asText()), f.asText(), "not listed"));
    JsonNode media = e.get("non_scalar_summary_keys");
    if (media.isArray() && summaryFilePresent(files)) {
      Object count = r.getProperties().get("summary_media_count");
      long actual = count instanceof Number n ? n.longValue() : 0;
      tally.fact(e, "media summary keys", actual == media.size(), media.size(), actual);
    }
  }

  /** The manifest reads media keys from wandb-summary.json only (it does not decode the log). */
  private static boolean summaryFilePresent(JsonNode files) {
    for (JsonNode f : files) {
      if (f.asText().equals("files/wandb-summary.json")) {
        return true;
      }
    }
    return false;
  }

  private static void runInfo(ManifestEntry e, Record r, Tally tally) {
    JsonNode info = e.get("run_info");
    for (Iterator<Map.Entry<String, JsonNode>> it = info.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (NOT_FACTS.contains(f.getKey()) || Expect.uncertain(f.getValue())) {
        continue;
      }
      Object actual = r.getProperties().get(f.getKey());
      tally.fact(e, "run_info " + f.getKey(), Expect.same(actual, Expect.value(f.getValue())), f.getValue(), actual);
    }
    String started = info.path("startedAt").asText(null);
    if (started != null) {
      Instant expected = instant(started);
      Instant actual = r.getTime().getStart();
      tally.fact(e, "run_info startedAt", expected != null && expected.equals(actual), expected, actual);
    }
  }

  private static void codeRefs(ManifestEntry e, Record r, Tally tally) {
    JsonNode refs = e.get("code_refs");
    if (refs.has("git_commit")) {
      tally.fact(e, "git commit", Expect.same(r.getCode().getGitCommit(), refs.get("git_commit")),
          refs.get("git_commit"), r.getCode().getGitCommit());
    }
    if (refs.has("git_remote")) {
      tally.fact(e, "git remote", Expect.same(r.getCode().getGitRemote(), refs.get("git_remote")),
          refs.get("git_remote"), r.getCode().getGitRemote());
    }
    if (refs.has("program")) {
      Object program = r.getProperties().get("program");
      tally.fact(e, "program", Expect.same(program, refs.get("program")), refs.get("program"), program);
    }
    if (refs.has("codePath")) {
      tally.fact(e, "codePath", Expect.same(r.getCode().getScript(), refs.get("codePath")),
          refs.get("codePath"), r.getCode().getScript());
    }
  }

  private static Instant instant(String iso) {
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException ex) {
      try {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException ex2) {
        return null;
      }
    }
  }
}
