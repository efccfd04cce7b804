package io.mlindex.parsers.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.record.CodeRef;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Transformers model {@code config.json} (written by {@code save_pretrained}): its model type,
 * architectures, sizes ({@code hidden_size}, {@code num_hidden_layers}, {@code vocab_size}, ...)
 * and dtype as properties, nested sub-configs flattened with dots; label maps are summarised as
 * {@code num_labels}. {@code _name_or_path} (the model it was loaded from) is a lineage input.
 *
 * <p>Claimed only when the file's first bytes show a Transformers config: {@code "model_type"} or
 * {@code "architectures"} together with another Transformers key. Transformers writes keys sorted,
 * so {@code "architectures"} comes early even when a long label map pushes {@code model_type} back.
 */
public final class HfModelConfigParser implements FileParser {
  /** Most properties taken from one config. */
  static final int MAX_PROPERTIES = 500;

  private static final List<String> CONFIG_KEYS = List.of(
      "\"transformers_version\"", "\"_name_or_path\"", "\"vocab_size\"", "\"hidden_size\"", "\"d_model\"",
      "\"num_hidden_layers\"", "\"torch_dtype\"", "\"id2label\"", "\"model_type\"", "\"architectures\"");
  private static final Set<String> LABEL_MAPS = Set.of("id2label", "label2id");

  @Override
  public String name() {
    return "hf-model-config";
  }

  @Override
  public int priority() {
    return HfFiles.PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    if (!file.name().equals("config.json")) {
      return false;
    }
    String head = file.headText();
    if (!head.stripLeading().startsWith("{")
        || !(head.contains("\"model_type\"") || head.contains("\"architectures\""))) {
      return false;
    }
    return CONFIG_KEYS.stream().filter(head::contains).count() >= 2;
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) {
    Record r = HfFiles.record(RecordKind.MODEL, "huggingface", file);
    JsonNode config = HfFiles.readObject(file, r, context);
    if (config == null) {
      return List.of(r);
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (LABEL_MAPS.contains(e.getKey())) {
        if (e.getKey().equals("id2label") && e.getValue().isObject()) {
          flat.putIfAbsent("num_labels", (long) e.getValue().size());
        }
      } else {
        Flatten.into(flat, e.getKey(), e.getValue());
      }
    }
    int kept = 0;
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      if (e.getValue() == null || e.getValue() instanceof Map) {
        continue;
      }
      if (kept++ == MAX_PROPERTIES) {
        r.warn("config.json has more than " + MAX_PROPERTIES + " settings; the rest were not read");
        break;
      }
      r.property(e.getKey(), e.getValue());
    }
    if (!config.has("model_type")) {
      r.warn("config.json has no model_type");
    }
    CodeRef.addDistinct(r.getCode().getFrameworks(), "transformers");
    LineageRef base = HfFiles.reference(HfFiles.text(config, "_name_or_path"), "hf-model",
        file.path().toAbsolutePath().getParent(), "_name_or_path");
    if (base != null) {
      r.getLineage().input(base);
    }
    return List.of(r);
  }
}
