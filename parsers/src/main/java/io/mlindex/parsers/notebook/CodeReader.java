package io.mlindex.parsers.notebook;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.PythonLiterals;
import io.mlindex.record.CodeRef;
import io.mlindex.record.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Python code of a notebook or script, cell by cell and in order, without running it:
 * papermill parameters, guessed params ({@link CodeParams}), lineage ({@link LineageCalls}) with
 * constants propagated from top-level assignments ({@link PyConstants}), and packages installed
 * with {@code %pip} / {@code !pip}. Work is linear in the size of the code.
 */
final class CodeReader {
  static final String PAPERMILL_EVALUATED = "papermill parameters (evaluated expression)";
  static final String PAPERMILL_EXPRESSION = "papermill parameters (non-literal expression)";

  private final ParseContext context;
  private final PyConstants constants = new PyConstants();
  private final Map<String, String> modules = new HashMap<>();
  private final Set<String> localClasses = new HashSet<>();
  private final CodeParams params = new CodeParams(modules, localClasses);
  private final LineageCalls lineage;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final Map<String, Object> injected = new LinkedHashMap<>();
  private final Map<String, Object> parameterGuesses = new LinkedHashMap<>();
  private final Map<String, String> parameterHow = new LinkedHashMap<>();
  private final List<String> packages = new ArrayList<>();
  private long statements;

  /** @param folder the folder of the notebook or script: relative paths in the code start there */
  CodeReader(Path folder, ParseContext context) {
    this.context = context;
    this.lineage = new LineageCalls(folder, modules);
  }

  /** Reads one cell (or a whole script); {@code tags} are the cell's tags (papermill's among them). */
  void read(String source, List<String> tags) {
    boolean injectedCell = tags.contains("injected-parameters");
    boolean parameterCell = !injectedCell && tags.contains("parameters");
    PyTokenizer tokenizer = new PyTokenizer(source);
    for (PyStatement st = tokenizer.next(); st != null; st = tokenizer.next()) {
      if (++statements % 256 == 0) {
        context.checkDeadline();
      }
      statement(st, parameterCell, injectedCell);
    }
  }

  private void statement(PyStatement st, boolean parameterCell, boolean injectedCell) {
    PyToken first = st.get(0);
    if (first.type() == PyToken.Type.MAGIC) {
      PipPackages.from(first.text()).forEach(p -> CodeRef.addDistinct(packages, p));
      return;
    }
    if (first.is("import") || first.is("from")) {
      aliases(st);
      return;
    }
    if (first.is("class") && st.size() > 1 && st.get(1).isName()) {
      localClasses.add(st.get(1).text());
    }
    PyCall.scan(st, call -> {
      lineage.call(call, constants);
      params.call(call);
    });
    int valueAt = st.isTopLevel() ? st.assignedValueAt() : -1;
    if (valueAt > 0) {
      String name = first.text();
      if (parameterCell || injectedCell) {
        papermill(st, name, valueAt, injectedCell);
      } else {
        params.assignment(st, valueAt);
      }
      constants.assign(name, constants.evaluate(st, valueAt, st.size()));
    } else if (st.isTopLevel() && st.size() > 1 && first.isName() && isAugmentedAssignment(st.get(1))) {
      constants.assign(first.text(), null);
    }
  }

  private static boolean isAugmentedAssignment(PyToken t) {
    return t.type() == PyToken.Type.OP && t.text().length() >= 2 && t.text().endsWith("=")
        && !t.text().equals("==") && !t.text().equals("!=") && !t.text().equals("<=") && !t.text().equals(">=");
  }

  private void papermill(PyStatement st, String name, int valueAt, boolean injectedCell) {
    Object v = PythonLiterals.parse(st.text(valueAt, st.size()));
    if (v != PythonLiterals.NOT_LITERAL) {
      (injectedCell ? injected : parameters).put(name, v);
      return;
    }
    PyConstants.Value evaluated = constants.evaluate(st, valueAt, st.size());
    if (evaluated != null && !evaluated.uncertain()) {
      parameterGuesses.put(name, evaluated.text());
      parameterHow.put(name, PAPERMILL_EVALUATED);
    } else {
      parameterGuesses.put(name, st.text(valueAt, st.size()));
      parameterHow.put(name, PAPERMILL_EXPRESSION);
    }
  }

  /** Remembers which module each imported name stands for ({@code np -> numpy}, {@code RandomForestClassifier -> sklearn}). */
  private void aliases(PyStatement st) {
    boolean from = st.get(0).is("from");
    String fromModule = null;
    int k = 1;
    if (from) {
      StringBuilder m = new StringBuilder();
      while (k < st.size() && !st.get(k).is("import")) {
        m.append(st.get(k).text());
        k++;
      }
      fromModule = m.toString();
      if (fromModule.startsWith(".") || fromModule.isEmpty()) {
        return;
      }
      k++;
    }
    String top = fromModule == null ? null : fromModule.split("\\.")[0];
    while (k < st.size()) {
      PyToken t = st.get(k);
      if (!t.isName()) {
        k++;
        continue;
      }
      String first = t.text();
      int j = k + 1;
      while (j + 1 < st.size() && st.get(j).is(".") && st.get(j + 1).isName()) {
        j += 2;
      }
      String alias = first;
      if (j + 1 < st.size() && st.get(j).is("as") && st.get(j + 1).isName()) {
        alias = st.get(j + 1).text();
        j += 2;
      }
      modules.put(alias, top != null ? top : first);
      k = j;
    }
  }

  /** A papermill param; dicts are flattened with dots. */
  private static void stated(Record r, String key, Object value) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> stated(r, key + "." + k, v));
    } else {
      r.param(key, value);
    }
  }

  /** Puts what was read into the record; stated (papermill) params win over guessed ones. */
  void apply(Record r) {
    parameters.forEach((k, v) -> stated(r, k, v));
    injected.forEach((k, v) -> stated(r, k, v));
    parameterGuesses.forEach((k, v) -> {
      if (!r.getParams().containsKey(k)) {
        r.guessedParam(k, v, parameterHow.get(k));
      }
    });
    params.apply(r);
    lineage.inputs().forEach(r.getLineage()::input);
    lineage.outputs().forEach(r.getLineage()::output);
    packages.forEach(p -> CodeRef.addDistinct(r.getCode().getPackages(), p));
  }
}
