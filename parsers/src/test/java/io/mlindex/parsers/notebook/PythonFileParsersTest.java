package io.mlindex.parsers.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jupytext percent files and plain training scripts. */
class PythonFileParsersTest {
  private final FileSystem fs = TestTrees.newFileSystem();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private static final String JUPYTEXT =
      "# ---\n"
          + "# jupyter:\n"
          + "#   jupytext:\n"
          + "#     text_representation:\n"
          + "#       format_name: percent\n"
          + "#   kernelspec:\n"
          + "#     display_name: Python 3\n"
          + "#     language: python\n"
          + "#     name: python3\n"
          + "# ---\n\n"
          + "# %% [markdown]\n"
          + "# # Tuning the forest\n"
          + "# Reads the cleaned table.\n\n"
          + "# %% tags=[\"parameters\"]\n"
          + "n_estimators = 100\n"
          + "data_file = 'data/train.csv'\n\n"
          + "# %%\n"
          + "# !pip install lightgbm\n"
          + "import pandas as pd\n"
          + "from sklearn.ensemble import RandomForestClassifier\n"
          + "df = pd.read_csv(data_file)\n"
          + "clf = RandomForestClassifier(n_estimators=n_estimators, max_depth=8)\n";

  @Test
  void jupytextPercentFilesAreNotebooks() throws IOException {
    Path file = TestTrees.write(fs.getPath("/w/tune.py"), JUPYTEXT);
    FileCandidate c = TestTrees.candidate(file);
    JupytextParser parser = new JupytextParser();
    assertTrue(parser.supports(c));
    Record r = parser.parse(c, new ParseContext()).get(0);
    assertEquals("notebook", r.getFormat());
    assertEquals(RecordKind.NOTEBOOK, r.getKind());
    assertEquals("percent", r.getProperties().get("jupytext"));
    assertEquals("python3", r.getProperties().get("kernel"));
    assertEquals(2, r.getProperties().get("cells.code"));
    assertEquals(1, r.getProperties().get("cells.markdown"));
    assertEquals(100L, r.getParams().get("n_estimators"));
    assertFalse(r.getParamsSource().containsKey("n_estimators"), "a papermill parameter is stated");
    assertEquals(8L, r.getParams().get("RandomForestClassifier.max_depth"));
    assertEquals(List.of("pandas", "sklearn"), r.getCode().getImports());
    assertEquals(List.of("lightgbm"), r.getCode().getPackages());
    assertEquals("/w/data/train.csv", r.getLineage().getInputs().get(0).path());
    assertTrue(r.getText().contains("Tuning the forest"));
    assertFalse(r.getText().contains("# # Tuning"), "markdown lines are uncommented");
  }

  private static final String SCRIPT =
      "import argparse\n"
          + "import torch\n"
          + "from torch.utils.data import DataLoader\n\n"
          + "def main():\n"
          + "    p = argparse.ArgumentParser()\n"
          + "    p.add_argument('--lr', type=float, default=1e-3)\n"
          + "    p.add_argument('--epochs', type=int, default=10)\n"
          + "    p.add_argument('--data', default='data/train.pt')\n"
          + "    args = p.parse_args()\n"
          + "    data = torch.load('data/train.pt')\n"
          + "    loader = DataLoader(data, batch_size=32, shuffle=True)\n"
          + "    for epoch in range(args.epochs):\n"
          + "        loss.backward()\n"
          + "    torch.save(model.state_dict(), 'checkpoints/model.pt')\n\n"
          + "if __name__ == '__main__':\n"
          + "    main()\n";

  @Test
  void trainingScriptsAreReadForArgparseDefaultsAndLineage() throws IOException {
    Path file = TestTrees.write(fs.getPath("/w/src/train.py"), SCRIPT);
    FileCandidate c = TestTrees.candidate(file);
    PythonScriptParser parser = new PythonScriptParser();
    assertTrue(parser.supports(c));
    Record r = parser.parse(c, new ParseContext()).get(0);
    assertEquals("script", r.getFormat());
    assertEquals(RecordKind.NOTEBOOK, r.getKind());
    assertEquals("train.py", r.getCode().getScript());
    assertEquals(0.001, r.getParams().get("lr"));
    assertEquals(10L, r.getParams().get("epochs"));
    assertEquals("argparse default", r.getParamsSource().get("lr"));
    assertEquals(32L, r.getParams().get("DataLoader.batch_size"));
    assertEquals(List.of("argparse", "torch"), r.getCode().getImports());
    assertEquals(List.of("pytorch"), r.getCode().getFrameworks());
    assertEquals("/w/src/data/train.pt", r.getLineage().getInputs().get(0).path());
    assertEquals("/w/src/checkpoints/model.pt", r.getLineage().getOutputs().get(0).path());
    assertFalse(r.getProperties().containsKey("cells.code"), "a script has no cells");
  }

  @Test
  void onlyMlTrainingScriptsAreKept() throws IOException {
    PythonScriptParser parser = new PythonScriptParser();
    Path plain = TestTrees.write(fs.getPath("/w/util.py"), "import os\n\ndef helper():\n    return os.getcwd()\n");
    assertFalse(parser.supports(TestTrees.candidate(plain)));
    Path library = TestTrees.write(fs.getPath("/w/model.py"),
        "import torch.nn as nn\n\nclass Net(nn.Module):\n    def forward(self, x):\n        return x\n");
    assertTrue(parser.supports(TestTrees.candidate(library)));
    assertTrue(parser.parse(TestTrees.candidate(library), new ParseContext()).isEmpty(), "no training in it");
    Path cli = TestTrees.write(fs.getPath("/w/run.py"),
        "import argparse\np = argparse.ArgumentParser()\np.add_argument('--batch-size', default=16)\n");
    assertTrue(parser.supports(TestTrees.candidate(cli)));
    assertEquals(16L, parser.parse(TestTrees.candidate(cli), new ParseContext()).get(0).getParams().get("batch_size"));
  }

  @Test
  void theRegistryPicksJupytextOverScriptAndBothOverNothing() {
    ParserRegistry registry = ParserRegistry.loadDefault();
    Path jupytext = TestTrees.write(fs.getPath("/w/a.py"), JUPYTEXT);
    Path script = TestTrees.write(fs.getPath("/w/b.py"), SCRIPT);
    assertEquals("jupytext", registry.fileParserFor(TestTrees.candidate(jupytext)).name());
    assertEquals("python-script", registry.fileParserFor(TestTrees.candidate(script)).name());
  }
}
