package io.mlindex.parsers.models.onnx;

import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The facts of an ONNX ModelProto gathered while streaming through it; every collection is bounded. */
final class OnnxModelSummary {
  static final int MAX_VALUES = 10_000;
  static final int MAX_INITIALIZER_NAMES = 1_000_000;
  static final int MAX_LISTED = 1000;
  static final int MAX_OP_TYPES = 10_000;
  static final int MAX_METADATA = 1000;

  /** A graph input or output: its name and type, e.g. {@code float[?,4]}. */
  record Value(String name, String type) {}

  Long irVersion;
  String producerName;
  String producerVersion;
  String domain;
  Long modelVersion;
  String graphName;
  boolean graphSeen;
  final Map<String, Long> opsets = new LinkedHashMap<>();
  final Map<String, String> metadata = new LinkedHashMap<>();
  long nodeCount;
  final Map<String, Long> opTypeCounts = new LinkedHashMap<>();
  long initializerCount;
  long initializerElements;
  boolean initializerShapesUnknown;
  long sparseInitializerCount;
  final Set<String> initializerNames = new HashSet<>();
  boolean initializerNamesCut;
  final List<Value> inputs = new ArrayList<>();
  final List<Value> outputs = new ArrayList<>();
  long inputCount;
  long outputCount;
  final Set<String> externalDataFiles = new LinkedHashSet<>();
  long functionCount;
  long trainingInfoCount;

  void opset(String domain, long version) {
    String d = domain == null || domain.isEmpty() ? "ai.onnx" : domain;
    opsets.merge(d, version, Math::max);
  }

  void node(String opType) {
    nodeCount++;
    String op = opType == null || opType.isEmpty() ? "?" : opType;
    if (opTypeCounts.containsKey(op) || opTypeCounts.size() < MAX_OP_TYPES) {
      opTypeCounts.merge(op, 1L, Long::sum);
    }
  }

  void initializer(String name, long elements) {
    initializerCount++;
    if (elements < 0) {
      initializerShapesUnknown = true;
    } else {
      initializerElements = ModelFileRecords.saturatedAdd(initializerElements, elements);
    }
    if (name != null) {
      if (initializerNames.size() < MAX_INITIALIZER_NAMES) {
        initializerNames.add(name);
      } else {
        initializerNamesCut = true;
      }
    }
  }

  void input(Value v) {
    inputCount++;
    if (inputs.size() < MAX_VALUES) {
      inputs.add(v);
    }
  }

  void output(Value v) {
    outputCount++;
    if (outputs.size() < MAX_VALUES) {
      outputs.add(v);
    }
  }

  /** Whether anything that only an ONNX model has was found. */
  boolean looksLikeOnnx() {
    return irVersion != null || graphSeen || !opsets.isEmpty();
  }

  void describe(Record r) {
    r.property("ir_version", irVersion);
    r.property("producer_name", producerName);
    r.property("producer_version", producerVersion);
    r.property("domain", domain);
    r.property("model_version", modelVersion);
    opsets.forEach((d, v) -> r.property("opset_import." + d, v));
    r.property("opset", opsets.get("ai.onnx"));
    metadata.forEach((k, v) -> r.property("metadata." + k, ModelFileRecords.cut(v)));
    r.property("framework", OnnxProducers.framework(producerName));
    if (!graphSeen) {
      return;
    }
    r.property("graph_name", graphName);
    r.property("node_count", nodeCount);
    r.property("op_types", new ArrayList<>(opTypeCounts.keySet()));
    opTypeCounts.forEach((op, n) -> r.property("op_type_counts." + op, n));
    r.property("initializer_count", initializerCount);
    if (!initializerShapesUnknown) {
      r.property("parameters", initializerElements);
    }
    if (sparseInitializerCount > 0) {
      r.property("sparse_initializer_count", sparseInitializerCount);
    }
    List<Value> realInputs = new ArrayList<>();
    for (Value v : inputs) {
      if (!initializerNames.contains(v.name())) {
        realInputs.add(v);
      }
    }
    r.property("graph_input_count", inputCount);
    r.property("graph_inputs", names(inputs));
    r.property("graph_inputs_excluding_initializers", names(realInputs));
    r.property("graph_input_signatures", signatures(realInputs));
    r.property("graph_output_count", outputCount);
    r.property("graph_outputs", names(outputs));
    r.property("graph_output_signatures", signatures(outputs));
    if (!externalDataFiles.isEmpty()) {
      r.property("external_data_files", new ArrayList<>(externalDataFiles));
    }
    if (functionCount > 0) {
      r.property("function_count", functionCount);
    }
    if (trainingInfoCount > 0) {
      r.property("training_info_count", trainingInfoCount);
    }
  }

  private static List<String> names(List<Value> values) {
    List<String> out = new ArrayList<>();
    for (Value v : values) {
      if (out.size() >= MAX_LISTED) {
        break;
      }
      out.add(v.name());
    }
    return out;
  }

  private static List<String> signatures(List<Value> values) {
    List<String> out = new ArrayList<>();
    for (Value v : values) {
      if (out.size() >= MAX_LISTED) {
        break;
      }
      out.add(v.name() + ": " + v.type());
    }
    return out;
  }
}
