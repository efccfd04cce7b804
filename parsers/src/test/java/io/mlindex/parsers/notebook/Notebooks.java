package io.mlindex.parsers.notebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds small nbformat 4 notebooks for tests. */
final class Notebooks {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ObjectNode root = F.objectNode();
  private final ArrayNode cells = root.putArray("cells");
  private int count;

  Notebooks() {
    ObjectNode meta = root.putObject("metadata");
    meta.putObject("kernelspec").put("name", "python3").put("display_name", "Python 3").put("language", "python");
    meta.putObject("language_info").put("name", "python").put("version", "3.11.4");
    root.put("nbformat", 4);
    root.put("nbformat_minor", 5);
  }

  ObjectNode metadata() {
    return (ObjectNode) root.get("metadata");
  }

  Notebooks markdown(String source) {
    ObjectNode c = cells.addObject();
    c.put("cell_type", "markdown");
    c.putObject("metadata");
    lines(c.putArray("source"), source);
    return this;
  }

  /** A code cell run in order, with outputs. */
  Notebooks code(String source, ObjectNode... outputs) {
    return code(++count, source, List.of(), outputs);
  }

  Notebooks code(Integer executionCount, String source, List<String> tags, ObjectNode... outputs) {
    ObjectNode c = cells.addObject();
    c.put("cell_type", "code");
    if (executionCount == null) {
      c.putNull("execution_count");
    } else {
      c.put("execution_count", executionCount);
    }
    ObjectNode meta = c.putObject("metadata");
    if (!tags.isEmpty()) {
      ArrayNode t = meta.putArray("tags");
      tags.forEach(t::add);
    }
    ArrayNode outs = c.putArray("outputs");
    for (ObjectNode o : outputs) {
      outs.add(o);
    }
    lines(c.putArray("source"), source);
    return this;
  }

  static ObjectNode stream(String text) {
    ObjectNode o = F.objectNode();
    o.put("output_type", "stream");
    o.put("name", "stdout");
    lines(o.putArray("text"), text);
    return o;
  }

  static ObjectNode result(String plain) {
    ObjectNode o = F.objectNode();
    o.put("output_type", "execute_result");
    o.putObject("data").put("text/plain", plain);
    o.putObject("metadata");
    o.put("execution_count", 1);
    return o;
  }

  static ObjectNode image(String base64) {
    ObjectNode o = F.objectNode();
    o.put("output_type", "display_data");
    o.putObject("data").put("image/png", base64).put("text/plain", "<Figure size 640x480 with 1 Axes>");
    o.putObject("metadata");
    return o;
  }

  static ObjectNode error(String ename, String evalue) {
    ObjectNode o = F.objectNode();
    o.put("output_type", "error");
    o.put("ename", ename);
    o.put("evalue", evalue);
    o.putArray("traceback").add("\u001B[0;31m" + ename + "\u001B[0m: " + evalue);
    return o;
  }

  /** Source as a list of lines, the way Jupyter writes it. */
  private static void lines(ArrayNode array, String text) {
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      array.add(text.substring(start, end));
      start = end;
    }
  }

  String json() {
    return root.toString();
  }
}
