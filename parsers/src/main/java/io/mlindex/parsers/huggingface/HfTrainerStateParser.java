package io.mlindex.parsers.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.SeriesBuilder;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hugging Face Trainer's {@code trainer_state.json} (in the output folder and in each {@code
 * checkpoint-N/}): every numeric key of each {@code log_history} entry becomes a series stepped by
 * the entry's {@code step} (nested dicts flattened with dots); the state's own scalars ({@code
 * global_step}, {@code epoch}, {@code best_metric}, {@code best_model_checkpoint}, ...) become
 * properties, and the training arguments it repeats ({@code train_batch_size}, {@code
 * num_train_epochs}, {@code max_steps}, the logging/eval/save intervals) params. Weight files in
 * the same folder are the run's outputs.
 */
public final class HfTrainerStateParser implements FileParser {
  /** State keys that are training arguments, hence params. */
  static final Set<String> ARGUMENTS =
      Set.of("train_batch_size", "num_train_epochs", "max_steps", "logging_steps", "eval_steps", "save_steps");

  private static final Set<String> NOT_METRICS = Set.of("step", "epoch");
  private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d+)");

  @Override
  public String name() {
    return "hf-trainer-state";
  }

  @Override
  public int priority() {
    return HfFiles.PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    String head = file.headText();
    return file.name().equals("trainer_state.json")
        && head.stripLeading().startsWith("{")
        && (head.contains("\"log_history\"") || head.contains("\"global_step\""));
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) {
    Record r = HfFiles.record(RecordKind.RUN, "hf-trainer", file);
    name(file.path(), r);
    JsonNode state = HfFiles.readObject(file, r, context);
    if (state == null) {
      return List.of(r);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("trial_params") && v.isObject()) {
        Map<String, Object> trial = new LinkedHashMap<>();
        Flatten.into(trial, "", v);
        trial.forEach(r::param);
      } else if (ARGUMENTS.contains(key) && v.isValueNode()) {
        r.param(key, Flatten.value(v));
      } else if (v.isValueNode()) {
        r.property(key, Flatten.value(v));
      }
    }
    JsonNode history = state.get("log_history");
    if (history != null && history.isArray()) {
      r.property("log_history_entries", history.size());
      logHistory(history, r, context);
    } else if (history != null) {
      r.warn("trainer_state.json: log_history is not a list; no metrics were read");
    }
    HfFiles.weightOutputs(file.path().toAbsolutePath().getParent(), r);
    return List.of(r);
  }

  /** Output folder as experiment; a checkpoint's name says which checkpoint of which run it is. */
  private static void name(Path file, Record r) {
    Path dir = file.toAbsolutePath().getParent();
    String folder = HfFiles.folderName(file);
    Matcher m = CHECKPOINT.matcher(folder);
    if (m.matches() && dir != null && dir.getParent() != null && dir.getParent().getFileName() != null) {
      String run = dir.getParent().getFileName().toString();
      r.setExperiment(run);
      r.setName(run + "/" + folder);
      r.property("checkpoint_step", Numbers.parseLong(m.group(1)));
    } else {
      r.setExperiment(folder);
    }
  }

  private static void logHistory(JsonNode history, Record r, ParseContext context) {
    Map<String, SeriesBuilder> series = new LinkedHashMap<>();
    long step = -1;
    int skipped = 0;
    String firstSkipped = null;
    int index = 0;
    for (JsonNode entry : history) {
      if ((++index & 0x3ff) == 0) {
        context.checkDeadline();
      }
      if (!entry.isObject()) {
        skipped++;
        firstSkipped = firstSkipped == null ? "entry " + (index - 1) + " (not an object)" : firstSkipped;
        continue;
      }
      JsonNode s = entry.get("step");
      step = s != null && s.canConvertToLong() && s.isNumber() ? s.asLong() : step + 1;
      for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (NOT_METRICS.contains(e.getKey())) {
          continue;
        }
        if (!add(series, e.getKey(), e.getValue(), step, 0)) {
          skipped++;
          firstSkipped = firstSkipped == null ? "'" + e.getKey() + "' at step " + step : firstSkipped;
        }
      }
    }
    series.forEach((k, b) -> r.metric(k, b.build()));
    if (skipped > 0) {
      r.warn("trainer_state.json: " + skipped + " non-numeric log_history value(s) were skipped, first " + firstSkipped);
    }
  }

  /** Adds a numeric value (or a dict's numeric leaves); false when nothing numeric was there. */
  private static boolean add(Map<String, SeriesBuilder> series, String name, JsonNode v, long step, int depth) {
    if (v.isNumber()) {
      series.computeIfAbsent(name, k -> new SeriesBuilder()).add(step, v.doubleValue());
      return true;
    }
    if (v.isObject() && depth < 16) {
      boolean any = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        any |= add(series, name + "." + e.getKey(), e.getValue(), step, depth + 1);
      }
      return any;
    }
    return false;
  }
}
