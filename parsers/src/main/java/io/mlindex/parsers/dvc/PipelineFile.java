package io.mlindex.parsers.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code dvc.yaml} declares: its stages (expanded), and the pipeline-level metrics, plots,
 * params files and artifacts.
 *
 * @param stages every stage after expansion, in file order
 * @param stageNames the stage names as written (a {@code foreach} stage once)
 * @param metrics declared metrics files as written: top-level ones first, then each stage's
 * @param plots how many top-level plots are declared
 * @param paramsFiles the top-level {@code params:} files
 * @param artifacts the {@code artifacts:} section by name
 */
record PipelineFile(
    Map<String, StageDefinition> stages,
    List<String> stageNames,
    List<String> metrics,
    int plots,
    List<String> paramsFiles,
    Map<String, JsonNode> artifacts) {

  static PipelineFile of(JsonNode tree, ObjectNode variables, List<String> warnings) {
    Map<String, StageDefinition> stages = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    List<String> metrics = new ArrayList<>();
    if (!tree.isObject()) {
      warnings.add("dvc.yaml: the top level is not a mapping");
      return new PipelineFile(stages, names, metrics, 0, List.of(), Map.of());
    }
    texts(tree.get("metrics"), metrics);
    StageTemplates templates = new StageTemplates(variables);
    JsonNode stageMap = tree.path("stages");
    if (stageMap.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = stageMap.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        names.add(e.getKey());
        if (!e.getValue().isObject()) {
          warnings.add("dvc.yaml: stage '" + e.getKey() + "' is not a mapping and was skipped");
          continue;
        }
        stages.putAll(templates.expand(e.getKey(), e.getValue(), warnings));
      }
    } else if (!stageMap.isMissingNode() && !stageMap.isNull()) {
      warnings.add("dvc.yaml: 'stages' is not a mapping; no stage was read from it");
    }
    for (StageDefinition s : stages.values()) {
      s.metrics().stream().filter(m -> !metrics.contains(m)).forEach(metrics::add);
    }
    if (!templates.unresolved().isEmpty()) {
      warnings.add("dvc.yaml: " + templates.unresolved() + " could not be resolved and were kept as written");
    }
    List<String> paramsFiles = new ArrayList<>();
    texts(tree.get("params"), paramsFiles);
    Map<String, JsonNode> artifacts = new LinkedHashMap<>();
    if (tree.path("artifacts").isObject()) {
      tree.get("artifacts").fields().forEachRemaining(e -> artifacts.put(e.getKey(), e.getValue()));
    }
    JsonNode plots = tree.get("plots");
    int plotCount = plots == null ? 0 : plots.isArray() ? plots.size() : plots.isObject() ? plots.size() : 0;
    return new PipelineFile(stages, names, metrics, plotCount, paramsFiles, artifacts);
  }

  /** Paths from a list of paths or one-key maps ({@code - path: {cache: false}}). */
  private static void texts(JsonNode list, List<String> out) {
    if (list == null || !list.isArray()) {
      return;
    }
    for (JsonNode item : list) {
      DvcEntry e = DvcEntry.fromDeclared(item);
      if (e != null && !out.contains(e.path())) {
        out.add(e.path());
      }
    }
  }

  /** The declaration of a locked stage: by its name, or a generated stage's template if unexpanded. */
  StageDefinition definition(String lockedName) {
    StageDefinition d = stages.get(lockedName);
    int at = lockedName.indexOf('@');
    if (d == null && at > 0) {
      d = stages.get(lockedName.substring(0, at));
    }
    return d;
  }
}
