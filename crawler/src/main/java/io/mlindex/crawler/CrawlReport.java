package io.mlindex.crawler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one crawl of one root did. Counters are filled in while the crawl runs; {@link #finish}
 * stamps the end. Warnings beyond {@link #MAX_WARNINGS} are counted, not kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "id", "root", "trigger", "status", "start", "end", "seconds", "files_seen", "dirs_seen",
  "units_parsed", "units_unchanged", "units_added", "units_changed", "units_removed",
  "units_failed", "units_quiet", "units_moved", "records_written", "symlinks_skipped", "warnings_total", "warnings",
  "error"
})
public final class CrawlReport {
  public static final int MAX_WARNINGS = 1000;

  public enum Status {
    RUNNING,
    OK,
    FAILED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @JsonProperty public String id;
  @JsonProperty public String root;
  @JsonProperty public Trigger trigger;
  @JsonProperty public Status status = Status.RUNNING;
  @JsonProperty public Instant start;
  @JsonProperty public Instant end;
  @JsonProperty public double seconds;

  @JsonProperty("files_seen")
  public long filesSeen;

  @JsonProperty("dirs_seen")
  public long dirsSeen;

  @JsonProperty("units_parsed")
  public long unitsParsed;

  @JsonProperty("units_unchanged")
  public long unitsUnchanged;

  @JsonProperty("units_added")
  public long unitsAdded;

  @JsonProperty("units_changed")
  public long unitsChanged;

  @JsonProperty("units_removed")
  public long unitsRemoved;

  @JsonProperty("units_failed")
  public long unitsFailed;

  /** Units left for a later crawl because they were modified within the quiet period. */
  @JsonProperty("units_quiet")
  public long unitsQuiet;

  /** Files recognised by their content as moved from a vanished path (they keep their record id). */
  @JsonProperty("units_moved")
  public long unitsMoved;

  @JsonProperty("records_written")
  public long recordsWritten;

  @JsonProperty("symlinks_skipped")
  public long symlinksSkipped;

  @JsonProperty("warnings_total")
  public long warningsTotal;

  @JsonProperty public final List<CrawlWarning> warnings = new ArrayList<>();

  /** Why the crawl failed, when it did. */
  @JsonProperty public String error;

  public CrawlReport() {}

  public CrawlReport(String id, String root, Trigger trigger, Instant start) {
    this.id = id;
    this.root = root;
    this.trigger = trigger;
    this.start = start;
  }

  void warn(CrawlWarning w) {
    warningsTotal++;
    if (warnings.size() < MAX_WARNINGS) {
      warnings.add(w);
    }
  }

  void finish(Instant at, Status finalStatus) {
    end = at;
    status = finalStatus;
    seconds = Duration.between(start, end).toMillis() / 1000.0;
  }

  /** One line for a terminal. */
  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "%s: %d files, %d units parsed (%d new, %d changed%s), %d unchanged, %d removed, %d records"
            + " written, %d warnings, %.1f s",
        root, filesSeen, unitsParsed, unitsAdded, unitsChanged, unitsMoved > 0 ? ", " + unitsMoved + " moved" : "",
        unitsUnchanged, unitsRemoved, recordsWritten, warningsTotal, seconds);
  }
}
