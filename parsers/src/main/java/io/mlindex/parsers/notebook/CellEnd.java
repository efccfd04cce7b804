package io.mlindex.parsers.notebook;

/** What the last statement of a cell names, for cells whose value Jupyter displays. */
final class CellEnd {
  private CellEnd() {}

  /**
   * The name of the cell's final expression: {@code acc} for {@code acc}, {@code accuracy} for
   * {@code results.accuracy}, {@code accuracy_score} for {@code accuracy_score(y, p)}, {@code
   * val_loss} for {@code scores["val_loss"]}; null for anything else.
   */
  static String expressionName(String source) {
    PyTokenizer tokenizer = new PyTokenizer(source);
    PyStatement last = null;
    for (PyStatement s = tokenizer.next(); s != null; s = tokenizer.next()) {
      last = s;
    }
    if (last == null || !last.isTopLevel()) {
      return null;
    }
    int k = 0;
    String name = null;
    while (k < last.size() && last.get(k).isName()) {
      name = last.get(k).text();
      if (k + 2 < last.size() && last.get(k + 1).is(".") && last.get(k + 2).isName()) {
        k += 2;
      } else {
        k++;
        break;
      }
    }
    if (name == null) {
      return null;
    }
    if (k == last.size()) {
      return name;
    }
    PyToken next = last.get(k);
    if (next.is("(") && last.get(last.size() - 1).is(")")) {
      return name;
    }
    if (next.is("[") && k + 3 == last.size() && last.get(k + 1).type() == PyToken.Type.STRING && last.get(k + 2).is("]")) {
      return last.get(k + 1).value();
    }
    return null;
  }
}
