package io.mlindex.parsers.sacred;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run written by Sacred's FileStorageObserver: {@code <basedir>/<id>/} with {@code run.json}
 * (status, times, host, experiment, resources, artifacts, result), {@code config.json} (params),
 * {@code metrics.json} (series), {@code info.json} and {@code cout.txt} (captured output, kept as
 * searchable text). Resources are the run's inputs and artifacts, stored in the run folder, its
 * outputs.
 */
public final class SacredRunParser implements DirectoryParser {
  static final String FORMAT = "sacred";
  /** Most info.json values kept as properties. */
  private static final int MAX_INFO = 200;
  private static final int MAX_RESULT_CHARS = 2000;

  @Override
  public String name() {
    return "sacred-run";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    return dir.hasFile("run.json")
        && (dir.hasFile("config.json") || dir.hasFile("cout.txt") || dir.hasFile("metrics.json"));
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Path runDir = dir.path();
    Path observerDir = runDir.toAbsolutePath().getParent();
    Record r = new Record(RecordKind.RUN, FORMAT, PosixPaths.of(runDir));
    r.property("run_id", dir.name());
    JsonNode run = readJson(runDir.resolve("run.json"), r, context);
    if (run != null && !looksLikeSacred(run)) {
      return List.of(); // some other tool's run.json
    }
    if (run == null) {
      run = JsonNodeFactory.instance.objectNode();
    }
    JsonNode experiment = run.path("experiment");
    String experimentName = SacredCode.text(experiment, "name");
    r.setExperiment(experimentName);
    r.setName(experimentName != null ? experimentName + " #" + dir.name() : dir.name());
    runInfo(r, run);
    SacredCode.into(r, experiment, observerDir, context);
    lineage(r, run, runDir, observerDir);

    if (dir.hasFile("config.json")) {
      JsonNode config = readJson(runDir.resolve("config.json"), r, context);
      if (config != null) {
        Map<String, Object> params = new LinkedHashMap<>();
        JsonPickleParams.into(params, "", config);
        params.forEach(r::param);
      }
    }
    if (dir.hasFile("metrics.json")) {
      JsonNode metrics = readJson(runDir.resolve("metrics.json"), r, context);
      if (metrics != null) {
        SacredMetrics.into(r, metrics, context);
      }
    }
    result(r, run.get("result"));
    if (dir.hasFile("info.json")) {
      info(r, readJson(runDir.resolve("info.json"), r, context));
    }
    if (dir.hasFile("cout.txt")) {
      CapturedOutput.into(r, runDir.resolve("cout.txt"), context);
    }
    return List.of(r);
  }

  private static boolean looksLikeSacred(JsonNode run) {
    return run.isObject() && (run.has("experiment") || run.has("host") && run.has("status"));
  }

  private static JsonNode readJson(Path file, Record r, ParseContext context) {
    r.source(PosixPaths.of(file));
    try {
      return JsonTrees.read(file, context.limits().maxReadBytes());
    } catch (IOException e) {
      r.warn(e.getMessage());
      return null;
    }
  }

  private static void runInfo(Record r, JsonNode run) {
    r.property("status", SacredCode.text(run, "status"));
    r.property("command", SacredCode.text(run, "command"));
    r.getTime().setStart(SacredTimes.parse(SacredCode.text(run, "start_time")));
    r.getTime().setEnd(SacredTimes.parse(SacredCode.text(run, "stop_time")));
    r.property("start_time", SacredCode.text(run, "start_time"));
    r.property("stop_time", SacredCode.text(run, "stop_time"));
    r.property("heartbeat", SacredCode.text(run, "heartbeat"));
    JsonNode host = run.path("host");
    r.property("host", SacredCode.text(host, "hostname"));
    r.property("cpu", SacredCode.text(host, "cpu"));
    r.property("python_version", SacredCode.text(host, "python_version"));
    JsonNode os = host.path("os");
    r.property("os", os.isArray() && os.size() > 1 ? os.get(1).asText() : SacredCode.text(host, "os"));
    List<String> gpus = new ArrayList<>();
    host.path("gpus").path("gpus").forEach(g -> gpus.add(g.path("model").asText()));
    r.property("gpus", gpus.isEmpty() ? null : gpus);
    JsonNode meta = run.path("meta");
    r.property("comment", SacredCode.text(meta, "comment"));
    JsonNode named = meta.path("named_configs");
    if (named.isArray() && !named.isEmpty()) {
      r.property("named_configs", Flatten.value(named));
    }
    JsonNode updates = meta.path("options").path("UPDATE");
    if (updates.isArray() && !updates.isEmpty()) {
      r.property("config_updates", Flatten.value(updates));
    }
    String trace = failTrace(run.get("fail_trace"));
    if (trace != null) {
      r.property("fail_trace", trace);
    }
  }

