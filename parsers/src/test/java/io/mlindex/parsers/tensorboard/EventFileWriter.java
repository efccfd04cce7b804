package io.mlindex.parsers.tensorboard;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes TensorBoard event files for tests: TFRecord framing around {@code Event} protobufs encoded
 * by hand with {@link CodedOutputStream} (field numbers from event.proto, summary.proto,
 * tensor.proto and the hparams plugin_data.proto).
 */
final class EventFileWriter {
  static final int DT_FLOAT = 1;
  static final int DT_DOUBLE = 2;
  static final int DT_STRING = 7;
  static final int DT_HALF = 19;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** How a TF2 tensor scalar stores its value. */
  enum TensorEncoding { TYPED_VALUES, TENSOR_CONTENT }

  interface Body {
    void write(CodedOutputStream o) throws IOException;
  }

  static byte[] message(Body body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream o = CodedOutputStream.newInstance(bytes);
      body.write(o);
      o.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  EventFileWriter record(byte[] payload) {
    return framed(payload, false, false);
  }

  /** A record whose length or payload CRC is deliberately wrong. */
  EventFileWriter framed(byte[] payload, boolean badLengthCrc, boolean badDataCrc) {
    byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(payload.length).array();
    writeRaw(length);
    writeRaw(intLe(maskedCrc(length) ^ (badLengthCrc ? 1 : 0)));
    writeRaw(payload);
    writeRaw(intLe(maskedCrc(payload) ^ (badDataCrc ? 1 : 0)));
    return this;
  }

  /** A header that declares {@code length} bytes (with a valid CRC) and nothing after it. */
  EventFileWriter declaredOnly(long length) {
    byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
    writeRaw(len);
    writeRaw(intLe(maskedCrc(len)));
    return this;
  }

  EventFileWriter writeRaw(byte[] bytes) {
    out.write(bytes, 0, bytes.length);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  static int maskedCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }

  private static byte[] intLe(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  // Events

  static byte[] fileVersion(double wallTime, String version) {
    return message(o -> {
      o.writeDouble(1, wallTime);
      o.writeString(3, version);
    });
  }

  static byte[] summaryEvent(double wallTime, long step, byte[]... values) {
    byte[] summary = message(o -> {
      for (byte[] v : values) {
        o.writeByteArray(1, v);
      }
    });
    return message(o -> {
      o.writeDouble(1, wallTime);
      o.writeInt64(2, step);
      o.writeByteArray(5, summary);
    });
  }

  /** The same event with the summary written before wall time and step (legal protobuf order). */
  static byte[] summaryFirstEvent(double wallTime, long step, byte[] value) {
    byte[] summary = message(o -> o.writeByteArray(1, value));
    return message(o -> {
      o.writeByteArray(5, summary);
      o.writeInt64(2, step);
      o.writeDouble(1, wallTime);
    });
  }

  static byte[] graphEvent(double wallTime) {
    return message(o -> {
      o.writeDouble(1, wallTime);
      o.writeByteArray(4, new byte[] {10, 3, 'a', 'b', 'c'});
    });
  }

  // Summary values

  static byte[] simpleValue(String tag, float value) {
    return message(o -> {
      o.writeString(1, tag);
      o.writeFloat(2, value);
    });
  }

  static byte[] pluginMetadata(String plugin, byte[] content) {
    byte[] pluginData = message(o -> {
      o.writeString(1, plugin);
      if (content != null) {
        o.writeByteArray(2, content);
      }
    });
    return message(o -> o.writeByteArray(1, pluginData));
  }

  /** A TF2 scalar: a rank-0 tensor, with the scalars plugin named when {@code withMetadata}. */
  static byte[] tensorScalar(String tag, int dtype, double value, TensorEncoding encoding, boolean withMetadata) {
    byte[] tensor = message(o -> {
      o.writeEnum(1, dtype);
      o.writeByteArray(2, new byte[0]); // rank-0 shape
      if (encoding == TensorEncoding.TENSOR_CONTENT) {
        o.writeByteArray(4, littleEndian(dtype, value));
      } else {
        switch (dtype) {
          case DT_FLOAT -> o.writeByteArray(5, message(p -> p.writeFloatNoTag((float) value)));
          case DT_DOUBLE -> o.writeByteArray(6, message(p -> p.writeDoubleNoTag(value)));
          default -> o.writeByteArray(13, message(p -> p.writeInt32NoTag(toHalf((float) value))));
        }
      }
    });
    return message(o -> {
      o.writeString(1, tag);
      if (withMetadata) {
        o.writeByteArray(9, pluginMetadata("scalars", new byte[0]));
      }
      o.writeByteArray(8, tensor);
    });
  }

  /** A TF2 histogram: a [2, 3] double tensor under the histograms plugin. */
  static byte[] tensorHistogram(String tag) {
    byte[] shape = message(o -> {
      o.writeByteArray(2, message(d -> d.writeInt64(1, 2)));
      o.writeByteArray(2, message(d -> d.writeInt64(1, 3)));
    });
    byte[] tensor = message(o -> {
      o.writeEnum(1, DT_DOUBLE);
      o.writeByteArray(2, shape);
      o.writeByteArray(4, new byte[48]);
    });
    return message(o -> {
      o.writeString(1, tag);
      o.writeByteArray(9, pluginMetadata("histograms", null));
      o.writeByteArray(8, tensor);
    });
  }

  /** A TF1 histogram ({@code histo}, field 5). */
  static byte[] classicHistogram(String tag) {
    return message(o -> {
      o.writeString(1, tag);
      o.writeByteArray(5, message(h -> {
        h.writeDouble(1, 0.0);
        h.writeDouble(2, 1.0);
      }));
    });
  }

  static byte[] image(String tag) {
    return message(o -> {
      o.writeString(1, tag);
      o.writeByteArray(4, message(i -> {
        i.writeInt32(1, 2);
        i.writeInt32(2, 2);
        i.writeByteArray(4, new byte[] {1, 2, 3});
      }));
    });
  }

  static byte[] text(String tag, String value) {
    byte[] tensor = message(o -> {
      o.writeEnum(1, DT_STRING);
      o.writeByteArray(8, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    });
    return message(o -> {
      o.writeString(1, tag);
      o.writeByteArray(9, pluginMetadata("text", new byte[0]));
      o.writeByteArray(8, tensor);
    });
  }

  /** The hparams plugin's session start: numbers, strings and booleans as google.protobuf.Value. */
  static byte[] hparamsSessionStart(Map<String, Object> hparams, double startSecs) {
    byte[] start = message(o -> {
      for (Map.Entry<String, Object> e : hparams.entrySet()) {
        o.writeByteArray(1, message(entry -> {
          entry.writeString(1, e.getKey());
          entry.writeByteArray(2, protobufValue(e.getValue()));
        }));
      }
      o.writeDouble(5, startSecs);
    });
    byte[] pluginData = message(o -> {
      o.writeInt32(1, 0);
      o.writeByteArray(3, start);
    });
    return message(o -> {
      o.writeString(1, "_hparams_/session_start_info");
      o.writeByteArray(9, pluginMetadata("hparams", pluginData));
      o.writeByteArray(8, message(t -> t.writeEnum(1, DT_FLOAT)));
    });
  }

  private static byte[] protobufValue(Object v) {
    return message(o -> {
      if (v instanceof Number n) {
        o.writeDouble(2, n.doubleValue());
      } else if (v instanceof Boolean b) {
        o.writeBool(4, b);
      } else if (v instanceof java.util.List<?> list) {
        o.writeByteArray(6, message(l -> {
          for (Object e : list) {
            l.writeByteArray(1, protobufValue(e));
          }
        }));
      } else if (v == null) {
        o.writeEnum(1, 0);
      } else {
        o.writeString(3, v.toString());
      }
    });
  }

  private static byte[] littleEndian(int dtype, double value) {
    return switch (dtype) {
      case DT_FLOAT -> ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat((float) value).array();
      case DT_DOUBLE -> ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array();
      default -> ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) toHalf((float) value)).array();
    };
  }

  /** float to IEEE binary16 for values that are exact in half precision (tests use 0.5, 1.25, 3.0 ...). */
  static int toHalf(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
    int mantissa = (bits >>> 13) & 0x3ff;
    if (f == 0) {
      return sign;
    }
    return sign | (exponent << 10) | mantissa;
  }
}
