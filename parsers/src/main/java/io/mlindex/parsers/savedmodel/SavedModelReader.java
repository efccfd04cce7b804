package io.mlindex.parsers.savedmodel;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.mlindex.parsers.ParseContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the parts of a {@code saved_model.pb} that say what the model is, with protobuf's wire
 * reader and no generated classes, streaming: the graph (often most of the file) is skipped, its
 * nodes only counted. Field numbers are those of TensorFlow's {@code saved_model.proto}, {@code
 * meta_graph.proto}, {@code graph.proto}, {@code tensor_shape.proto} and {@code types.proto}.
 * What was read before damage or a truncated end is kept in the {@link Summary}.
 */
final class SavedModelReader {
  /** Strings longer than this (tensor names, versions, tags) are skipped, not allocated. */
  static final int MAX_STRING = 64 * 1024;
  /** Most signatures and tensors per signature kept. */
  static final int MAX_ENTRIES = 1000;

  // SavedModel: int64 saved_model_schema_version = 1; repeated MetaGraphDef meta_graphs = 2;
  private static final int SAVED_MODEL_SCHEMA_VERSION = 1;
  private static final int SAVED_MODEL_META_GRAPHS = 2;
  // MetaGraphDef: MetaInfoDef meta_info_def = 1; GraphDef graph_def = 2; SaverDef saver_def = 3;
  // map<string, SignatureDef> signature_def = 5; SavedObjectGraph object_graph_def = 7;
  private static final int META_GRAPH_INFO = 1;
  private static final int META_GRAPH_GRAPH = 2;
  private static final int META_GRAPH_SAVER = 3;
  private static final int META_GRAPH_SIGNATURES = 5;
  private static final int META_GRAPH_OBJECT_GRAPH = 7;
  // MetaInfoDef: string meta_graph_version = 1; repeated string tags = 4;
  // string tensorflow_version = 5; string tensorflow_git_version = 6;
  private static final int INFO_META_GRAPH_VERSION = 1;
  private static final int INFO_TAGS = 4;
  private static final int INFO_TF_VERSION = 5;
  private static final int INFO_TF_GIT_VERSION = 6;
  // GraphDef: repeated NodeDef node = 1; FunctionDefLibrary library = 2;
  // FunctionDefLibrary: repeated FunctionDef function = 1;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_LIBRARY = 2;
  private static final int LIBRARY_FUNCTION = 1;
  // A map entry: key = 1, value = 2.
  private static final int MAP_KEY = 1;
  private static final int MAP_VALUE = 2;
  // SignatureDef: map<string, TensorInfo> inputs = 1; outputs = 2; string method_name = 3;
  private static final int SIGNATURE_INPUTS = 1;
  private static final int SIGNATURE_OUTPUTS = 2;
  private static final int SIGNATURE_METHOD = 3;
  // TensorInfo: string name = 1; DataType dtype = 2; TensorShapeProto tensor_shape = 3;
  private static final int TENSOR_NAME = 1;
  private static final int TENSOR_DTYPE = 2;
  private static final int TENSOR_SHAPE = 3;
  // TensorShapeProto: repeated Dim dim = 2; bool unknown_rank = 3; Dim: int64 size = 1;
  private static final int SHAPE_DIM = 2;
  private static final int SHAPE_UNKNOWN_RANK = 3;
  private static final int DIM_SIZE = 1;

  /** DataType enum values 1..23 (types.proto), spelled as tf.dtypes names; +100 are reference types. */
  private static final String[] DTYPES = {
    "invalid", "float32", "float64", "int32", "uint8", "int16", "int8", "string", "complex64",
    "int64", "bool", "qint8", "quint8", "qint32", "bfloat16", "qint16", "quint16", "uint16",
    "complex128", "float16", "resource", "variant", "uint32", "uint64"
  };

  /** One input or output of a signature. */
  record Tensor(String key, String name, String dtype, List<Long> shape) {
    /** {@code float32[-1,28,28]}; {@code float32[?]} for an unknown rank. */
    String type() {
      if (shape == null) {
        return dtype + "[?]";
      }
      List<String> dims = new ArrayList<>();
      shape.forEach(d -> dims.add(String.valueOf(d)));
      return dtype + "[" + String.join(",", dims) + "]";
    }
  }

