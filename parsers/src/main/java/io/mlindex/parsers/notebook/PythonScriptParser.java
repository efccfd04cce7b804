package io.mlindex.parsers.notebook;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.parsers.util.Frameworks;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain Python training script ({@code train.py}): read like a one-cell notebook, for its
 * imports, argparse defaults and other guessed params, and lineage. Only scripts that look like ML
 * training code are kept: the first bytes import an ML framework or declare hyper-parameter
 * options, and the code trains something ({@code .fit(}, {@code .backward(}, a {@code Trainer},
 * an epoch loop) or takes hyper-parameter options. Format {@code script}, kind {@code notebook}:
 * like a notebook it is code a person wrote, read without running it; it is not a run, which
 * is an execution with measured outcomes.
 */
public final class PythonScriptParser implements FileParser {
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*(?:import|from)\\s+([A-Za-z_]\\w*)");
  private static final Pattern OPTION = Pattern.compile("add_argument\\(\\s*['\"]-{1,2}([A-Za-z][\\w-]*)");
  private static final Pattern TRAINING =
      Pattern.compile("\\.fit(?:_generator)?\\(|\\.backward\\(|optimizer\\.step\\(|\\bTrainer\\(|\\.train\\(|\\.compile\\("
          + "|\\bfor\\s+epoch\\b|\\bnum_epochs\\b|\\bepochs\\s*=|optuna\\.create_study\\(|\\.partial_fit\\(");

  @Override
  public String name() {
    return "python-script";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public boolean supports(FileCandidate file) {
    if (!file.hasExtension(".py") || FileRecords.inCheckpointFolder(file.path())) {
      return false;
    }
    String head = file.headText();
    return importsMlFramework(head) || declaresHyperParameters(head);
  }

  static boolean importsMlFramework(String code) {
    Matcher m = IMPORT.matcher(code);
    while (m.find()) {
      if (Frameworks.of(m.group(1)) != null) {
        return true;
      }
    }
    return false;
  }

  static boolean declaresHyperParameters(String code) {
    Matcher m = OPTION.matcher(code);
    while (m.find()) {
      if (CodeParams.isSettingName(m.group(1).toLowerCase(Locale.ROOT).replace('-', '_'))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    String code = BoundedReads.readString(file.path(), context.limits().maxReadBytes());
    if (!TRAINING.matcher(code).find() && !declaresHyperParameters(code)) {
      return List.of(); // ML code, but not training code: a library module, a serving script
    }
    Record r = new Record(RecordKind.NOTEBOOK, "script", PosixPaths.of(file.path()));
    r.setName(file.name());
    r.source(r.getPath());
    r.setSize(file.size());
    r.property("language", "python");
    r.getCode().setScript(file.name());
    NotebookHarvest harvest = new NotebookHarvest(r, context);
    NotebookCell cell = new NotebookCell(0);
    cell.type = "code";
    cell.source = code;
    harvest.cell(cell);
    harvest.finish("python", file.path().toAbsolutePath().getParent());
    r.getProperties().keySet().removeIf(k -> k.startsWith("cells.") || k.startsWith("outputs"));
    return List.of(r);
  }
}
