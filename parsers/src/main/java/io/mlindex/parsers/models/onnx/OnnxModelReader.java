package io.mlindex.parsers.models.onnx;

import com.google.protobuf.CodedInputStream;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.models.ModelFileRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams through an ONNX {@code ModelProto} with protobuf's wire reader. Field numbers are those
 * of onnx/onnx.proto; tensor bytes ({@code raw_data} and the typed {@code *_data} fields) are
 * skipped without being read, so a multi-gigabyte model costs no more memory than a small one.
 * Nested graphs (If/Loop bodies in node attributes) are not descended into.
 */
final class OnnxModelReader {
  private static final int NAME_BYTES = 4096;
  private static final int TEXT_BYTES = 64 * 1024;

  private final OnnxModelSummary out;
  private final ParseContext context;

  OnnxModelReader(OnnxModelSummary out, ParseContext context) {
    this.out = out;
    this.context = context;
  }

  /** ModelProto, until the end of the input. */
  void readModel(CodedInputStream in) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      context.checkDeadline();
      switch (ProtoWire.field(tag)) {
        case 1 -> out.irVersion = varint(in, tag); // int64 ir_version
        case 2 -> out.producerName = text(in, tag, NAME_BYTES); // string producer_name
        case 3 -> out.producerVersion = text(in, tag, NAME_BYTES); // string producer_version
        case 4 -> out.domain = text(in, tag, NAME_BYTES); // string domain
        case 5 -> out.modelVersion = varint(in, tag); // int64 model_version
        case 7 -> sub(in, tag, this::readGraph); // GraphProto graph
        case 8 -> sub(in, tag, this::readOpset); // repeated OperatorSetIdProto opset_import
        case 14 -> sub(in, tag, this::readMetadataEntry); // repeated StringStringEntryProto metadata_props
        case 20 -> { // repeated TrainingInfoProto training_info
          out.trainingInfoCount++;
          ProtoWire.skip(in, tag);
        }
        case 25 -> { // repeated FunctionProto functions
          out.functionCount++;
          ProtoWire.skip(in, tag);
        }
        default -> ProtoWire.skip(in, tag); // 6 doc_string, 26 configuration, ...
      }
    }
  }

  /** OperatorSetIdProto: 1 domain, 2 version. */
  private void readOpset(CodedInputStream in) throws IOException {
    String domain = "";
    long version = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (ProtoWire.field(tag)) {
        case 1 -> domain = text(in, tag, NAME_BYTES);
        case 2 -> version = orZero(varint(in, tag));
        default -> ProtoWire.skip(in, tag);
      }
    }
    out.opset(domain, version);
  }

  /** StringStringEntryProto: 1 key, 2 value. */
  private void readMetadataEntry(CodedInputStream in) throws IOException {
    String[] kv = entry(in);
    if (kv[0] != null && out.metadata.size() < OnnxModelSummary.MAX_METADATA) {
      out.metadata.put(kv[0], kv[1] == null ? "" : kv[1]);
    }
  }

  private String[] entry(CodedInputStream in) throws IOException {
    String[] kv = new String[2];
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (ProtoWire.field(tag)) {
        case 1 -> kv[0] = text(in, tag, NAME_BYTES);
        case 2 -> kv[1] = text(in, tag, TEXT_BYTES);
        default -> ProtoWire.skip(in, tag);
      }
    }
    return kv;
  }

  /**
   * GraphProto: 1 node, 2 name, 5 initializer, 15 sparse_initializer, 11 input, 12 output (10
   * doc_string, 13 value_info, 14 quantization_annotation, 16 metadata_props are skipped).
   */
  private void readGraph(CodedInputStream in) throws IOException {
    out.graphSeen = true;
    int tag;
    while ((tag = in.readTag()) != 0) {
      context.checkDeadline();
      switch (ProtoWire.field(tag)) {
        case 1 -> sub(in, tag, this::readNode);
        case 2 -> out.graphName = text(in, tag, NAME_BYTES);
        case 5 -> sub(in, tag, this::readInitializer);
        case 15 -> {
          out.sparseInitializerCount++;
          ProtoWire.skip(in, tag);
        }
        case 11 -> sub(in, tag, i -> out.input(OnnxValueTypes.readValueInfo(i)));
        case 12 -> sub(in, tag, i -> out.output(OnnxValueTypes.readValueInfo(i)));
        default -> ProtoWire.skip(in, tag);
      }
    }
  }

  /** NodeProto: 4 op_type (1 input, 2 output, 3 name, 5 attribute, 6 doc_string, 7 domain skipped). */
  private void readNode(CodedInputStream in) throws IOException {
    String opType = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (ProtoWire.field(tag) == 4) {
        opType = text(in, tag, NAME_BYTES);
      } else {
        ProtoWire.skip(in, tag);
      }
    }
    out.node(opType);
  }

  /**
   * TensorProto: 1 dims (int64, packed or not), 8 name, 13 external_data (StringStringEntryProto,
   * key "location"); 9 raw_data and the typed data fields 4-7, 10, 11 are skipped unread.
   */
  private void readInitializer(CodedInputStream in) throws IOException {
    List<Long> dims = new ArrayList<>();
    String[] name = new String[1];
    boolean[] tooManyDims = new boolean[1];
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (ProtoWire.field(tag)) {
        case 1 -> ProtoWire.int64s(in, tag, d -> {
          if (dims.size() < 64) {
            dims.add(d);
          } else {
            tooManyDims[0] = true;
          }
        });
        case 8 -> name[0] = text(in, tag, NAME_BYTES);
        case 13 -> sub(in, tag, i -> {
          String[] kv = entry(i);
          if ("location".equals(kv[0]) && kv[1] != null && out.externalDataFiles.size() < 100) {
            out.externalDataFiles.add(kv[1]);
          }
        });
        default -> ProtoWire.skip(in, tag);
      }
    }
    long elements = tooManyDims[0] ? -1 : ModelFileRecords.elements(dims.stream().mapToLong(Long::longValue).toArray());
    out.initializer(name[0], elements);
  }

  private static void sub(CodedInputStream in, int tag, ProtoWire.Body body) throws IOException {
    if (ProtoWire.isLengthDelimited(tag)) {
      ProtoWire.message(in, body);
    } else {
      ProtoWire.skip(in, tag);
    }
  }

  private static Long varint(CodedInputStream in, int tag) throws IOException {
    if (ProtoWire.isVarint(tag)) {
      return in.readInt64();
    }
    ProtoWire.skip(in, tag);
    return null;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }

  private static String text(CodedInputStream in, int tag, int max) throws IOException {
    if (ProtoWire.isLengthDelimited(tag)) {
      return ProtoWire.string(in, max);
    }
    ProtoWire.skip(in, tag);
    return null;
  }
}