  /** The last line of the traceback: the exception and its message. */
  private static String failTrace(JsonNode trace) {
    if (trace == null || !trace.isArray() || trace.isEmpty()) {
      return null;
    }
    String last = trace.get(trace.size() - 1).asText().strip();
    return last.length() > MAX_RESULT_CHARS ? last.substring(0, MAX_RESULT_CHARS) : last;
  }

  /** Resources (files the run opened, with the observer's stored copies) in; artifacts (in the run folder) out. */
  private static void lineage(Record r, JsonNode run, Path runDir, Path observerDir) {
    for (JsonNode res : run.path("resources")) {
      String original = res.isArray() ? res.path(0).asText(null) : res.asText(null);
      String stored = res.isArray() && res.size() > 1 ? res.path(1).asText(null) : null;
      if (original == null || original.isEmpty()) {
        continue;
      }
      r.getLineage().input(resource(original, stored, runDir, observerDir));
    }
    for (JsonNode a : run.path("artifacts")) {
      String name = a.isTextual() ? a.asText() : a.path("name").asText(null);
      if (name == null || name.isEmpty()) {
        continue;
      }
      Path file = runDir.resolve(name.replace('\\', '/')).normalize();
      LineageRef ref = LineageRef.path(PosixPaths.of(file), "artifacts");
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        try {
          ref = ref.withHash(null, Files.size(file));
        } catch (IOException e) {
          r.warn("artifact " + name + " could not be read: " + e.getMessage());
        }
      }
      r.getLineage().output(ref);
    }
  }

  /**
   * The run read {@code original} (a path on the machine that ran it). Its stored copy is on this
   * disk; the reference names the original path (relative ones resolved against the observer
   * folder's parent, the usual working folder, and marked uncertain) and carries the md5 from the
   * copy's name.
   */
  private static LineageRef resource(String original, String stored, Path runDir, Path observerDir) {
    String p = original.replace('\\', '/');
    boolean absolute = p.startsWith("/");
    Path base = observerDir != null && observerDir.getParent() != null ? observerDir.getParent() : runDir;
    String path = absolute ? PosixPaths.of(runDir.getFileSystem().getPath(p)) : PosixPaths.of(base.resolve(p));
    LineageRef ref = LineageRef.path(path, "resources");
    if (!absolute) {
      ref = ref.asUncertain(); // relative to the working folder of the run, which is not recorded
    }
    String md5 = stored == null ? null : SacredCode.storedMd5(stored.replace('\\', '/'));
    return md5 == null ? ref : ref.withHash("md5:" + md5, null);
  }

  /** A number as metric {@code result} (unless a series has that name); anything else as text. */
  private static void result(Record r, JsonNode result) {
    if (result == null || result.isNull()) {
      return;
    }
    Double n = result.isNumber() ? Double.valueOf(result.doubleValue()) : null;
    if (n != null && !r.getMetrics().containsKey("result")) {
      r.metric("result", Metric.single(n));
    }
    String text = result.isValueNode() ? result.asText() : result.toString();
    r.property("result", text.length() > MAX_RESULT_CHARS ? text.substring(0, MAX_RESULT_CHARS) + "..." : text);
  }

  /** Scalars of info.json as properties {@code info.<name>}. */
  private static void info(Record r, JsonNode info) {
    if (info == null) {
      return;
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    JsonPickleParams.into(flat, "", info);
    int n = 0;
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      if (n++ == MAX_INFO) {
        r.warn("info.json: more than " + MAX_INFO + " values; only the first were kept");
        break;
      }
      if (!(e.getValue() instanceof List<?> list && list.size() > MAX_INFO)) {
        r.property("info." + e.getKey(), e.getValue());
      }
    }
  }
}
