package io.mlindex.parsers.models.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code ValueInfoProto} and {@code TypeProto} into a short type text such as
 * {@code float[?,4]}, {@code seq(map(int64,float))} (field numbers from onnx/onnx.proto).
 */
final class OnnxValueTypes {
  private static final int MAX_DEPTH = 16;
  private static final int MAX_DIMS = 64;

  /** TensorProto.DataType names, by number. */
  private static final String[] ELEMENT_TYPES = {
    "undefined", "float", "uint8", "int8", "uint16", "int16", "int32", "int64", "string", "bool",
    "float16", "double", "uint32", "uint64", "complex64", "complex128", "bfloat16", "float8e4m3fn",
    "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz", "uint4", "int4", "float4e2m1", "float8e8m0",
    "uint2", "int2"
  };

  private OnnxValueTypes() {}

  static String elementType(long number) {
    return number >= 0 && number < ELEMENT_TYPES.length ? ELEMENT_TYPES[(int) number] : "type" + number;
  }

  /** ValueInfoProto: 1 name, 2 type (3 doc_string skipped). */
  static OnnxModelSummary.Value readValueInfo(CodedInputStream in) throws IOException {
    String name = "";
    String type = "?";
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = ProtoWire.field(tag);
      if (field == 1 && ProtoWire.isLengthDelimited(tag)) {
        name = ProtoWire.string(in, 4096);
      } else if (field == 2 && ProtoWire.isLengthDelimited(tag)) {
        String[] t = {"?"};
        ProtoWire.message(in, i -> t[0] = readType(i, 0));
        type = t[0];
      } else {
        ProtoWire.skip(in, tag);
      }
    }
    return new OnnxModelSummary.Value(name, type);
  }

  /**
   * TypeProto: 1 tensor_type, 4 sequence_type, 5 map_type, 8 sparse_tensor_type, 9 optional_type
   * (6 denotation skipped).
   */
  static String readType(CodedInputStream in, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new InvalidProtocolBufferException("TypeProto nested deeper than " + MAX_DEPTH);
    }
    String[] type = {"?"};
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (!ProtoWire.isLengthDelimited(tag)) {
        ProtoWire.skip(in, tag);
        continue;
      }
      switch (ProtoWire.field(tag)) {
        case 1 -> ProtoWire.message(in, i -> type[0] = readTensorType(i));
        case 8 -> ProtoWire.message(in, i -> type[0] = "sparse " + readTensorType(i));
        case 4 -> ProtoWire.message(in, i -> type[0] = "seq(" + readElem(i, depth) + ")");
        case 9 -> ProtoWire.message(in, i -> type[0] = "optional(" + readElem(i, depth) + ")");
        case 5 -> ProtoWire.message(in, i -> type[0] = readMapType(i, depth));
        default -> ProtoWire.skip(in, tag);
      }
    }
    return type[0];
  }

  /** Sequence / Optional: 1 elem_type (TypeProto). */
  private static String readElem(CodedInputStream in, int depth) throws IOException {
    String[] elem = {"?"};
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (ProtoWire.field(tag) == 1 && ProtoWire.isLengthDelimited(tag)) {
        ProtoWire.message(in, i -> elem[0] = readType(i, depth + 1));
      } else {
        ProtoWire.skip(in, tag);
      }
    }
    return elem[0];
  }

  /** Map: 1 key_type (element type number), 2 value_type (TypeProto). */
  private static String readMapType(CodedInputStream in, int depth) throws IOException {
    String key = "?";
    String[] value = {"?"};
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = ProtoWire.field(tag);
      if (field == 1 && ProtoWire.isVarint(tag)) {
        key = elementType(in.readInt64());
      } else if (field == 2 && ProtoWire.isLengthDelimited(tag)) {
        ProtoWire.message(in, i -> value[0] = readType(i, depth + 1));
      } else {
        ProtoWire.skip(in, tag);
      }
    }
    return "map(" + key + "," + value[0] + ")";
  }

  /** Tensor: 1 elem_type, 2 shape (TensorShapeProto: 1 dim; Dimension: 1 dim_value, 2 dim_param). */
  private static String readTensorType(CodedInputStream in) throws IOException {
    String elem = "?";
    List<String> dims = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = ProtoWire.field(tag);
      if (field == 1 && ProtoWire.isVarint(tag)) {
        elem = elementType(in.readInt64());
      } else if (field == 2 && ProtoWire.isLengthDelimited(tag)) {
        List<String> shape = new ArrayList<>();
        ProtoWire.message(in, i -> readShape(i, shape));
        dims = shape;
      } else {
        ProtoWire.skip(in, tag);
      }
    }
    return dims == null ? elem : elem + "[" + String.join(",", dims) + "]";
  }

  private static void readShape(CodedInputStream in, List<String> dims) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (ProtoWire.field(tag) == 1 && ProtoWire.isLengthDelimited(tag)) {
        String[] dim = {"?"};
        ProtoWire.message(in, i -> dim[0] = readDimension(i));
        if (dims.size() < MAX_DIMS) {
          dims.add(dim[0]);
        } else if (dims.size() == MAX_DIMS) {
          dims.add("…");
        }
      } else {
        ProtoWire.skip(in, tag);
      }
    }
  }

  private static String readDimension(CodedInputStream in) throws IOException {
    String dim = "?";
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = ProtoWire.field(tag);
      if (field == 1 && ProtoWire.isVarint(tag)) {
        dim = Long.toString(in.readInt64());
      } else if (field == 2 && ProtoWire.isLengthDelimited(tag)) {
        dim = ProtoWire.string(in, 256);
      } else {
        ProtoWire.skip(in, tag);
      }
    }
    return dim;
  }
}
