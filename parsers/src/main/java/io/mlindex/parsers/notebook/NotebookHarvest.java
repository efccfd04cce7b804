package io.mlindex.parsers.notebook;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.Frameworks;
import io.mlindex.parsers.util.PythonSource;
import io.mlindex.record.CodeRef;
import io.mlindex.record.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gathers what the cells of a notebook (or of a Jupytext file or script) say, one cell at a time,
 * and puts it into the record at the end: counts and execution facts, searchable text, printed
 * metrics, and, once the language is known, imports, params, lineage and packages from the code.
 */
final class NotebookHarvest {
  private static final int MAX_CODE_CHARS = 4 << 20;
  private static final int MAX_ERROR_NAMES = 50;
  private static final int MAX_TAGS = 100;
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]");

  private record CodeCell(String source, List<String> tags) {}

  private final Record record;
  private final ParseContext context;
  private final int maxText;
  private final StringBuilder text = new StringBuilder();
  private final PrintedMetrics metrics = new PrintedMetrics();
  private final List<CodeCell> code = new ArrayList<>();
  private final Set<String> errorNames = new LinkedHashSet<>();
  private final Set<String> cellTags = new LinkedHashSet<>();
  private long codeChars;
  private boolean codeCut;
  private boolean textCut;
  private int codeCells;
  private int markdownCells;
  private int rawCells;
  private int executed;
  private int outputs;
  private int errorOutputs;
  private int cellsWithErrors;
  private int images;
  private int papermillFailed;
  private int outOfOrder;
  private int highestCount = Integer.MIN_VALUE;
  private final List<Integer> truncatedCells = new ArrayList<>();

  NotebookHarvest(Record record, ParseContext context) {
    this.record = record;
    this.context = context;
    this.maxText = context.limits().maxTextChars();
  }

  void cell(NotebookCell c) {
    switch (c.type) {
      case "code" -> code(c);
      case "markdown", "heading" -> markdownCells++;
      case "raw" -> rawCells++;
      default -> { }
    }
    images += c.attachedImages;
    if (c.papermillFailed) {
      papermillFailed++;
    }
    if (c.truncated && truncatedCells.size() < 10) {
      truncatedCells.add(c.index + 1);
    }
    for (String tag : c.tags) {
      if (cellTags.size() < MAX_TAGS) {
        cellTags.add(tag);
      }
    }
    appendText(c.source);
    for (NotebookCell.Output o : c.outputs) {
      appendText(o.isError() ? o.ename + ": " + o.evalue : ANSI.matcher(o.text).replaceAll(""));
    }
  }

  private void code(NotebookCell c) {
    codeCells++;
    if (c.executionCount != null) {
      executed++;
      if (c.executionCount <= highestCount) {
        outOfOrder++;
      }
      highestCount = Math.max(highestCount, c.executionCount);
    }
    boolean error = false;
    for (NotebookCell.Output o : c.outputs) {
      outputs++;
      images += o.images;
      if (o.isError()) {
        errorOutputs++;
        error = true;
        if (o.ename != null && errorNames.size() < MAX_ERROR_NAMES) {
          errorNames.add(o.ename);
        }
      } else if (o.isStream()) {
        metrics.stream(o.text);
      } else if (o.isResult()) {
        metrics.result(o.text, c.source);
      }
    }
    metrics.endCell();
    if (error) {
      cellsWithErrors++;
    }
    boolean python = c.language == null || c.language.toLowerCase(Locale.ROOT).contains("python");
    if (!python || PythonSource.isPythonCell(c.source)) {
      if (codeChars + c.source.length() > MAX_CODE_CHARS) {
        codeCut = true;
        return;
      }
      codeChars += c.source.length();
      code.add(new CodeCell(c.source, List.copyOf(c.tags)));
    }
  }

  private void appendText(String s) {
    if (s == null || s.isBlank()) {
      return;
    }
    if (text.length() >= maxText) {
      textCut = true;
      return;
    }
    int room = maxText - text.length();
    if (s.length() > room) {
      textCut = true;
    }
    text.append(s, 0, Math.min(room, s.length())).append('\n');
  }

  /**
   * Puts everything into the record.
   *
   * @param language the notebook's language in lower case; null or a Python name for Python
   * @param folder the folder of the notebook, against which relative paths in the code resolve
   */
  void finish(String language, Path folder) {
    Record r = record;
    r.property("cells.code", codeCells);
    r.property("cells.markdown", markdownCells);
    r.property("cells.raw", rawCells);
    r.property("cells.executed", executed);
    r.property("cells.with_errors", cellsWithErrors);
    r.property("outputs", outputs);
    r.property("outputs.errors", errorOutputs);
    r.property("outputs.images", images);
    if (!errorNames.isEmpty()) {
      r.property("errors", List.copyOf(errorNames));
    }
    if (!cellTags.isEmpty()) {
      r.property("cell_tags", List.copyOf(cellTags));
    }
    if (executed > 0) {
      r.property("execution.out_of_order", outOfOrder > 0);
      r.property("execution.out_of_order_cells", outOfOrder);
    }
    if (papermillFailed > 0) {
      r.property("papermill.failed_cells", papermillFailed);
    }
    metrics.apply(r);
    if (language == null || language.contains("python")) {
      python(folder);
    } else if (ForeignImports.handles(language)) {
      StringBuilder all = new StringBuilder();
      code.forEach(c -> all.append(c.source()).append('\n'));
      ForeignImports.of(language, all.toString()).forEach(m -> CodeRef.addDistinct(r.getCode().getImports(), m));
    }
    r.setText(text.toString());
    if (textCut) {
      r.warn(r.getName() + ": searchable text cut at " + maxText + " characters (limits.max_text_chars)");
    }
    if (codeCut) {
      r.warn(r.getName() + ": code beyond " + MAX_CODE_CHARS + " characters was not analysed");
    }
    if (!truncatedCells.isEmpty()) {
      r.warn(r.getName() + ": very long source or output text cut in cells " + truncatedCells);
    }
  }

  private void python(Path folder) {
    Record r = record;
    CodeRef c = r.getCode();
    for (CodeCell cell : code) { // cell by cell: an unclosed bracket in one cell must not swallow the next
      for (String m : PythonSource.imports(cell.source())) {
        CodeRef.addDistinct(c.getImports(), m);
      }
    }
    c.getImports().sort(null);
    Frameworks.of(c.getImports()).forEach(f -> CodeRef.addDistinct(c.getFrameworks(), f));
    CodeReader reader = new CodeReader(folder, context);
    for (CodeCell cell : code) {
      context.checkDeadline();
      reader.read(cell.source(), cell.tags());
    }
    reader.apply(r);
  }
}
