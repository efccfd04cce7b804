package io.mlindex.parsers.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics files of a Hugging Face Trainer's {@code save_metrics(split, ...)}: {@code
 * all_results.json}, {@code train_results.json}, {@code eval_results.json}, ... Every numeric value
 * (nested ones flattened with dots) is a final metric; other scalars are properties.
 *
 * <p>Only files the Trainer wrote are claimed: the file is {@code <split>_results.json} and its
 * first bytes hold a key with that split's prefix ({@code "eval_loss"} in eval_results.json; any of
 * {@code train_}, {@code eval_}, {@code test_}, {@code predict_} in all_results.json), the way the
 * Trainer prefixes every metric. Any other JSON is left to other parsers.
 */
public final class HfResultsParser implements FileParser {
  private static final Pattern FILE = Pattern.compile("([A-Za-z0-9]+)_results\\.json");
  private static final Pattern SPLIT_KEY = Pattern.compile("\"(train|eval|test|predict)_[A-Za-z0-9_/.-]+\"\\s*:");

  @Override
  public String name() {
    return "hf-results";
  }

  @Override
  public int priority() {
    return HfFiles.PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    Matcher m = FILE.matcher(file.name());
    String head = file.headText();
    if (!m.matches() || !head.stripLeading().startsWith("{")) {
      return false;
    }
    String split = m.group(1);
    if (split.equals("all")) {
      return SPLIT_KEY.matcher(head).find();
    }
    return Pattern.compile("\"" + Pattern.quote(split) + "_[A-Za-z0-9_/.-]+\"\\s*:").matcher(head).find();
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) {
    Record r = HfFiles.record(RecordKind.RUN, "hf-trainer", file);
    r.setExperiment(r.getName());
    r.setName(r.getName() + "/" + file.name().substring(0, file.name().length() - ".json".length()));
    JsonNode results = HfFiles.readObject(file, r, context);
    if (results == null) {
      return List.of(r);
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    Flatten.into(flat, "", results);
    flat.forEach((k, v) -> {
      if (v instanceof Number n) {
        r.metric(k, Metric.single(n.doubleValue()));
      } else if (v != null && !(v instanceof Map)) {
        r.property(k, v);
      }
    });
    if (r.getMetrics().isEmpty()) {
      r.warn(file.name() + " holds no numeric value");
    }
    return List.of(r);
  }
}
