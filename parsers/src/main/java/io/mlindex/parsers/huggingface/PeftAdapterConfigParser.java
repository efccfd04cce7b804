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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PEFT adapter's {@code adapter_config.json} (LoRA and the other PEFT methods): its settings
 * ({@code peft_type}, {@code task_type}, {@code r}, {@code lora_alpha}, {@code target_modules}, ...)
 * are params, the way the adapter was configured; unset (null) settings are left out. The base
 * model ({@code base_model_name_or_path}) is a lineage input, and the adapter weights beside the
 * file its outputs.
 */
public final class PeftAdapterConfigParser implements FileParser {
  @Override
  public String name() {
    return "peft-adapter-config";
  }

  @Override
  public int priority() {
    return HfFiles.PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    String head = file.headText();
    return file.name().equals("adapter_config.json")
        && head.stripLeading().startsWith("{")
        && (head.contains("\"peft_type\"") || head.contains("\"base_model_name_or_path\""));
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) {
    Record r = HfFiles.record(RecordKind.MODEL, "huggingface", file);
    JsonNode config = HfFiles.readObject(file, r, context);
    if (config == null) {
      return List.of(r);
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    Flatten.into(flat, "", config);
    flat.forEach((k, v) -> {
      if (v != null) {
        r.param(k, v);
      }
    });
    CodeRef.addDistinct(r.getCode().getFrameworks(), "peft");
    LineageRef base = HfFiles.reference(HfFiles.text(config, "base_model_name_or_path"), "hf-model",
        file.path().toAbsolutePath().getParent(), "base_model_name_or_path");
    if (base != null) {
      r.getLineage().input(base);
    }
    HfFiles.weightOutputs(file.path().toAbsolutePath().getParent(), r);
    return List.of(r);
  }
}
