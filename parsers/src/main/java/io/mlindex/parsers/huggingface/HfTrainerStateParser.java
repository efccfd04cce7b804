package io.mlindex.parsers.huggingface;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.parsers.util.StepOrder;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.SeriesBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
 *
 * <p>The file is streamed entry by entry (long trainings log hundreds of thousands of entries), so
 * a truncated file keeps every entry before the cut.
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
    LogHistory history = new LogHistory(context);
    try (InputStream in = Files.newInputStream(file.path()); JsonParser p = JsonTrees.stream(in)) {
      read(p, r, history);
    } catch (JsonProcessingException e) {
      r.warn(file.name() + " is not valid JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage()
          + (history.entries > 0 ? "; the " + history.entries + " log_history entries before it were read" : ""));
    } catch (IOException e) {
      r.warn(file.name() + " could not be read: " + e.getMessage());
    }
    history.addTo(r);
    HfFiles.weightOutputs(file.path().toAbsolutePath().getParent(), r);
    return List.of(r);
  }

  private static void read(JsonParser p, Record r, LogHistory history) throws IOException {
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_OBJECT) {
      r.warn("trainer_state.json " + (first == null ? "is empty" : "is not a JSON object") + "; nothing was read");
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      if (key.equals("log_history") && t == JsonToken.START_ARRAY) {
        history.seen = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          history.entry(JsonTrees.mapper().readTree(p));
        }
      } else if (key.equals("log_history")) {
        p.skipChildren();
        r.warn("trainer_state.json: log_history is not a list; no metrics were read");
      } else {
        stateValue(key, JsonTrees.mapper().readTree(p), r);
      }
    }
  }

  private static void stateValue(String key, JsonNode v, Record r) {
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

  private static String where(JsonLocation at) {
    return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
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

  /** The series of a {@code log_history}, fed one entry at a time. */
  private static final class LogHistory {
    private final ParseContext context;
    private final Map<String, SeriesBuilder> series = new LinkedHashMap<>();
    private final Map<String, StepOrder> order = new LinkedHashMap<>();
    private boolean seen;
    private int entries;
    private long step = -1;
    private int skipped;
    private String firstSkipped;

    LogHistory(ParseContext context) {
      this.context = context;
    }

    void entry(JsonNode entry) {
      if ((++entries & 0x3ff) == 0) {
        context.checkDeadline();
      }
      if (!entry.isObject()) {
        skip("entry " + (entries - 1) + " (not an object)");
        return;
      }
      JsonNode s = entry.get("step");
      step = s != null && s.isIntegralNumber() && s.canConvertToLong() ? s.asLong() : step + 1;
      for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!NOT_METRICS.contains(e.getKey()) && !add(e.getKey(), e.getValue(), 0)) {
          skip("'" + e.getKey() + "' at step " + step);
        }
      }
    }

    private void skip(String what) {
      if (skipped++ == 0) {
        firstSkipped = what;
      }
    }

    /** Adds a numeric value (or a dict's numeric leaves); false when nothing numeric was there. */
    private boolean add(String name, JsonNode v, int depth) {
      if (v.isNumber()) {
        series.computeIfAbsent(name, k -> new SeriesBuilder()).add(step, v.doubleValue());
        order.computeIfAbsent(name, k -> new StepOrder()).see(step);
        return true;
      }
      if (v.isObject() && depth < 16) {
        boolean any = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          any |= add(name + "." + e.getKey(), e.getValue(), depth + 1);
        }
        return any;
      }
      return false;
    }

    void addTo(Record r) {
      if (seen) {
        r.property("log_history_entries", entries);
      }
      series.forEach((k, b) -> r.metric(k, b.build()));
      String outOfOrder = null;
      int alike = 0;
      for (Map.Entry<String, StepOrder> e : order.entrySet()) {
        String w = e.getValue().warning("trainer_state.json: " + e.getKey());
        if (w != null && outOfOrder == null) {
          outOfOrder = w;
        } else if (w != null) {
          alike++;
        }
      }
      if (outOfOrder != null) {
        r.warn(outOfOrder + (alike > 0 ? " (and " + alike + " more key(s) alike)" : ""));
      }
      if (skipped > 0) {
        r.warn("trainer_state.json: " + skipped + " non-numeric log_history value(s) were skipped, first " + firstSkipped);
      }
    }
  }
}
