package io.mlindex.parsers.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * TOML (params and metrics files, {@code pyproject.toml}) read as a plain tree with Jackson's TOML
 * module: dates and times stay text, {@code inf} and {@code nan} become doubles.
 */
public final class TomlTrees {
  private static final TomlMapper MAPPER = new TomlMapper();

  private TomlTrees() {}

  /** Reads a whole TOML file of at most {@code limit} bytes. */
  public static JsonNode read(Path file, long limit) throws IOException {
    return parse(BoundedReads.readString(file, limit), file.toString());
  }

  /** Parses TOML text; an empty document is an empty table. Syntax errors name line and column. */
  public static JsonNode parse(String text, String source) throws IOException {
    try {
      JsonNode n = MAPPER.readTree(text);
      return n == null || n.isMissingNode() ? MAPPER.createObjectNode() : n;
    } catch (JsonProcessingException e) {
      throw new MalformedFileException(
          source + " is not valid TOML" + JsonTrees.where(e) + ": " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
