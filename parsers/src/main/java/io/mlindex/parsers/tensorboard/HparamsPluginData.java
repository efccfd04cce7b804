package io.mlindex.parsers.tensorboard;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hparams plugin's {@code HParamsPluginData} (the content of a summary whose plugin is {@code
 * hparams}): of it only the session start (hyperparameter values, group name, start time) and the
 * session end (status, end time) are read. Hyperparameter values are {@code google.protobuf.Value}s:
 * numbers become Double, strings String, booleans Boolean, lists List and structs Map.
 */
final class HparamsPluginData {
  private static final int MAX_DEPTH = 32;
  private static final String[] STATUS = {"unknown", "success", "failure", "running"};

  final Map<String, Object> hparams = new LinkedHashMap<>();
  String groupName;
  double startTimeSecs;
  String status;
  double endTimeSecs;
  boolean sessionStart;
  boolean sessionEnd;

  static HparamsPluginData parse(byte[] bytes, int offset, int length) throws IOException {
    HparamsPluginData d = new HparamsPluginData();
    CodedInputStream in = CodedInputStream.newInstance(bytes, offset, length);
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == Wire.tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        int limit = in.pushLimit(in.readRawVarint32());
        d.readSessionStart(in);
        in.popLimit(limit);
      } else if (tag == Wire.tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        int limit = in.pushLimit(in.readRawVarint32());
        d.readSessionEnd(in);
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
    return d;
  }

  private void readSessionStart(CodedInputStream in) throws IOException {
    sessionStart = true;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> { // field 1, map entry
          int limit = in.pushLimit(in.readRawVarint32());
          readMapEntry(in, hparams, 0);
          in.popLimit(limit);
        }
        case 34 -> groupName = in.readString(); // field 4
        case 41 -> startTimeSecs = in.readDouble(); // field 5, fixed64
        default -> in.skipField(tag);
      }
    }
  }

  private void readSessionEnd(CodedInputStream in) throws IOException {
    sessionEnd = true;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 8 -> { // field 1, enum
          int s = in.readEnum();
          status = s >= 0 && s < STATUS.length ? STATUS[s] : String.valueOf(s);
        }
        case 17 -> endTimeSecs = in.readDouble(); // field 2, fixed64
        default -> in.skipField(tag);
      }
    }
  }

  /** A {@code map<string, Value>} entry (key = 1, value = 2) into {@code out}. */
  private static void readMapEntry(CodedInputStream in, Map<String, Object> out, int depth) throws IOException {
    String key = "";
    Object value = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 10) {
        key = in.readString();
      } else if (tag == 18) {
        int limit = in.pushLimit(in.readRawVarint32());
        value = readValue(in, depth + 1);
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
    out.put(key, value);
  }

  /** A {@code google.protobuf.Value} the stream is limited to. */
  private static Object readValue(CodedInputStream in, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException("hparams value nests deeper than " + MAX_DEPTH + " levels");
    }
    Object value = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 8 -> { // null_value
          in.readEnum();
          value = null;
        }
        case 17 -> value = in.readDouble(); // number_value
        case 26 -> value = in.readString(); // string_value
        case 32 -> value = in.readBool(); // bool_value
        case 42 -> { // struct_value: Struct { map<string, Value> fields = 1; }
          Map<String, Object> struct = new LinkedHashMap<>();
          int limit = in.pushLimit(in.readRawVarint32());
          int t;
          while ((t = in.readTag()) != 0) {
            if (t == 10) {
              int entry = in.pushLimit(in.readRawVarint32());
              readMapEntry(in, struct, depth + 1);
              in.popLimit(entry);
            } else {
              in.skipField(t);
            }
          }
          in.popLimit(limit);
          value = struct;
        }
        case 50 -> { // list_value: ListValue { repeated Value values = 1; }
          List<Object> list = new ArrayList<>();
          int limit = in.pushLimit(in.readRawVarint32());
          int t;
          while ((t = in.readTag()) != 0) {
            if (t == 10) {
              int element = in.pushLimit(in.readRawVarint32());
              list.add(readValue(in, depth + 1));
              in.popLimit(element);
            } else {
              in.skipField(t);
            }
          }
          in.popLimit(limit);
          value = list;
        }
        default -> in.skipField(tag);
      }
    }
    return value;
  }
}
