package io.mlindex.parsers.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * JSON as Python writes it: {@code NaN}, {@code Infinity} and {@code -Infinity} are accepted (as
 * {@code json.dump} emits them), doubles keep full precision, and nesting depth is bounded.
 */
public final class JsonTrees {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(500)
                  .maxStringLength(Integer.MAX_VALUE / 2)
                  .build())
          .build();

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(FACTORY).build();

  private JsonTrees() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads a whole JSON file of at most {@code limit} bytes. */
  public static JsonNode read(Path file, long limit) throws IOException {
    return parse(BoundedReads.readBytes(file, limit), file.toString());
  }

  /** Parses JSON bytes; a syntax error names the source, line and column. */
  public static JsonNode parse(byte[] bytes, String source) throws IOException {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || n.isMissingNode()) {
        throw new MalformedFileException(source + " is empty");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new MalformedFileException(source + " is not valid JSON" + where(e) + ": " + e.getOriginalMessage());
    }
  }

  /** Parses JSON text. */
  public static JsonNode parse(String text, String source) throws IOException {
    return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), source);
  }

  /** A streaming parser over a file, for files too large to hold as a tree. */
  public static JsonParser stream(java.io.InputStream in) throws IOException {
    return FACTORY.createParser(in);
  }

  static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