  record Signature(String key, String method, List<Tensor> inputs, List<Tensor> outputs) {}

  /** What was read; fields fill in as reading goes, so a damaged file still yields its head. */
  static final class Summary {
    Long schemaVersion;
    int metaGraphs;
    final Set<String> tags = new LinkedHashSet<>();
    String tensorflowVersion;
    String tensorflowGitVersion;
    String metaGraphVersion;
    long graphNodes;
    long graphFunctions;
    boolean objectGraph;
    boolean saverDef;
    final List<Signature> signatures = new ArrayList<>();
    boolean signaturesCut;
    long bytesRead;
  }

  private final CodedInputStream in;
  private final ParseContext context;
  private final Summary summary = new Summary();

  private SavedModelReader(InputStream stream, ParseContext context) {
    this.in = CodedInputStream.newInstance(stream);
    this.context = context;
  }

  /** Reads a SavedModel; damage ends the reading with {@link InvalidProtocolBufferException} carrying what was read. */
  static Summary read(InputStream stream, ParseContext context, List<String> warnings) throws IOException {
    SavedModelReader reader = new SavedModelReader(stream, context);
    try {
      reader.savedModel();
    } catch (InvalidProtocolBufferException e) {
      warnings.add("saved_model.pb is truncated or damaged after " + reader.in.getTotalBytesRead()
          + " bytes (" + e.getMessage() + "); what was read before is kept");
    }
    reader.summary.bytesRead = reader.in.getTotalBytesRead();
    return reader.summary;
  }

