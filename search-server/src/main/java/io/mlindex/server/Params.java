package io.mlindex.server;

import io.mlindex.record.RecordIds;
import java.util.ArrayList;
import java.util.List;
import spark.Request;

/** Reading and checking request parameters; every problem is a 400 that names the parameter. */
final class Params {
  private Params() {}

  static int intParam(Request req, String name, int fallback, int min, int max) {
    String v = req.queryParams(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min || i > max) {
        throw new ApiError(400, name + " must be between " + min + " and " + max + ", not " + i);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ApiError(400, name + " must be a whole number between " + min + " and " + max + ", not '" + shorten(v) + "'");
    }
  }

  static boolean boolParam(Request req, String name) {
    String v = req.queryParams(name);
    if (v == null || v.isBlank() || v.equals("false") || v.equals("0")) {
      return false;
    }
    if (v.equals("true") || v.equals("1")) {
      return true;
    }
    throw new ApiError(400, name + " must be true or false, not '" + shorten(v) + "'");
  }

  static String text(Request req, String name, int maxChars) {
    String v = req.queryParams(name);
    if (v != null && v.length() > maxChars) {
      throw new ApiError(400, name + " is longer than " + maxChars + " characters");
    }
    return v;
  }

  /** A comma-separated list parameter, trimmed, empties dropped. */
  static List<String> list(Request req, String name, int maxItems) {
    String v = text(req, name, 4096);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    for (String part : v.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    if (out.size() > maxItems) {
      throw new ApiError(400, name + " may list at most " + maxItems + " items");
    }
    return out;
  }

  static String recordId(String id) {
    if (!RecordIds.looksLikeId(id)) {
      throw new ApiError(400, "'" + shorten(id) + "' is not a record id (16 lowercase hex characters)");
    }
    return id;
  }

  static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String clean = s.codePoints().filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return clean.length() <= 80 ? clean : clean.substring(0, 80) + "...";
  }
}
