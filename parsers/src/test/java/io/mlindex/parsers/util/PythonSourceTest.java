package io.mlindex.parsers.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonSourceTest {
  @Test
  void importsAreTopLevelModules() {
    String code =
        "import numpy as np, pandas\n"
            + "from sklearn.model_selection import train_test_split\n"
            + "from . import local\n"
            + "def f():\n"
            + "    import torch.nn as nn\n"
            + "%matplotlib inline\n"
            + "x = 'import os'\n";
    assertEquals(List.of("numpy", "pandas", "sklearn", "torch"), List.copyOf(PythonSource.imports(code)));
  }

  @Test
  void literalAssignmentsSpanBrackets() {
    String code = "lr = 1e-3\nlayers = [\n  64,\n  32,\n]\nname: str = 'x'\nn = len(a)\n  inner = 5\nlr = 0.1\n";
    Map<String, Object> a = PythonSource.literalAssignments(code);
    assertEquals(Map.of("lr", 0.1, "layers", List.of(64L, 32L), "name", "x"), a);
  }
}
