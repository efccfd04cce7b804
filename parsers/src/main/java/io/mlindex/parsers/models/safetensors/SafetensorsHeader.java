package io.mlindex.parsers.models.safetensors;

import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a safetensors header says, accumulated tensor by tensor in constant memory. */
final class SafetensorsHeader {
  /** The {@code format} metadata value that the writing libraries put in, and their framework. */
  static final Map<String, String> FRAMEWORKS =
      Map.of("pt", "pytorch", "tf", "tensorflow", "flax", "jax", "mlx", "mlx", "np", "numpy");

  private static final int SAMPLE = 10;
  private static final int MAX_METADATA = 1000;

  private long tensors;
  private long parameters;
  private boolean parametersUnknown;
  private long dataEnd;
  private boolean badOffsets;
  private final Map<String, Long> dtypeCounts = new TreeMap<>();
  private final TreeMap<String, String> sample = new TreeMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private boolean metadataCut;
  private String firstProblem;
  private long problems;

  /** A header entry that is not as the format says; reported once, with a count. */
  void problem(String what) {
    if (problems++ == 0) {
      firstProblem = what;
    }
  }

  long tensorCount() {
    return tensors;
  }

  void metadata(String key, String value) {
    if (metadata.size() < MAX_METADATA) {
      metadata.put(key, value);
    } else {
      metadataCut = true;
    }
  }

  void tensor(String name, String dtype, long[] shape, long[] offsets) {
    tensors++;
    if (dtype != null) {
      dtypeCounts.merge(dtype, 1L, Long::sum);
    }
    long n = shape == null ? -1 : ModelFileRecords.elements(shape);
    if (n < 0) {
      parametersUnknown = true;
    } else {
      parameters = ModelFileRecords.saturatedAdd(parameters, n);
    }
    if (offsets != null && offsets[0] <= offsets[1]) {
      dataEnd = Math.max(dataEnd, offsets[1]);
    } else {
      badOffsets = true;
    }
    if (sample.size() < SAMPLE || name.compareTo(sample.lastKey()) < 0) {
      sample.put(name, (dtype == null ? "?" : dtype) + shapeText(shape));
      if (sample.size() > SAMPLE) {
        sample.pollLastEntry();
      }
    }
  }

  private static String shapeText(long[] shape) {
    if (shape == null) {
      return "[?]";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ",").append(shape[i]);
    }
    return sb.append(']').toString();
  }

  /** Puts the facts on the record; {@code dataPresent} is the number of bytes after the header. */
  void describe(Record r, long dataPresent, String fileName) {
    r.property("tensor_count", tensors);
    if (problems > 0) {
      r.warn(fileName + ": " + firstProblem + (problems > 1 ? " (and " + (problems - 1) + " more header problems)" : ""));
    }
    if (!parametersUnknown) {
      r.property("parameters", parameters);
    } else {
      r.warn(fileName + ": some tensors have no usable shape; the parameter count is not given");
    }
    r.property("dtypes", new ArrayList<>(dtypeCounts.keySet()));
    dtypeCounts.forEach((d, c) -> r.property("dtype_counts." + d, c));
    r.property("tensor_names_sample", new ArrayList<>(sample.keySet()));
    List<String> shapes = new ArrayList<>();
    sample.forEach((n, s) -> shapes.add(n + ": " + s));
    r.property("tensor_shapes_sample", shapes);
    metadata.forEach((k, v) -> r.property("metadata." + k, ModelFileRecords.cut(v)));
    if (metadataCut) {
      r.warn(fileName + ": __metadata__ has more than " + MAX_METADATA + " keys; the rest are not kept");
    }
    String format = metadata.get("format");
    String framework = format == null ? null : FRAMEWORKS.get(format);
    r.property("framework", framework);
    r.property("data_bytes_expected", dataEnd);
    r.property("data_bytes_present", dataPresent);
    if (badOffsets && tensors > 0) {
      r.warn(fileName + ": some tensors have missing or inverted data_offsets");
    }
    if (dataEnd > dataPresent) {
      r.warn(fileName + ": the header places tensor data up to byte " + dataEnd + " of the data section, but only "
          + dataPresent + " bytes follow the header (truncated file?)");
    }
  }
}
