package io.mlindex.parsers.models.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Small helpers over protobuf's wire reader, so ONNX can be read without generated classes and
 * without ever holding a large field in memory.
 */
final class ProtoWire {
  /** Reads one length-delimited sub-message's fields. */
  interface Body {
    void read(CodedInputStream in) throws IOException;
  }

  private ProtoWire() {}

  static int field(int tag) {
    return WireFormat.getTagFieldNumber(tag);
  }

  static boolean isLengthDelimited(int tag) {
    return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  static boolean isVarint(int tag) {
    return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT;
  }

  /** Skips a field. ONNX never uses groups, so a group tag means the bytes are not ONNX. */
  static void skip(CodedInputStream in, int tag) throws IOException {
    int wire = WireFormat.getTagWireType(tag);
    if (wire == WireFormat.WIRETYPE_START_GROUP || wire == WireFormat.WIRETYPE_END_GROUP || wire > 5) {
      throw new InvalidProtocolBufferException(
          "unexpected wire type " + wire + " for field " + field(tag) + " (not an ONNX protobuf)");
    }
    in.skipField(tag);
  }

  /**
   * A string field, cut to {@code max} bytes (the rest is skipped, not read) and decoded leniently
   * as UTF-8.
   */
  static String string(CodedInputStream in, int max) throws IOException {
    int length = in.readRawVarint32();
    if (length < 0) {
      throw new InvalidProtocolBufferException("negative string length");
    }
    if (length <= max) {
      return new String(in.readRawBytes(length), StandardCharsets.UTF_8);
    }
    String head = new String(in.readRawBytes(max), StandardCharsets.UTF_8);
    in.skipRawBytes(length - max);
    return head + "…";
  }

  /** Reads a length-delimited sub-message with {@code body}, skipping whatever it leaves unread. */
  static void message(CodedInputStream in, Body body) throws IOException {
    int length = in.readRawVarint32();
    if (length < 0) {
      throw new InvalidProtocolBufferException("negative message length");
    }
    int outer = in.pushLimit(length);
    body.read(in);
    in.skipRawBytes(in.getBytesUntilLimit());
    in.popLimit(outer);
  }

  /** Calls {@code onLong} for a repeated int64 field, packed or not. */
  static void int64s(CodedInputStream in, int tag, java.util.function.LongConsumer onLong) throws IOException {
    if (isVarint(tag)) {
      onLong.accept(in.readInt64());
    } else if (isLengthDelimited(tag)) {
      message(in, packed -> {
        while (packed.getBytesUntilLimit() > 0) {
          onLong.accept(packed.readInt64());
        }
      });
    } else {
      skip(in, tag);
    }
  }
}
