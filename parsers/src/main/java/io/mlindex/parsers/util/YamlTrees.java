package io.mlindex.parsers.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads YAML as plain data and nothing more: no object is ever constructed from a tag. A node with
 * an application tag ({@code !!python/object:argparse.Namespace}, {@code !!python/tuple}, {@code
 * !custom}) becomes its raw source text, and the result carries a warning naming the tag and line.
 */
public final class YamlTrees {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 200;
  private static final Set<String> PLAIN_TAGS =
      Set.of("str", "int", "float", "bool", "null", "map", "seq", "omap", "set", "timestamp", "binary", "merge");

  /** The data read and what had to be read as text. */
  public record Result(JsonNode tree, List<String> warnings) {}

  private YamlTrees() {}

  /** Reads a YAML file of at most {@code limit} bytes. */
  public static Result read(Path file, long limit) throws IOException {
    return parse(BoundedReads.readString(file, limit), file.toString());
  }

  /** Parses YAML text; an empty document is an empty mapping. Syntax errors name line and column. */
  public static Result parse(String text, String source) throws IOException {
    List<String> warnings = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Result(NODES.objectNode(), warnings);
      }
      JsonNode tree = new Reader(p, text, warnings).value(0);
      return new Result(tree, warnings);
    } catch (JsonProcessingException e) {
      throw new MalformedFileException(
          source + " is not valid YAML" + JsonTrees.where(e) + ": " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  private static final class Reader {
    private final JsonParser p;
    private final String text;
    private final List<String> warnings;

    Reader(JsonParser p, String text, List<String> warnings) {
      this.p = p;
      this.text = text;
      this.warnings = warnings;
    }

    /** Reads the value at the current token. */
    JsonNode value(int depth) throws IOException {
      if (depth > MAX_DEPTH) {
        throw new MalformedFileException("YAML nests deeper than " + MAX_DEPTH + " levels");
      }
      String tag = applicationTag(p.getTypeId() instanceof String s ? s : null);
      if (tag != null) {
        return rawText(tag);
      }
      JsonToken t = p.currentToken();
      switch (t) {
        case START_OBJECT -> {
          ObjectNode o = NODES.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            o.set(name, value(depth + 1));
          }
          return o;
        }
        case START_ARRAY -> {
          ArrayNode a = NODES.arrayNode();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(value(depth + 1));
          }
          return a;
        }
        case VALUE_NUMBER_INT -> {
          return switch (p.getNumberType()) {
            case INT, LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
        }
        case VALUE_NUMBER_FLOAT -> {
          return NODES.numberNode(p.getDoubleValue());
        }
        case VALUE_TRUE -> {
          return NODES.booleanNode(true);
        }
        case VALUE_FALSE -> {
          return NODES.booleanNode(false);
        }
        case VALUE_NULL -> {
          return NODES.nullNode();
        }
        default -> {
          return NODES.textNode(p.getText());
        }
      }
    }

    private JsonNode rawText(String tag) throws IOException {
      JsonLocation start = p.currentTokenLocation();
      int line = start.getLineNr();
      if (p.currentToken().isStructStart()) {
        p.skipChildren();
      }
      JsonLocation end = p.currentLocation();
      String raw = slice(start, end);
      warnings.add(
          "YAML tag !" + tag + " at line " + line + " was read as text; nothing was constructed");
      return NODES.textNode(raw);
    }

    private String slice(JsonLocation start, JsonLocation end) throws IOException {
      long from = start.getCharOffset();
      long to = end.getCharOffset();
      if (from < 0 || to > text.length() || to <= from) {
        return p.getText() == null ? "" : p.getText();
      }
      // The token starts at the node's value; include the tag written just before it.
      int tagStart = text.lastIndexOf('!', (int) from);
      int lineStart = text.lastIndexOf('\n', (int) from);
      int begin = tagStart > lineStart ? tagStart : (int) from;
      return text.substring(begin, (int) to).strip();
    }

    /** Null for no tag or a YAML core tag; otherwise the tag without its standard prefix. */
    private static String applicationTag(String tag) {
      if (tag == null || tag.isEmpty() || tag.equals("!") || tag.equals("?")) {
        return null;
      }
      String t = tag.startsWith("tag:yaml.org,2002:") ? "!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
      String bare = t.startsWith("!!") ? t.substring(2) : t.startsWith("!") ? t.substring(1) : t;
      return PLAIN_TAGS.contains(bare) ? null : bare.startsWith("!") ? bare : "!" + bare;
    }
  }
}
