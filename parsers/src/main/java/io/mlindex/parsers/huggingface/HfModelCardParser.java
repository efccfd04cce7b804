package io.mlindex.parsers.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Hugging Face model card (or dataset card): a {@code README.md} whose YAML front matter holds
 * Hub metadata. Front-matter values become properties; {@code base_model} entries and {@code
 * datasets} are named lineage inputs; {@code model-index} results are metrics; the card's
 * "Training hyperparameters" bullet list gives params marked as guessed (they are prose, not a
 * config), "Framework versions" gives properties; the Markdown body is the searchable text.
 *
 * <p>Only READMEs whose front matter declares a Hub key are claimed; other READMEs (with or without
 * front matter) are left to the document parsers.
 */
public final class HfModelCardParser implements FileParser {
  /** Front-matter keys that mark a Hub card (model or dataset). */
  static final Set<String> HUB_KEYS = Set.of(
      "model-index", "base_model", "library_name", "pipeline_tag", "datasets", "license", "model_name",
      "widget", "co2_eq_emissions", "dataset_info", "task_categories", "size_categories", "configs",
      "pretty_name", "language");
  private static final Set<String> MODEL_KEYS = Set.of("model-index", "base_model", "library_name", "pipeline_tag");
  private static final Set<String> DATASET_KEYS = Set.of("dataset_info", "task_categories", "size_categories", "configs");
  /** Front-matter entries too bulky or too structured to be properties. */
  private static final Set<String> NOT_PROPERTIES = Set.of("model-index", "widget", "dataset_info", "configs");
  private static final String HYPERPARAMETERS_SOURCE = "model card 'Training hyperparameters' list";

  @Override
  public String name() {
    return "hf-model-card";
  }

  @Override
  public int priority() {
    return HfFiles.PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.lowerName().equals("readme.md")
        && ModelCardText.frontMatterDeclares(BoundedReads.decodeUtf8(file.head()).replace("\r\n", "\n"), HUB_KEYS);
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    String text = BoundedReads.readString(file.path(), context.limits().maxReadBytes()).replace("\r\n", "\n");
    ModelCardText.Parts parts = ModelCardText.split(text);
    JsonNode front = null;
    List<String> yamlWarnings = List.of();
    String yamlError = null;
    if (parts.frontMatter() != null) {
      try {
        YamlTrees.Result y = YamlTrees.parse(parts.frontMatter(), file.name() + " front matter");
        front = y.tree().isObject() ? y.tree() : null;
        yamlWarnings = y.warnings();
      } catch (IOException e) {
        yamlError = e.getMessage();
      }
    }
    Record r = HfFiles.record(isDatasetCard(front) ? RecordKind.DATASET : RecordKind.MODEL, "huggingface", file);
    yamlWarnings.forEach(w -> r.warn(file.name() + " front matter: " + w));
    if (yamlError != null) {
      r.warn(yamlError);
    } else if (front == null) {
      r.warn(file.name() + " has no YAML front matter with Hub metadata");
    }
    Path dir = file.path().toAbsolutePath().getParent();
    if (front != null) {
      frontMatter(front, r, dir);
      ModelIndex.metrics(front.get("model-index"), r);
    }
    String body = parts.body().strip();
    ModelCardText.keyValueBullets(body, "Training hyperparameters")
        .forEach((k, v) -> r.guessedParam(k, Numbers.scalar(v), HYPERPARAMETERS_SOURCE));
    ModelCardText.nameVersionBullets(body, "Framework versions")
        .forEach((k, v) -> r.property("framework_versions." + k, v));
    String heading = ModelCardText.firstHeading(body);
    if (r.getName() == null || r.getName().equals(HfFiles.folderName(file.path()))) {
      r.setName(heading != null ? heading : r.getName());
    }
    int max = context.limits().maxTextChars();
    r.setText(body.length() > max ? body.substring(0, max) : body);
    return List.of(r);
  }

  private static boolean isDatasetCard(JsonNode front) {
    if (front == null) {
      return false;
    }
    boolean dataset = DATASET_KEYS.stream().anyMatch(front::has);
    boolean model = MODEL_KEYS.stream().anyMatch(front::has);
    return dataset && !model;
  }

  private static void frontMatter(JsonNode front, Record r, Path dir) {
    Map<String, Object> flat = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = front.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!NOT_PROPERTIES.contains(e.getKey())) {
        Flatten.into(flat, e.getKey(), e.getValue());
      }
    }
    flat.forEach(r::property);
    for (String base : texts(front.get("base_model"))) {
      LineageRef ref = HfFiles.reference(base, "hf-model", dir, "base_model");
      if (ref != null) {
        r.getLineage().input(ref);
      }
    }
    for (String dataset : texts(front.get("datasets"))) {
      LineageRef ref = HfFiles.reference(dataset, "hf-dataset", dir, "datasets");
      if (ref != null) {
        r.getLineage().input(ref);
      }
    }
    String modelName = HfFiles.text(front, "model_name") != null ? HfFiles.text(front, "model_name")
        : HfFiles.text(front, "pretty_name");
    JsonNode index = front.path("model-index");
    String indexName = index.isArray() && index.size() > 0 ? HfFiles.text(index.get(0), "name") : null;
    if (modelName != null || indexName != null) {
      r.setName(modelName != null ? modelName : indexName);
    }
  }

  /** A string, or the strings of a list. */
  private static List<String> texts(JsonNode node) {
    if (node == null) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    List<String> out = new java.util.ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> {
        if (n.isTextual()) {
          out.add(n.asText());
        }
      });
    }
    return out;
  }

  /** The {@code model-index} results of a card as metrics. */
  static final class ModelIndex {
    private ModelIndex() {}

    /**
     * {@code model-index: [{name, results: [{task, dataset: {name, type, split}, metrics: [{type,
     * value, name}]}]}]}: each numeric value is a metric named by its {@code type} (else {@code
     * name}); when a name repeats (several datasets), later ones are prefixed with the dataset.
     */
    static void metrics(JsonNode index, Record r) {
      if (index == null || !index.isArray()) {
        return;
      }
      int skipped = 0;
      for (JsonNode model : index) {
        for (JsonNode result : model.path("results")) {
          JsonNode ds = result.path("dataset");
          String dataset = HfFiles.text(ds, "name") != null ? HfFiles.text(ds, "name") : HfFiles.text(ds, "type");
          for (JsonNode m : result.path("metrics")) {
            String name = HfFiles.text(m, "type") != null ? HfFiles.text(m, "type") : HfFiles.text(m, "name");
            Double value = m.path("value").isNumber() ? Double.valueOf(m.path("value").doubleValue())
                : Numbers.parseDouble(HfFiles.text(m, "value"));
            if (name == null || value == null) {
              skipped++;
              continue;
            }
            if (r.getMetrics().containsKey(name) && dataset != null) {
              name = dataset + "/" + name;
            }
            r.getMetrics().putIfAbsent(name, Metric.single(value));
          }
        }
      }
      if (skipped > 0) {
        r.warn("model-index: " + skipped + " metric(s) without a name or a numeric value were skipped");
      }
    }
  }
}
