package io.mlindex.parsers.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.parsers.util.MalformedFileException;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.PythonLiterals;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notebook saved by Jupytext in the "percent" format: a {@code .py} file whose cells start with
 * {@code # %%} ({@code # %% [markdown]} for markdown, {@code tags=["parameters"]} for papermill),
 * with an optional commented YAML header naming the kernel. It is a notebook in another
 * serialisation, so its records have format {@code notebook} (property {@code jupytext: percent})
 * and carry what the code says; there are no outputs.
 */
public final class JupytextParser implements FileParser {
  private static final Pattern CELL_MARKER = Pattern.compile("(?m)^# %%(?!%)");
  private static final Pattern MARKER_LINE = Pattern.compile("^# %%(.*)$");
  private static final Pattern KIND = Pattern.compile("\\[(markdown|md|raw)\\]");
  private static final Pattern TAGS = Pattern.compile("tags\\s*=\\s*(\\[[^\\]]*\\])");
  private static final Pattern COMMENTED_MAGIC = Pattern.compile("(?m)^# ?([%!])");

  @Override
  public String name() {
    return "jupytext";
  }

  @Override
  public int priority() {
    return 20;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".py") && !FileRecords.inCheckpointFolder(file.path())
        && CELL_MARKER.matcher(file.headText()).find();
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.NOTEBOOK, "notebook", PosixPaths.of(file.path()));
    r.setName(file.name());
    r.source(r.getPath());
    r.setSize(file.size());
    r.property("jupytext", "percent");
    String text = BoundedReads.readString(file.path(), context.limits().maxReadBytes());
    List<String> lines = List.of(text.split("\r?\n", -1));
    int start = header(lines, r, file.name());
    NotebookHarvest harvest = new NotebookHarvest(r, context);
    for (NotebookCell cell : cells(lines, start)) {
      harvest.cell(cell);
    }
    Object language = r.getProperties().get("language");
    harvest.finish(language == null ? null : language.toString().toLowerCase(Locale.ROOT),
        file.path().toAbsolutePath().getParent());
    return List.of(r);
  }

  /** Reads the commented YAML header ({@code # ---} ... {@code # ---}); returns the first line after it. */
  private static int header(List<String> lines, Record r, String name) {
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first >= lines.size() || !lines.get(first).strip().equals("# ---")) {
      return 0;
    }
    StringBuilder yaml = new StringBuilder();
    for (int k = first + 1; k < lines.size(); k++) {
      String line = lines.get(k);
      if (line.strip().equals("# ---")) {
        try {
          JsonNode h = YamlTrees.parse(yaml.toString(), name + " header").tree();
          JsonNode kernel = h.path("jupyter").path("kernelspec");
          r.property("kernel", text(kernel.path("name")));
          r.property("kernel_display_name", text(kernel.path("display_name")));
          r.property("language", text(kernel.path("language")));
        } catch (MalformedFileException e) {
          r.warn(name + ": the Jupytext header is not valid YAML: " + e.getMessage());
        } catch (IOException e) {
          r.warn(name + ": the Jupytext header could not be read: " + e.getMessage());
        }
        return k + 1;
      }
      yaml.append(line.startsWith("# ") ? line.substring(2) : line.startsWith("#") ? line.substring(1) : line).append('\n');
    }
    return 0;
  }

  private static String text(JsonNode n) {
    return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
  }

  /** Splits the lines into cells at {@code # %%} markers; code before the first marker is a cell too. */
  static List<NotebookCell> cells(List<String> lines, int start) {
    List<NotebookCell> out = new ArrayList<>();
    NotebookCell cell = new NotebookCell(0);
    cell.type = "code";
    StringBuilder body = new StringBuilder();
    for (int k = start; k < lines.size(); k++) {
      Matcher m = MARKER_LINE.matcher(lines.get(k));
      if (m.matches() && !lines.get(k).startsWith("# %%%")) {
        finish(cell, body, out);
        cell = new NotebookCell(out.size());
        Matcher kind = KIND.matcher(m.group(1));
        cell.type = kind.find() ? (kind.group(1).equals("raw") ? "raw" : "markdown") : "code";
        Matcher tags = TAGS.matcher(m.group(1));
        if (tags.find() && PythonLiterals.parse(tags.group(1)) instanceof List<?> list) {
          for (Object t : list) {
            cell.tags.add(String.valueOf(t));
          }
        }
        body.setLength(0);
        continue;
      }
      body.append(lines.get(k)).append('\n');
    }
    finish(cell, body, out);
    return out;
  }

  private static void finish(NotebookCell cell, StringBuilder body, List<NotebookCell> out) {
    String source = body.toString();
    if (source.isBlank() && cell.tags.isEmpty()) {
      return;
    }
    if (cell.type.equals("markdown")) {
      source = source.replaceAll("(?m)^# ?", "");
    } else if (cell.type.equals("code")) {
      source = COMMENTED_MAGIC.matcher(source).replaceAll("$1");
    }
    cell.source = source;
    out.add(cell);
  }
}
