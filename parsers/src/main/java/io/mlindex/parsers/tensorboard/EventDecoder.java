package io.mlindex.parsers.tensorboard;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Decodes {@code Event} protobufs with the wire reader (no generated classes) into an {@link
 * EventLog}. Field numbers are those of TensorBoard's {@code event.proto}, {@code summary.proto}
 * and {@code tensor.proto}. Only what is indexed is decoded; images, histograms and graphs are
 * skipped over, not copied.
 */
final class EventDecoder {
  // Event
  private static final int WALL_TIME = Wire.tag(1, WireFormat.WIRETYPE_FIXED64);
  private static final int STEP = Wire.tag(2, WireFormat.WIRETYPE_VARINT);
  private static final int FILE_VERSION = Wire.tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int GRAPH_DEF = Wire.tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int SUMMARY = Wire.tag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int SESSION_LOG = Wire.tag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int RUN_METADATA = Wire.tag(8, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int META_GRAPH_DEF = Wire.tag(9, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  // Summary and Summary.Value
  private static final int SUMMARY_VALUE = Wire.tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int VALUE_TAG = Wire.tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int SIMPLE_VALUE = Wire.tag(2, WireFormat.WIRETYPE_FIXED32);
  private static final int OLD_HISTOGRAM = Wire.tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int IMAGE = Wire.tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int HISTO = Wire.tag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int AUDIO = Wire.tag(6, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int TENSOR = Wire.tag(8, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int METADATA = Wire.tag(9, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  // SummaryMetadata and PluginData
  private static final int PLUGIN_DATA = Wire.tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int DATA_CLASS = Wire.tag(4, WireFormat.WIRETYPE_VARINT);
  private static final int PLUGIN_NAME = Wire.tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int PLUGIN_CONTENT = Wire.tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int DATA_CLASS_SCALAR = 1;

  private final EventLog log;
  private final TagCache tagCache;
  private final TensorValue tensor = new TensorValue();

  // The summary value being decoded (reused). The tag is a range of the payload.
  private int tagOffset;
  private int tagLength;
  private String plugin;
  private int dataClass;
  private int contentOffset;
  private int contentLength;
  private boolean hasSimple;
  private float simple;
  private boolean hasTensor;
  private String otherKind;

  EventDecoder(EventLog log) {
    this.log = log;
    this.tagCache = new TagCache(log);
  }

  /** Decodes one event; throws when the payload is not a well-formed protobuf. */
  void decode(byte[] payload, int length) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(payload, 0, length);
    double wallTime = 0;
    long step = 0;
    boolean stepSeen = false;
    int summaryOffset = -1;
    int summaryLength = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == WALL_TIME) {
        wallTime = in.readDouble();
      } else if (tag == STEP) {
        step = in.readInt64();
        stepSeen = true;
      } else if (tag == FILE_VERSION) {
        log.fileVersion = in.readString();
      } else if (tag == SUMMARY && stepSeen) {
        int limit = in.pushLimit(in.readRawVarint32());
        decodeSummary(in, 0, payload, step);
        in.popLimit(limit);
      } else if (tag == SUMMARY) {
        // Writers put the step first, but the wire allows any order: then decode after the loop.
        summaryLength = in.readRawVarint32();
        summaryOffset = in.getTotalBytesRead();
        in.skipRawBytes(summaryLength);
      } else if (tag == GRAPH_DEF || tag == META_GRAPH_DEF) {
        log.other(tag == GRAPH_DEF ? "graph_def" : "meta_graph_def");
        in.skipField(tag);
      } else if (tag == RUN_METADATA) {
        log.other("run_metadata");
        in.skipField(tag);
      } else if (tag == SESSION_LOG) {
        log.other("session_log");
        in.skipField(tag);
      } else {
        in.skipField(tag);
      }
    }
    log.event(wallTime, step);
    if (summaryOffset >= 0) {
      decodeSummary(CodedInputStream.newInstance(payload, summaryOffset, summaryLength), summaryOffset, payload, step);
    }
  }

  /** Decodes the Summary the stream is limited to; {@code offset} is where the stream starts in the payload. */
  private void decodeSummary(CodedInputStream in, int offset, byte[] payload, long step) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag != SUMMARY_VALUE) {
        in.skipField(tag);
        continue;
      }
      int limit = in.pushLimit(in.readRawVarint32());
      decodeValue(in, offset);
      in.popLimit(limit);
      finishValue(payload, step);
    }
  }

  private void decodeValue(CodedInputStream in, int base) throws IOException {
    tagOffset = 0;
    tagLength = 0;
    plugin = null;
    dataClass = 0;
    contentLength = 0;
    hasSimple = false;
    hasTensor = false;
    otherKind = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == VALUE_TAG) {
        tagLength = in.readRawVarint32();
        tagOffset = base + in.getTotalBytesRead();
        in.skipRawBytes(tagLength);
      } else if (tag == SIMPLE_VALUE) {
        simple = in.readFloat();
        hasSimple = true;
      } else if (tag == TENSOR) {
        int limit = in.pushLimit(in.readRawVarint32());
        tensor.read(in);
        in.popLimit(limit);
        hasTensor = true;
      } else if (tag == METADATA) {
        int limit = in.pushLimit(in.readRawVarint32());
        decodeMetadata(in, base);
        in.popLimit(limit);
      } else if (tag == HISTO || tag == OLD_HISTOGRAM) {
        otherKind = "histograms";
        in.skipField(tag);
      } else if (tag == IMAGE) {
        otherKind = "images";
        in.skipField(tag);
      } else if (tag == AUDIO) {
        otherKind = "audio";
        in.skipField(tag);
      } else {
        in.skipField(tag);
      }
    }
  }

  private void decodeMetadata(CodedInputStream in, int base) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == PLUGIN_DATA) {
        int limit = in.pushLimit(in.readRawVarint32());
        int t;
        while ((t = in.readTag()) != 0) {
          if (t == PLUGIN_NAME) {
            plugin = in.readString();
          } else if (t == PLUGIN_CONTENT) {
            contentLength = in.readRawVarint32();
            contentOffset = base + in.getTotalBytesRead();
            in.skipRawBytes(contentLength);
          } else {
            in.skipField(t);
          }
        }
        in.popLimit(limit);
      } else if (tag == DATA_CLASS) {
        dataClass = in.readEnum();
      } else {
        in.skipField(tag);
      }
    }
  }

  private void finishValue(byte[] payload, long step) throws IOException {
    EventLog.Tag t = tagCache.lookup(payload, tagOffset, tagLength);
    if (t == null) {
      return;
    }
    if (plugin != null && !plugin.isEmpty() && t.plugin.isEmpty()) {
      t.plugin = plugin; // metadata usually rides only on a tag's first value
    }
    String tagPlugin = t.plugin;
    if ("hparams".equals(tagPlugin) && contentLength > 0) {
      log.hparams(HparamsPluginData.parse(payload, contentOffset, contentLength));
    }
    if (hasSimple) {
      log.scalar(t, step, simple, "simple_value");
    } else if (hasTensor && isScalarSeries(tagPlugin) && tensor.isFloatScalar()) {
      log.scalar(t, step, tensor.first, t.encoding != null ? t.encoding : "tensor:" + TensorValue.dtypeName(tensor.dtype));
    } else if (hasTensor) {
      log.nonScalar(t, tagPlugin, TensorValue.dtypeName(tensor.dtype));
    } else {
      log.nonScalar(t, otherKind != null ? otherKind : tagPlugin, null);
    }
  }

  /** TF2 scalars carry plugin "scalars"; a bare float scalar without a plugin counts too. */
  private boolean isScalarSeries(String tagPlugin) {
    return tagPlugin.equals("scalars") || dataClass == DATA_CLASS_SCALAR || tagPlugin.isEmpty();
  }
}
