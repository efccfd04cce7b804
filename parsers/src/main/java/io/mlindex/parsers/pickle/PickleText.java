package io.mlindex.parsers.pickle;

import java.math.BigInteger;
import java.util.Locale;

/** Decoding of the text arguments of protocol 0 opcodes (INT, LONG, FLOAT, STRING, UNICODE). */
final class PickleText {
  private PickleText() {}

  /** INT: a decimal integer, with "00" and "01" meaning False and True. */
  static Object integer(String line) throws MalformedPickleException {
    String t = line.trim();
    if (t.equals("00")) {
      return Boolean.FALSE;
    }
    if (t.equals("01")) {
      return Boolean.TRUE;
    }
    return longValue(t);
  }

  /** LONG: a decimal integer with an optional trailing 'L'. */
  static Object longValue(String line) throws MalformedPickleException {
    String t = line.trim();
    if (t.endsWith("L")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.length() > 4000) {
      return PyValues.UNKNOWN;
    }
    try {
      BigInteger b = new BigInteger(t);
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    } catch (NumberFormatException e) {
      throw new MalformedPickleException("not an integer: '" + abbreviate(t) + "'");
    }
  }

  static Double floatValue(String line) throws MalformedPickleException {
    String t = line.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "nan", "-nan":
        return Double.NaN;
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new MalformedPickleException("not a float: '" + abbreviate(t) + "'");
    }
  }

  /** LONG1 / LONG4: little-endian two's complement. */
  static Object littleEndianSigned(byte[] b) {
    if (b.length == 0) {
      return 0L;
    }
    byte[] big = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      big[i] = b[b.length - 1 - i];
    }
    BigInteger v = new BigInteger(big);
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }

  /** STRING: a Python 2 repr of a str, quoted with ' or ". */
  static String quoted(String line) {
    String t = line.trim();
    if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)) {
      t = t.substring(1, t.length() - 1);
    }
    return unescape(t, false);
  }

  /** UNICODE: raw-unicode-escape (only \\uXXXX and \\UXXXXXXXX are escapes). */
  static String rawUnicode(String line) {
    return unescape(line, true);
  }

  private static String unescape(String s, boolean rawUnicode) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char n = s.charAt(i + 1);
      int hex = n == 'x' && !rawUnicode ? 2 : n == 'u' ? 4 : n == 'U' ? 8 : 0;
      if (hex > 0 && i + 2 + hex <= s.length()) {
        try {
          out.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 2 + hex), 16));
          i += 1 + hex;
          continue;
        } catch (IllegalArgumentException e) {
          out.append(c);
          continue;
        }
      }
      if (rawUnicode) {
        out.append(c);
        continue;
      }
      i++;
      switch (n) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '0' -> out.append('\0');
        default -> out.append(n);
      }
    }
    return out.toString();
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
