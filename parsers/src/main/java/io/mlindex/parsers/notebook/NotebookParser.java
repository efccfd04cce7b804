package io.mlindex.parsers.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.Frameworks;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.MalformedFileException;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.PythonSource;
import io.mlindex.record.CodeRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jupyter notebook ({@code .ipynb}, nbformat 4, also the nbformat 3 worksheet layout): kernel and
 * language, cell counts, code and markdown as searchable text, top-level imports, and literal
 * assignments in papermill {@code parameters} / {@code injected-parameters} cells as params (the
 * injected value wins). Copies under {@code .ipynb_checkpoints} are skipped.
 */
public final class NotebookParser implements FileParser {

  @Override
  public String name() {
    return "notebook";
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".ipynb") && !FileRecords.inCheckpointFolder(file.path());
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.NOTEBOOK, "notebook", PosixPaths.of(file.path()));
    r.setName(file.name());
    r.source(r.getPath());
    r.setSize(file.size());
    JsonNode nb;
    try {
      nb = JsonTrees.read(file.path(), context.limits().maxReadBytes());
    } catch (MalformedFileException e) {
      r.warn("not a readable notebook: " + e.getMessage());
      return List.of(r);
    }
    if (!nb.isObject()) {
      r.warn("not a notebook: the top level of the JSON is not an object");
      return List.of(r);
    }
    readMetadata(nb, r);
    List<JsonNode> cells = cells(nb, r);
    readCells(cells, r, context);
    return List.of(r);
  }

  private static void readMetadata(JsonNode nb, Record r) {
    r.property("nbformat", nb.path("nbformat").isNumber() ? nb.path("nbformat").asInt() : null);
    JsonNode meta = nb.path("metadata");
    JsonNode kernel = meta.path("kernelspec");
    r.property("kernel", textOrNull(kernel.path("name")));
    r.property("kernel_display_name", textOrNull(kernel.path("display_name")));
    JsonNode lang = meta.path("language_info");
    String language = textOrNull(lang.path("name"));
    if (language == null) {
      language = textOrNull(kernel.path("language"));
    }
    r.property("language", language);
    r.property("language_version", textOrNull(lang.path("version")));
    JsonNode papermill = meta.path("papermill");
    if (papermill.isObject()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      Flatten.into(pm, "papermill", papermill);
      pm.remove("papermill.parameters");
      pm.forEach((k, v) -> {
        if (v != null && !(v instanceof Map)) {
          r.property(k, v);
        }
      });
    }
  }

  private static List<JsonNode> cells(JsonNode nb, Record r) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode cells = nb.get("cells");
    if (cells != null && cells.isArray()) {
      cells.forEach(out::add);
      return out;
    }
    JsonNode worksheets = nb.get("worksheets"); // nbformat 3
    if (worksheets != null && worksheets.isArray()) {
      worksheets.forEach(ws -> ws.path("cells").forEach(out::add));
      return out;
    }
    r.warn("the notebook has no cells");
    return out;
  }

  private static void readCells(List<JsonNode> cells, Record r, ParseContext context) {
    int code = 0;
    int markdown = 0;
    int raw = 0;
    int executed = 0;
    StringBuilder allCode = new StringBuilder();
    StringBuilder text = new StringBuilder();
    Map<String, Object> parameters = new LinkedHashMap<>();
    Map<String, Object> injected = new LinkedHashMap<>();
    for (JsonNode cell : cells) {
      context.checkDeadline();
      String type = cell.path("cell_type").asText("");
      String source = joined(cell.has("source") ? cell.get("source") : cell.get("input"));
      switch (type) {
        case "code" -> {
          code++;
          if (cell.path("execution_count").isNumber() || cell.path("prompt_number").isNumber()) {
            executed++;
          }
          if (PythonSource.isPythonCell(source)) {
            allCode.append(source).append('\n');
          }
          List<String> tags = tags(cell);
          if (tags.contains("injected-parameters")) {
            injected.putAll(PythonSource.literalAssignments(source));
          } else if (tags.contains("parameters")) {
            parameters.putAll(PythonSource.literalAssignments(source));
          }
        }
        case "markdown", "heading" -> markdown++;
        case "raw" -> raw++;
        default -> { }
      }
      append(text, source, context.limits().maxTextChars());
    }
    r.property("cells.code", code);
    r.property("cells.markdown", markdown);
    r.property("cells.raw", raw);
    r.property("cells.executed", executed);
    parameters.putAll(injected);
    parameters.forEach((k, v) -> r.param(k, v));
    CodeRef c = r.getCode();
    if (isPython(r)) {
      for (String m : PythonSource.imports(allCode.toString())) {
        CodeRef.addDistinct(c.getImports(), m);
      }
      c.getImports().sort(null);
      Frameworks.of(c.getImports()).forEach(f -> CodeRef.addDistinct(c.getFrameworks(), f));
    }
    r.setText(text.toString());
  }

  private static boolean isPython(Record r) {
    Object lang = r.getProperties().get("language");
    return lang == null || lang.toString().toLowerCase(java.util.Locale.ROOT).contains("python");
  }

  private static List<String> tags(JsonNode cell) {
    List<String> tags = new ArrayList<>();
    cell.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
    return tags;
  }

  /** Cell source is a list of lines or one string. */
  static String joined(JsonNode source) {
    if (source == null || source.isNull()) {
      return "";
    }
    if (source.isArray()) {
      StringBuilder sb = new StringBuilder();
      source.forEach(line -> sb.append(line.asText()));
      return sb.toString();
    }
    return source.asText();
  }

  private static void append(StringBuilder text, String s, int limit) {
    if (text.length() >= limit || s.isEmpty()) {
      return;
    }
    int room = limit - text.length();
    text.append(s, 0, Math.min(room, s.length())).append('\n');
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? null : n.asText();
  }
}
