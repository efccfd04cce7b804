package io.mlindex.parsers.gbdt;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree as UBJSON the way XGBoost does: object keys with an int64 length, counted
 * arrays ({@code [#L n}), arrays of floats as typed float32 arrays ({@code [$d#L n}), integers in
 * the smallest marker.
 */
final class UbjsonBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static byte[] of(JsonNode n) {
    UbjsonBytes w = new UbjsonBytes();
    w.value(n);
    return w.out.toByteArray();
  }

  private void value(JsonNode n) {
    if (n.isObject()) {
      out.write('{');
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        key(e.getKey());
        value(e.getValue());
      }
      out.write('}');
    } else if (n.isArray()) {
      boolean floats = !n.isEmpty();
      for (JsonNode item : n) {
        floats &= item.isFloatingPointNumber();
      }
      out.write('[');
      if (floats) {
        out.write('$');
        out.write('d');
      }
      out.write('#');
      out.write('L');
      big(n.size(), 8);
      for (JsonNode item : n) {
        if (floats) {
          big(Float.floatToIntBits((float) item.doubleValue()), 4);
        } else {
          value(item);
        }
      }
    } else if (n.isTextual()) {
      out.write('S');
      key(n.textValue());
    } else if (n.isBoolean()) {
      out.write(n.booleanValue() ? 'T' : 'F');
    } else if (n.isNull()) {
      out.write('Z');
    } else if (n.isIntegralNumber()) {
      long v = n.longValue();
      if (v > Byte.MIN_VALUE && v < Byte.MAX_VALUE) {
        out.write('i');
        big(v, 1);
      } else {
        out.write('L');
        big(v, 8);
      }
    } else {
      out.write('d');
      big(Float.floatToIntBits((float) n.doubleValue()), 4);
    }
  }

  private void key(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write('L');
    big(b.length, 8);
    out.writeBytes(b);
  }

  private void big(long v, int n) {
    for (int i = n - 1; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }
}
