package io.mlindex.parsers.gbdt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParseTimeoutException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a JSON model file into a {@link BoundedTree}, skipping what the bounds leave out.
 * Containers are attached before they are filled, so a damaged file still yields what came before
 * the damage, with {@link BoundedTree#problem} saying where it stopped.
 */
final class JsonModelReader {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(BoundedTree.MAX_DEPTH).maxStringLength(16 << 20).build())
          .build();

  private final ParseContext context;
  private final BoundedTree tree = new BoundedTree();
  private long tokens;

  private JsonModelReader(ParseContext context) {
    this.context = context;
  }

  /** Reads the first JSON value of the stream; throws only when not even its start could be read. */
  static BoundedTree read(InputStream in, ParseContext context) throws IOException {
    JsonModelReader reader = new JsonModelReader(context);
    try (JsonParser p = FACTORY.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        ObjectNode root = BoundedTree.NODES.objectNode();
        reader.tree.root = root;
        reader.fillObject(p, root, "");
      } else if (first == null) {
        throw new IOException("no JSON value");
      } else {
        reader.tree.root = BoundedTree.NODES.objectNode();
        reader.tree.problem = "the document is not a JSON object";
      }
    } catch (JsonProcessingException e) {
      if (reader.tree.root == null) {
        throw new IOException(e.getOriginalMessage(), e);
      }
      reader.tree.problem = e.getOriginalMessage() + where(e);
    } catch (IOException | ParseTimeoutException e) {
      if (reader.tree.root == null) {
        throw e;
      }
      reader.tree.problem = e.getMessage();
    }
    return reader.tree;
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  private void fillObject(JsonParser p, ObjectNode o, String path) throws IOException {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        throw new IOException("the file ends inside an object at '" + path + "'");
      }
      String name = p.currentName();
      JsonToken v = p.nextToken();
      tick();
      if (v == null) {
        throw new IOException("the file ends after the name '" + name + "'");
      }
      if (!tree.keepMember()) {
        skip(p);
      } else if (v == JsonToken.START_OBJECT) {
        fillObject(p, o.putObject(name), BoundedTree.child(path, name));
      } else if (v == JsonToken.START_ARRAY) {
        fillArray(p, o.putArray(name), BoundedTree.child(path, name));
      } else {
        o.set(name, scalar(p, v));
      }
    }
  }

  private void fillArray(JsonParser p, ArrayNode a, String path) throws IOException {
    long n = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
      tick();
      if (t == null) {
        throw new IOException("the file ends inside an array at '" + path + "'");
      }
      boolean container = t.isStructStart();
      if (!tree.keep(n, container)) {
        skip(p);
      } else if (t == JsonToken.START_OBJECT) {
        fillObject(p, a.addObject(), path + "[]");
      } else if (t == JsonToken.START_ARRAY) {
        fillArray(p, a.addArray(), path + "[]");
      } else {
        a.add(scalar(p, t));
      }
    }
    tree.arrayLength(path, n, a.size());
  }

  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> BoundedTree.NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? BoundedTree.NODES.numberNode(p.getBigIntegerValue())
          : BoundedTree.NODES.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT -> BoundedTree.NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE, VALUE_FALSE -> BoundedTree.NODES.booleanNode(t == JsonToken.VALUE_TRUE);
      default -> BoundedTree.NODES.nullNode();
    };
  }

  /** Skips a value; containers are walked token by token so that the deadline is still checked. */
  private void skip(JsonParser p) throws IOException {
    if (!p.currentToken().isStructStart()) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IOException("the file ends inside a skipped value");
      }
      tick();
      if (t.isStructStart()) {
        depth++;
      } else if (t.isStructEnd()) {
        depth--;
      }
    }
  }

  private void tick() {
    if ((++tokens & 0xFFF) == 0) {
      context.checkDeadline();
    }
  }
}
