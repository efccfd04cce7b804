package io.mlindex.parsers.models.gguf;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.parsers.util.MalformedFileException;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a GGUF file's header, metadata key/values and tensor infos onto a record (layout from
 * ggml's docs/gguf.md). The parameter count is {@code general.parameter_count} where the file states
 * it, else the total elements of the tensor infos. Arrays are summarised as their element type, length and first elements;
 * the rest are skipped without being held. Tensor data is never read.
 */
final class GgufReader {
  static final int ARRAY_HEAD = 5;
  private static final int MAX_KEY_BYTES = 64 * 1024;
  private static final int MAX_STRING_BYTES = 4 * ModelFileRecords.MAX_PROPERTY_CHARS;
  private static final int MAX_DIMS = 8;
  private static final int MAX_ARRAY_DEPTH = 4;

  private final GgufInput in;
  private final Record r;
  private final ParseContext context;
  private int version;
  private final Map<String, Object> scalars = new HashMap<>();

  GgufReader(GgufInput in, Record r, ParseContext context) {
    this.in = in;
    this.r = r;
    this.context = context;
  }

  /** Reads what it can; damage past the header ends the read with an exception after facts are recorded. */
  void read() throws IOException {
    if (in.size() < 8 || in.u8() != 'G' || in.u8() != 'G' || in.u8() != 'U' || in.u8() != 'F') {
      throw new MalformedFileException("no GGUF magic at the start; not a GGUF file");
    }
    long v = in.u32();
    if (v > 0xFFFF && Long.reverseBytes(v << 32) >= 1 && Long.reverseBytes(v << 32) <= 0xFFFF) {
      in.order(ByteOrder.BIG_ENDIAN);
      v = Long.reverseBytes(v << 32);
      r.property("byte_order", "big-endian");
    }
    if (v < 1 || v > 3) {
      r.warn(r.getName() + ": unknown GGUF version " + v + "; read as version 3");
    }
    version = (int) Math.min(v, Integer.MAX_VALUE);
    r.property("version", v);
    long tensorCount = count();
    long kvCount = count();
    r.property("tensor_count", tensorCount);
    r.property("kv_count", kvCount);
    readMetadata(kvCount);
    describeMetadata();
    readTensorInfos(tensorCount);
  }

  private long count() throws IOException {
    return version == 1 ? in.u32() : in.u64();
  }

  private String string(int max) throws IOException {
    return in.text(count(), max);
  }

  private void readMetadata(long kvCount) throws IOException {
    in.require(kvCount < 0 ? -1 : Math.multiplyExact(Math.min(kvCount, Long.MAX_VALUE / 16), 9L), "the key/value count");
    for (long i = 0; i < kvCount; i++) {
      context.checkDeadline();
      String key = string(MAX_KEY_BYTES);
      int type = (int) in.u32();
      String prop = "metadata." + key;
      if (type == 9) {
        readArray(prop);
      } else {
        Object value = scalar(type);
        scalars.put(key, value);
        r.property(prop, value);
      }
    }
  }

  private Object scalar(int type) throws IOException {
    return switch (type) {
      case 0 -> in.u8();
      case 1 -> in.i8();
      case 2 -> in.u16();
      case 3 -> in.i16();
      case 4 -> in.u32();
      case 5 -> in.i32();
      case 6 -> (double) in.f32();
      case 7 -> in.u8() != 0;
      case 8 -> ModelFileRecords.cut(string(MAX_STRING_BYTES));
      case 10 -> unsigned(in.u64());
      case 11 -> in.u64();
      case 12 -> in.f64();
      default -> throw new MalformedFileException("unknown metadata value type " + type + " at byte " + in.position());
    };
  }

  private static Object unsigned(long v) {
    return v >= 0 ? (Object) v : (Object) Double.parseDouble(Long.toUnsignedString(v));
  }

  private void readArray(String prop) throws IOException {
    int elementType = (int) in.u32();
    long length = count();
    List<Object> head = new ArrayList<>();
    for (long i = 0; i < length && i < ARRAY_HEAD; i++) {
      if (elementType == 9) {
        skipArray(1);
        head.add("[array]");
      } else {
        head.add(scalar(elementType));
      }
    }
    skipElements(elementType, length - head.size(), 1);
    r.property(prop + ".array_type", elementType);
    r.property(prop + ".length", unsigned(length));
    r.property(prop + ".head", head);
  }

