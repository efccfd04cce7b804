package io.mlindex.parsers.util;

import java.util.Locale;

/** Number parsing that accepts what Python and ML tools write, and never throws. */
public final class Numbers {
  private Numbers() {}

  /**
   * A double from text such as {@code 0.5}, {@code 1e-3}, {@code nan}, {@code inf}, {@code -Infinity};
   * null when the text is not a number.
   */
  public static Double parseDouble(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.isEmpty() || t.length() > 64) {
      return null;
    }
    switch (t.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    char c = t.charAt(t.length() - 1);
    if (!(Character.isDigit(c) || c == '.')) {
      return null; // rejects Java's "1d", "1f" suffixes and hex floats
    }
    try {
      return Double.parseDouble(t.replace("_", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A long from text, or null. */
  public static Long parseLong(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value as Long when it is a whole number without exponent, else Double, else the text. */
  public static Object scalar(String text) {
    Long l = parseLong(text);
    if (l != null) {
      return l;
    }
    Double d = parseDouble(text);
    return d != null ? d : text;
  }
}
