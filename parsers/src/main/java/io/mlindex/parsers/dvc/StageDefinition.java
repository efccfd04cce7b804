package io.mlindex.parsers.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A stage as {@code dvc.yaml} declares it, after {@code foreach}/{@code matrix} expansion and
 * {@code ${...}} interpolation.
 *
 * @param name the stage name ({@code train}, or {@code train@us} for a generated one)
 * @param template the {@code foreach}/{@code matrix} stage it was generated from, or null
 * @param cmd the command (text, or a list of texts), or null
 * @param wdir the working folder relative to dvc.yaml's folder, or null for that folder
 * @param deps declared dependencies
 * @param outs declared outputs, metrics and plots files
 * @param metrics the metrics files among the outputs, as written
 * @param params the params it depends on
 * @param node the stage's own mapping, for scalar facts ({@code frozen}, {@code desc})
 */
record StageDefinition(
    String name,
    String template,
    Object cmd,
    String wdir,
    List<DvcEntry> deps,
    List<DvcEntry> outs,
    List<String> metrics,
    List<ParamsDeclaration> params,
    JsonNode node) {

  /**
   * Params a stage depends on: {@code keys} from {@code file} (null = the default params.yaml);
   * {@code keys} null means the whole file.
   */
  record ParamsDeclaration(String file, List<String> keys) {}

  static StageDefinition of(String name, String template, JsonNode n) {
    List<DvcEntry> deps = declared(n.get("deps"));
    List<DvcEntry> outs = declared(n.get("outs"));
    List<DvcEntry> metricEntries = declared(n.get("metrics"));
    List<String> metrics = new ArrayList<>();
    metricEntries.forEach(m -> metrics.add(m.path()));
    outs.addAll(metricEntries);
    outs.addAll(declared(n.get("plots")));
    JsonNode wdir = n.get("wdir");
    return new StageDefinition(
        name, template, LockFile.command(n.get("cmd")),
        wdir != null && wdir.isValueNode() && !wdir.isNull() ? wdir.asText() : null,
        deps, outs, metrics, params(n.get("params")), n);
  }

  private static List<DvcEntry> declared(JsonNode list) {
    List<DvcEntry> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      for (JsonNode item : list) {
        DvcEntry e = DvcEntry.fromDeclared(item);
        if (e != null) {
          out.add(e);
        }
      }
    } else if (list != null && list.isTextual()) {
      out.add(DvcEntry.fromDeclared(list));
    }
    return out;
  }

  /** Items are keys of params.yaml, or {@code {file: [keys]}}, or {@code {file: null}} for all of it. */
  private static List<ParamsDeclaration> params(JsonNode list) {
    List<ParamsDeclaration> out = new ArrayList<>();
    if (list == null || !list.isArray()) {
      return out;
    }
    List<String> defaultKeys = new ArrayList<>();
    for (JsonNode item : list) {
      if (item.isValueNode() && !item.isNull()) {
        defaultKeys.add(item.asText());
      } else if (item.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          JsonNode keys = f.getValue();
          if (keys == null || keys.isNull() || (keys.isArray() && keys.isEmpty())) {
            out.add(new ParamsDeclaration(f.getKey(), null));
          } else {
            List<String> k = new ArrayList<>();
            if (keys.isArray()) {
              keys.forEach(x -> k.add(x.asText()));
            } else {
              k.add(keys.asText());
            }
            out.add(new ParamsDeclaration(f.getKey(), k));
          }
        }
      }
    }
    if (!defaultKeys.isEmpty()) {
      out.add(0, new ParamsDeclaration(null, defaultKeys));
    }
    return out;
  }

  boolean flag(String field) {
    return node.path(field).asBoolean(false);
  }

  String text(String field) {
    JsonNode v = node.get(field);
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
  }
}
