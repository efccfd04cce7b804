package io.mlindex.parsers.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.SeriesBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Weights & Biases run folder: {@code wandb/run-<date>_<time>-<id>}, {@code
 * wandb/offline-run-...}, or a real (not linked) {@code wandb/latest-run}. Params come from {@code
 * files/config.yaml} (each key's {@code value}; W&B's {@code _wandb} entry is bookkeeping, not a
 * param), final metrics from {@code files/wandb-summary.json}, code references and environment from
 * {@code files/wandb-metadata.json}, packages from {@code files/requirements.txt}. The binary
 * transaction log {@code run-<id>.wandb} is decoded too: it adds metric series from the history,
 * the project, display name and tags, and stands in for every file that is missing (offline runs
 * often have nothing else).
 */
public final class WandbRunParser implements DirectoryParser {
  static final Pattern RUN_DIR = Pattern.compile("(offline-)?run-(\\d{8}_\\d{6})-([A-Za-z0-9]+)");

  @Override
  public String name() {
    return "wandb-run";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    boolean runName = RUN_DIR.matcher(dir.name()).matches()
        || (dir.name().equals("latest-run") && isUnderWandb(dir.path()));
    return runName && (dir.hasDir("files") || logFileName(dir, null) != null);
  }

  private static boolean isUnderWandb(Path dir) {
    Path parent = dir.getParent();
    return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("wandb");
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Path runDir = dir.path();
    Record r = new Record(RecordKind.RUN, "wandb", PosixPaths.of(runDir));
    Matcher m = RUN_DIR.matcher(dir.name());
    String runId = m.matches() ? m.group(3) : null;
    if (m.matches()) {
      r.property("offline", m.group(1) != null);
    }
    WandbRunInfo info = new WandbRunInfo();
    JsonNode summary = readFiles(runDir.resolve("files"), r, info, context);

    String logName = logFileName(dir, runId);
    WandbLog log = logName == null ? null : decode(runDir.resolve(logName), r, context);
    Map<String, SeriesBuilder> history = Map.of();
    if (log != null) {
      if (!info.configRead && log.sawConfig) {
        configFromLog(log, r, info);
      }
      if (summary == null && log.sawSummary) {
        summary = log.summary;
      }
      history = log.history;
      runId = runId != null ? runId : log.runId;
      info.fillFrom(log);
      describe(log, r);
    }
    WandbSummary.apply(r, summary, history);
    info.applyTo(r);
    r.property("run_id", runId);
    if (r.getName() == null) {
      r.setName(runId != null ? runId : dir.name());
    }
    endTime(r, log);
    r.property("files", WandbRunFiles.listing(runDir));
    return List.of(r);
  }

  /** Reads what {@code files/} holds; returns the summary, or null when there is none. */
  private static JsonNode readFiles(Path files, Record r, WandbRunInfo info, ParseContext context) {
    Path metadata = WandbRunFiles.existing(files.resolve("wandb-metadata.json"));
    if (metadata != null) {
      WandbRunFiles.metadata(metadata, r, info, context);
    }
    Path config = WandbRunFiles.existing(files.resolve("config.yaml"));
    if (config != null) {
      WandbRunFiles.config(config, r, info, context);
    }
    Path requirements = WandbRunFiles.existing(files.resolve("requirements.txt"));
    if (requirements != null) {
      WandbRunFiles.requirements(requirements, r, context);
    }
    Path output = WandbRunFiles.existing(files.resolve("output.log"));
    if (output != null) {
      r.source(PosixPaths.of(output));
      r.property("output_log", true);
    }
    Path summary = WandbRunFiles.existing(files.resolve("wandb-summary.json"));
    return summary == null ? null : WandbRunFiles.summary(summary, r, context);
  }

  /** {@code run-<id>.wandb}, else the first {@code .wandb} file of the folder, else null. */
  static String logFileName(DirectoryView dir, String runId) {
    if (runId != null && dir.hasFile("run-" + runId + ".wandb")) {
      return "run-" + runId + ".wandb";
    }
    for (String f : dir.files()) {
      if (f.endsWith(".wandb")) {
        return f;
      }
    }
    return null;
  }

  private static WandbLog decode(Path file, Record r, ParseContext context) {
    r.source(PosixPaths.of(file));
    String name = file.getFileName().toString();
    try {
      WandbLog log = WandbLogDecoder.decode(file, context);
      log.warnings.forEach(w -> r.warn(name + ": " + w));
      r.property("log_records", log.records);
      return log;
    } catch (IOException e) {
      r.warn(name + " could not be decoded: " + e.getMessage());
      return null;
    }
  }

  private static void configFromLog(WandbLog log, Record r, WandbRunInfo info) {
    for (Iterator<Map.Entry<String, JsonNode>> it = log.config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("_wandb")) {
        info.internal(e.getValue());
      } else {
        WandbRunFiles.params(r, e.getKey(), e.getValue());
      }
    }
  }

  /** What only the log knows: project, entity, display name, tags, exit status. */
  private static void describe(WandbLog log, Record r) {
    r.setExperiment(log.project);
    r.setName(log.displayName);
    r.property("project", log.project);
    r.property("entity", log.entity);
    r.property("display_name", log.displayName);
    r.property("group", log.group);
    r.property("job_type", log.jobType);
    r.property("sweep_id", log.sweepId);
    r.property("notes", log.notes);
    if (!log.tags.isEmpty()) {
      r.property("tags", List.copyOf(log.tags));
    }
    if (!log.files.isEmpty()) {
      r.property("saved_files", List.copyOf(log.files));
    }
    r.property("wandb_version", log.producer);
    r.property("history_rows", log.historyRows);
    if (log.outputLines > 0) {
      r.property("output_lines", log.outputLines);
    }
    if (log.exitCode != null) {
      r.property("exit_code", log.exitCode);
      r.property("status", log.exitCode == 0 ? "finished" : "failed");
    }
  }

  /** The end is the start plus the run time (summary {@code _runtime}, else the exit record's). */
  private static void endTime(Record r, WandbLog log) {
    Instant start = r.getTime().getStart();
    Object runtime = r.getProperties().get("_runtime");
    double seconds = runtime instanceof Number n ? n.doubleValue()
        : log != null && log.runtimeSeconds != null ? log.runtimeSeconds : -1;
    if (start != null && seconds >= 0 && seconds < 1e10) {
      r.getTime().setEnd(start.plusMillis((long) (seconds * 1000)));
    }
  }
}