  private void savedModel() throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == SAVED_MODEL_SCHEMA_VERSION && isVarint(tag)) {
        summary.schemaVersion = in.readInt64();
      } else if (field == SAVED_MODEL_META_GRAPHS && isLengthDelimited(tag)) {
        summary.metaGraphs++;
        int limit = enter();
        metaGraph();
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
  }

  private void metaGraph() throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (!isLengthDelimited(tag)) {
        in.skipField(tag);
      } else if (field == META_GRAPH_INFO) {
        int limit = enter();
        metaInfo();
        in.popLimit(limit);
      } else if (field == META_GRAPH_GRAPH) {
        int limit = enter();
        graph();
        in.popLimit(limit);
      } else if (field == META_GRAPH_SIGNATURES) {
        int limit = enter();
        signatureEntry();
        in.popLimit(limit);
      } else {
        summary.objectGraph |= field == META_GRAPH_OBJECT_GRAPH;
        summary.saverDef |= field == META_GRAPH_SAVER;
        in.skipField(tag);
      }
    }
  }

  private void metaInfo() throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (!isLengthDelimited(tag)) {
        in.skipField(tag);
      } else if (field == INFO_TAGS) {
        add(summary.tags, string());
      } else if (field == INFO_TF_VERSION) {
        summary.tensorflowVersion = firstOf(summary.tensorflowVersion, string());
      } else if (field == INFO_TF_GIT_VERSION) {
        summary.tensorflowGitVersion = firstOf(summary.tensorflowGitVersion, string());
      } else if (field == INFO_META_GRAPH_VERSION) {
        summary.metaGraphVersion = firstOf(summary.metaGraphVersion, string());
      } else {
        in.skipField(tag);
      }
    }
  }

  /** Counts nodes and library functions; their contents (weights of frozen graphs included) are skipped. */
  private void graph() throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == GRAPH_NODE && isLengthDelimited(tag)) {
        if ((++summary.graphNodes & 0x3ff) == 0) {
          context.checkDeadline();
        }
        in.skipField(tag);
      } else if (field == GRAPH_LIBRARY && isLengthDelimited(tag)) {
        int limit = enter();
        int inner;
        while ((inner = in.readTag()) != 0) {
          if (WireFormat.getTagFieldNumber(inner) == LIBRARY_FUNCTION && isLengthDelimited(inner)) {
            summary.graphFunctions++;
          }
          in.skipField(inner);
        }
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
  }

  /** One entry of the signature_def map: key = the signature's name, value = SignatureDef. */
  private void signatureEntry() throws IOException {
    String key = "";
    String method = null;
    List<Tensor> inputs = new ArrayList<>();
    List<Tensor> outputs = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == MAP_KEY && isLengthDelimited(tag)) {
        key = orEmpty(string());
      } else if (field == MAP_VALUE && isLengthDelimited(tag)) {
        int limit = enter();
        int inner;
        while ((inner = in.readTag()) != 0) {
          int f = WireFormat.getTagFieldNumber(inner);
          if ((f == SIGNATURE_INPUTS || f == SIGNATURE_OUTPUTS) && isLengthDelimited(inner)) {
            List<Tensor> side = f == SIGNATURE_INPUTS ? inputs : outputs;
            int entryLimit = enter();
            Tensor t = tensorEntry();
            if (side.size() < MAX_ENTRIES) {
              side.add(t);
            }
            in.popLimit(entryLimit);
          } else if (f == SIGNATURE_METHOD && isLengthDelimited(inner)) {
            method = string();
          } else {
            in.skipField(inner);
          }
        }
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
    if (summary.signatures.size() < MAX_ENTRIES) {
      summary.signatures.add(new Signature(key, method, inputs, outputs));
    } else {
      summary.signaturesCut = true;
    }
  }

  /** One entry of a map<string, TensorInfo>. */
  private Tensor tensorEntry() throws IOException {
    String key = "";
    String name = null;
    String dtype = DTYPES[0];
    List<Long> shape = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == MAP_KEY && isLengthDelimited(tag)) {
        key = orEmpty(string());
      } else if (field == MAP_VALUE && isLengthDelimited(tag)) {
        int limit = enter();
        int inner;
        while ((inner = in.readTag()) != 0) {
          int f = WireFormat.getTagFieldNumber(inner);
          if (f == TENSOR_NAME && isLengthDelimited(inner)) {
            name = string();
          } else if (f == TENSOR_DTYPE && isVarint(inner)) {
            dtype = dtypeName(in.readEnum());
          } else if (f == TENSOR_SHAPE && isLengthDelimited(inner)) {
            int shapeLimit = enter();
            shape = shape();
            in.popLimit(shapeLimit);
          } else {
            in.skipField(inner);
          }
        }
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
    return new Tensor(key, name, dtype, shape);
  }

  /** The dimensions (-1 = unknown size), or null for an unknown rank. */
  private List<Long> shape() throws IOException {
    List<Long> dims = new ArrayList<>();
    boolean unknownRank = false;
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == SHAPE_DIM && isLengthDelimited(tag)) {
        int limit = enter();
        long size = 0;
        int inner;
        while ((inner = in.readTag()) != 0) {
          if (WireFormat.getTagFieldNumber(inner) == DIM_SIZE && isVarint(inner)) {
            size = in.readInt64();
          } else {
            in.skipField(inner);
          }
        }
        in.popLimit(limit);
        if (dims.size() < MAX_ENTRIES) {
          dims.add(size);
        }
      } else if (field == SHAPE_UNKNOWN_RANK && isVarint(tag)) {
        unknownRank = in.readBool();
      } else {
        in.skipField(tag);
      }
    }
    return unknownRank ? null : dims;
  }

  static String dtypeName(int value) {
    if (value >= 0 && value < DTYPES.length) {
      return DTYPES[value];
    }
    if (value > 100 && value - 100 < DTYPES.length) {
      return DTYPES[value - 100] + "_ref";
    }
    return "dtype" + value;
  }

  /** Reads a length and narrows the stream to it. */
  private int enter() throws IOException {
    int length = in.readRawVarint32();
    if (length < 0) {
      throw new InvalidProtocolBufferException("negative length " + length);
    }
    return in.pushLimit(length);
  }

  /** A UTF-8 string field, or null (skipped) when longer than {@link #MAX_STRING}. */
  private String string() throws IOException {
    int length = in.readRawVarint32();
    if (length < 0) {
      throw new InvalidProtocolBufferException("negative length " + length);
    }
    if (length > MAX_STRING) {
      in.skipRawBytes(length);
      return null;
    }
    return new String(in.readRawBytes(length), StandardCharsets.UTF_8);
  }

  private static boolean isLengthDelimited(int tag) {
    return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  private static boolean isVarint(int tag) {
    return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT;
  }

  private static void add(Set<String> set, String value) {
    if (value != null && set.size() < MAX_ENTRIES) {
      set.add(value);
    }
  }

  private static String firstOf(String current, String next) {
    return current != null && !current.isEmpty() ? current : next;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