  private void skipArray(int depth) throws IOException {
    int elementType = (int) in.u32();
    skipElements(elementType, count(), depth + 1);
  }

  private void skipElements(int elementType, long n, int depth) throws IOException {
    if (n <= 0) {
      if (n < 0) {
        throw new MalformedFileException("an array claims " + Long.toUnsignedString(n + ARRAY_HEAD) + " elements");
      }
      return;
    }
    if (depth > MAX_ARRAY_DEPTH) {
      throw new MalformedFileException("arrays nested deeper than " + MAX_ARRAY_DEPTH + " at byte " + in.position());
    }
    int fixed = GgufTypes.fixedSize(elementType);
    if (fixed > 0) {
      in.require(n > Long.MAX_VALUE / fixed ? -1 : n * fixed, "an array");
      in.skip(n * fixed);
      return;
    }
    if (elementType != 8 && elementType != 9) {
      throw new MalformedFileException("unknown array element type " + elementType + " at byte " + in.position());
    }
    in.require(n > Long.MAX_VALUE / 4 ? -1 : n * 4, "an array");
    for (long i = 0; i < n; i++) {
      if ((i & 0xFFF) == 0) {
        context.checkDeadline();
      }
      if (elementType == 8) {
        in.skip(count());
      } else {
        skipArray(depth);
      }
    }
  }

  private void describeMetadata() {
    Object arch = scalars.get("general.architecture");
    r.property("architecture", arch instanceof String ? arch : null);
    r.property("model_name", scalars.get("general.name") instanceof String s ? s : null);
    if (arch instanceof String a) {
      r.property("context_length", scalars.get(a + ".context_length"));
    }
    Object fileType = scalars.get("general.file_type");
    if (fileType instanceof Number n) {
      r.property("file_type", n.longValue());
      r.property("quantization", GgufTypes.fileType(n.longValue()));
    }
    r.property("quantization_version", scalars.get("general.quantization_version"));
    r.property("size_label", scalars.get("general.size_label"));
    if (scalars.get("general.parameter_count") instanceof Number stated) {
      r.property("parameters", stated.longValue());
    }
    r.property("framework", "ggml");
  }

  private void readTensorInfos(long tensorCount) throws IOException {
    in.require(tensorCount < 0 || tensorCount > Long.MAX_VALUE / 20 ? -1 : tensorCount * 20, "the tensor count");
    long parameters = 0;
    boolean overflow = false;
    long maxOffset = 0;
    Map<String, Long> types = new TreeMap<>();
    for (long i = 0; i < tensorCount; i++) {
      context.checkDeadline();
      string(MAX_KEY_BYTES);
      long nDims = in.u32();
      if (nDims > MAX_DIMS) {
        throw new MalformedFileException("tensor " + i + " claims " + nDims + " dimensions");
      }
      long[] dims = new long[(int) nDims];
      for (int d = 0; d < nDims; d++) {
        dims[d] = version == 1 ? in.u32() : in.u64();
      }
      String type = GgufTypes.tensorType(in.u32());
      types.merge(type, 1L, Long::sum);
      maxOffset = Math.max(maxOffset, in.u64());
      long n = ModelFileRecords.elements(dims);
      overflow |= n < 0;
      parameters = ModelFileRecords.saturatedAdd(parameters, Math.max(n, 0));
    }
    if (overflow) {
      r.warn(r.getName() + ": some tensor dimensions are out of range; their elements are not counted");
    } else {
      r.property("tensor_elements", parameters);
      if (!r.getProperties().containsKey("parameters")) {
        r.property("parameters", parameters);
      }
    }
    types.forEach((t, c) -> r.property("tensor_types." + t, c));
    long alignment = scalars.get("general.alignment") instanceof Number a && a.longValue() > 0 ? a.longValue() : 32;
    long dataStart = (in.position() + alignment - 1) / alignment * alignment;
    if (tensorCount > 0 && (dataStart > in.size() || maxOffset >= in.size() - dataStart)) {
      r.warn(r.getName() + ": the tensor data ends before the last tensor's offset (truncated file?)");
    }
  }
}
