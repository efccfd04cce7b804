package io.mlindex.index;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mlindex.record.LineageRef;
import io.mlindex.record.RecordJson;
import java.io.IOException;
import java.util.Set;

/**
 * The few fields of a stored record that lineage needs, read from its stored JSON with a streaming
 * parser so that a record with a hundred thousand outputs is never held as objects: its lineage
 * references are handed one at a time to a visitor, which may stop early.
 *
 * @param doc the Lucene document number (valid for the searcher it came from)
 */
record StoredRecord(int doc, String id, String kind, String format, String path, String name, String hash) {
  /** Kinds of record that stand for the file or folder at their path. */
  static final Set<String> FILE_KINDS = Set.of("model", "dataset", "document", "artifact");

  /** Receives lineage references in stored order; returns false to stop receiving. */
  interface RefVisitor {
    boolean visit(boolean output, LineageRef ref);
  }

  boolean fileLike() {
    return kind != null && FILE_KINDS.contains(kind);
  }

  boolean run() {
    return "run".equals(kind);
  }

  static StoredRecord read(int doc, String json, RefVisitor visitor) throws IOException {
    String id = null;
    String kind = null;
    String format = null;
    String path = null;
    String name = null;
    String hash = null;
    try (JsonParser p = RecordJson.mapper().getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a stored record is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          if (field.equals("lineage") && value == JsonToken.START_OBJECT && visitor != null) {
            lineage(p, visitor);
          } else {
            p.skipChildren();
          }
          continue;
        }
        String text = value == JsonToken.VALUE_STRING ? p.getText() : null;
        switch (field) {
          case "id" -> id = text;
          case "kind" -> kind = text;
          case "format" -> format = text;
          case "path" -> path = text;
          case "name" -> name = text;
          case "hash" -> hash = text;
          default -> { }
        }
      }
    }
    return new StoredRecord(doc, id, kind, format, path, name, hash);
  }

  private static void lineage(JsonParser p, RefVisitor visitor) throws IOException {
    boolean going = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String side = p.currentName();
      JsonToken t = p.nextToken();
      boolean output = side.equals("outputs");
      if (t != JsonToken.START_ARRAY || !(output || side.equals("inputs"))) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        if (going) {
          LineageRef ref = RecordJson.mapper().readValue(p, LineageRef.class);
          going = visitor.visit(output, ref);
        } else {
          p.skipChildren();
        }
      }
    }
  }
}
