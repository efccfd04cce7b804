package io.mlindex.parsers.notebook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.MalformedFileException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an {@code .ipynb} file as a stream, cell by cell, in bounded memory whatever its size:
 * image payloads ({@code image/png}, nbformat 3 {@code png}, attachments), HTML, widget state and
 * other rich outputs are skipped without being decoded; texts are cut at fixed lengths. Handles
 * nbformat 4 ({@code cells}) and 3 ({@code worksheets[].cells}, {@code input}, {@code
 * prompt_number}, {@code pyout}, {@code pyerr}), sources as one string or a list of lines.
 */
final class NotebookJson {
  /** Longest single JSON string read; longer ones end the read with an error (they are never images, which are skipped). */
  static final int MAX_STRING_CHARS = 16 << 20;

  private static final int MAX_SOURCE_CHARS = 1 << 20;
  private static final int MAX_OUTPUT_CHARS = 256 << 10;
  private static final int MAX_CELL_OUTPUT_CHARS = 2 << 20;
  private static final int MAX_SHORT_CHARS = 4096;
  private static final Set<String> METADATA_KEYS =
      Set.of("kernelspec", "language_info", "papermill", "jupytext", "name", "language");

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(500).maxStringLength(MAX_STRING_CHARS).build())
          .build();

  private final JsonParser p;
  private final ParseContext context;
  private final Consumer<NotebookCell> sink;
  private final ObjectNode metadata = JsonNodeFactory.instance.objectNode();
  private Integer nbformat;
  private Integer nbformatMinor;
  private boolean sawCells;
  private int cells;
  private int completed;
  private int cellOutputChars;

  private NotebookJson(JsonParser p, ParseContext context, Consumer<NotebookCell> sink) {
    this.p = p;
    this.context = context;
    this.sink = sink;
  }

  /**
   * What was read besides the cells.
   *
   * @param error why reading stopped early (invalid JSON, not a notebook), or null
   */
  record Header(JsonNode metadata, Integer nbformat, Integer nbformatMinor, boolean hasCells, int cells, String error) {}

  /**
   * Reads the notebook, handing each cell to {@code sink} as soon as it is complete. Invalid JSON
   * ends the read; what came before it is kept and the header says why it stopped.
   */
  static Header read(InputStream in, ParseContext context, Consumer<NotebookCell> sink) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      NotebookJson reader = new NotebookJson(p, context, sink);
      String error = null;
      try {
        reader.notebook();
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        error = "not valid JSON" + where + ": " + e.getOriginalMessage();
      } catch (MalformedFileException e) {
        error = e.getMessage();
      }
      return new Header(reader.metadata, reader.nbformat, reader.nbformatMinor, reader.sawCells, reader.completed, error);
    }
  }

  private void notebook() throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new MalformedFileException("the file is empty");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new MalformedFileException("the top level is not a JSON object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "cells" -> cells(value);
        case "worksheets" -> worksheets(value);
        case "metadata" -> metadata(value);
        case "nbformat" -> nbformat = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
        case "nbformat_minor" -> nbformatMinor = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
        default -> p.skipChildren();
      }
    }
  }

  private void worksheets(JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("cells")) {
          cells(v);
        } else {
          p.skipChildren();
        }
      }
    }
    skipRestOfArray();
  }

  private void cells(JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    sawCells = true;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
      context.checkDeadline();
      if (t == JsonToken.START_OBJECT) {
        sink.accept(cell());
        completed++;
      } else {
        p.skipChildren();
      }
    }
  }

  private NotebookCell cell() throws IOException {
    NotebookCell cell = new NotebookCell(cells++);
    cellOutputChars = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "cell_type" -> cell.type = v == JsonToken.VALUE_STRING ? p.getText() : "";
        case "source", "input" -> {
          Text t = text(v, MAX_SOURCE_CHARS);
          cell.source = t.value;
          cell.truncated |= t.cut;
        }
        case "language" -> cell.language = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "execution_count", "prompt_number" ->
            cell.executionCount = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
        case "metadata" -> cellMetadata(cell, v);
        case "outputs" -> outputs(cell, v);
        case "attachments" -> cell.attachedImages += countEntries(v);
        default -> p.skipChildren();
      }
    }
    return cell;
  }

  private void cellMetadata(NotebookCell cell, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("tags") && value == JsonToken.START_ARRAY) {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
          if (t == JsonToken.VALUE_STRING && cell.tags.size() < 100) {
            cell.tags.add(shortText());
          } else {
            p.skipChildren();
          }
        }
      } else if (name.equals("papermill") && value == JsonToken.START_OBJECT) {
        JsonNode pm = JsonTrees.mapper().readTree(p);
        cell.papermillFailed = pm.path("exception").asBoolean(false) || "failed".equals(pm.path("status").asText());
      } else {
        p.skipChildren();
      }
    }
  }

  private void outputs(NotebookCell cell, JsonToken v) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
      context.checkDeadline();
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      cell.outputs.add(output(cell));
    }
  }

  private NotebookCell.Output output(NotebookCell cell) throws IOException {
    NotebookCell.Output out = new NotebookCell.Output();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "output_type" -> out.type = v == JsonToken.VALUE_STRING ? shortText() : "";
        case "name", "stream" -> out.stream = v == JsonToken.VALUE_STRING ? shortText() : null;
        case "text" -> out.text = outputText(cell, v);
        case "ename" -> out.ename = v == JsonToken.VALUE_STRING ? shortText() : null;
        case "evalue" -> out.evalue = v == JsonToken.VALUE_STRING ? shortText() : null;
        case "data" -> data(cell, out, v);
        case "png", "jpeg", "svg", "gif" -> {
          out.images++;
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
    return out;
  }

  /** A rich output's data: {@code text/plain} is kept, images are counted, the rest is skipped. */
  private void data(NotebookCell cell, NotebookCell.Output out, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String mime = p.currentName();
      JsonToken value = p.nextToken();
      if (mime.equals("text/plain")) {
        out.text = outputText(cell, value);
      } else {
        if (mime.startsWith("image/")) {
          out.images++;
        }
        p.skipChildren();
      }
    }
  }

  private String outputText(NotebookCell cell, JsonToken v) throws IOException {
    int room = Math.max(0, Math.min(MAX_OUTPUT_CHARS, MAX_CELL_OUTPUT_CHARS - cellOutputChars));
    Text t = text(v, room);
    cellOutputChars += t.value.length();
    cell.truncated |= t.cut;
    return t.value;
  }

  private void metadata(JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (METADATA_KEYS.contains(name)) {
        metadata.set(name, JsonTrees.mapper().readTree(p));
      } else {
        p.skipChildren();
      }
    }
  }

  private int countEntries(JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return 0;
    }
    int n = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      p.nextToken();
      p.skipChildren();
      n++;
    }
    return n;
  }

  private record Text(String value, boolean cut) {}

  /** A string or a list of strings, joined, keeping at most {@code limit} characters (the rest is skipped unread). */
  private Text text(JsonToken v, int limit) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (v == JsonToken.VALUE_STRING) {
      boolean cut = limit <= 0 || append(sb, limit);
      return new Text(sb.toString(), cut);
    }
    if (v != JsonToken.START_ARRAY) {
      p.skipChildren();
      return new Text("", false);
    }
    boolean cut = false;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
      if (t != JsonToken.VALUE_STRING) {
        p.skipChildren();
      } else if (sb.length() < limit) {
        cut |= append(sb, limit);
      } else {
        cut = true;
      }
    }
    return new Text(sb.toString(), cut);
  }

  /** Appends the current string up to the limit; true when some of it did not fit. */
  private boolean append(StringBuilder sb, int limit) throws IOException {
    String s = p.getText();
    int room = limit - sb.length();
    if (s.length() <= room) {
      sb.append(s);
      return false;
    }
    sb.append(s, 0, Math.max(0, room));
    return true;
  }

  private String shortText() throws IOException {
    String s = p.getText();
    return s.length() <= MAX_SHORT_CHARS ? s : s.substring(0, MAX_SHORT_CHARS);
  }

  private void skipRestOfArray() throws IOException {
    JsonToken t = p.currentToken();
    while (t != null && t != JsonToken.END_ARRAY) {
      p.skipChildren();
      t = p.nextToken();
    }
  }
}
