package io.mlindex.parsers.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CodeReaderTest {
  private final FileSystem fs = TestTrees.newFileSystem();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Record read(String... cells) {
    Record r = new Record(RecordKind.NOTEBOOK, "notebook", "/work/nb/x.ipynb");
    CodeReader reader = new CodeReader(fs.getPath("/work/nb"), new ParseContext());
    for (String c : cells) {
      reader.read(c, List.of());
    }
    reader.apply(r);
    return r;
  }

  private static List<String> inputs(Record r) {
    return r.getLineage().getInputs().stream().map(LineageRef::target).toList();
  }

  private static List<String> outputs(Record r) {
    return r.getLineage().getOutputs().stream().map(LineageRef::target).toList();
  }

  @Test
  void readerAndWriterCallsWithLiteralPathsAreLineage() {
    Record r = read(
        "import pandas as pd, numpy as np, torch, joblib, pickle\n"
            + "df = pd.read_csv('data/train.csv')\n"
            + "x = np.load(\"../arrays/x.npy\")\n"
            + "with open('notes.txt') as f: pass\n"
            + "m = torch.load('/models/base.pt')\n"
            + "df.to_parquet('out/clean.parquet', index=False)\n"
            + "torch.save(model.state_dict(), 'out/model.pt')\n"
            + "joblib.dump(clf, 'out/clf.joblib')\n"
            + "pickle.dump(clf, open('out/clf.pkl', 'wb'))\n"
            + "plt.savefig('figs/loss.png', dpi=100)\n"
            + "model.save('out/keras_model.h5')\n");
    assertEquals(List.of("/work/nb/data/train.csv", "/work/arrays/x.npy", "/work/nb/notes.txt", "/models/base.pt"),
        inputs(r));
    assertEquals(List.of("/work/nb/out/clean.parquet", "/work/nb/out/model.pt", "/work/nb/out/clf.joblib",
        "/work/nb/out/clf.pkl", "/work/nb/figs/loss.png", "/work/nb/out/keras_model.h5"), outputs(r));
    assertEquals("pd.read_csv", r.getLineage().getInputs().get(0).via());
    assertEquals("open", r.getLineage().getOutputs().get(3).via());
  }

  @Test
  void constantsJoinsAndFStringsArePropagated() {
    Record r = read(
        "import os\nfrom pathlib import Path\nDATA_DIR = 'data'\nRAW = os.path.join(DATA_DIR, 'raw')\n",
        "train = pd.read_csv(os.path.join(RAW, 'train.csv'))\n"
            + "BASE = Path('/srv/ml')\n"
            + "test = pd.read_csv(BASE / 'test' / \"test.csv\")\n"
            + "val = pd.read_csv(DATA_DIR + '/val.csv')\n"
            + "feat = pd.read_csv(f'{DATA_DIR}/features.csv')\n"
            + "run = pd.read_csv(f'{run_id}/metrics.csv')\n"
            + "other = pd.read_csv('runs/{}.csv'.format(i))\n");
    assertEquals(List.of("/work/nb/data/raw/train.csv", "/srv/ml/test/test.csv", "/work/nb/data/val.csv",
        "/work/nb/data/features.csv", "/work/nb/{}/metrics.csv", "/work/nb/runs/{}.csv"), inputs(r));
    List<LineageRef> in = r.getLineage().getInputs();
    assertNull(in.get(3).uncertain(), "a hole filled by a known constant is certain");
    assertTrue(in.get(4).uncertain());
    assertTrue(in.get(5).uncertain());
  }

  @Test
  void aReassignedOrUnknownNameIsNotGuessed() {
    Record r = read("PATH = 'a.csv'\nPATH = compute()\ndf = pd.read_csv(PATH)\ndf2 = pd.read_csv(other)\n");
    assertTrue(r.getLineage().isEmpty());
  }

  @Test
  void hubNamesAreNamedReferencesAndLocalFoldersArePaths() {
    Record r = read(
        "from transformers import AutoModel\nfrom datasets import load_dataset\n"
            + "tok = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
            + "m = AutoModel.from_pretrained(\"facebook/bart-large\")\n"
            + "local = AutoModel.from_pretrained('./checkpoints/best')\n"
            + "ds = load_dataset('imdb')\n"
            + "csv = load_dataset('csv', data_files={'train': 'data/train.csv', 'test': 'data/test.csv'})\n"
            + "model.save_pretrained('out/final')\n"
            + "model.push_to_hub('me/my-model')\n");
    List<LineageRef> in = r.getLineage().getInputs();
    assertEquals(LineageRef.named("bert-base-uncased", "hf-model", "AutoTokenizer.from_pretrained"), in.get(0));
    assertEquals("facebook/bart-large", in.get(1).ref());
    assertEquals("/work/nb/checkpoints/best", in.get(2).path());
    assertEquals(LineageRef.named("imdb", "hf-dataset", "load_dataset"), in.get(3));
    assertEquals(List.of("/work/nb/data/train.csv", "/work/nb/data/test.csv"),
        in.subList(4, 6).stream().map(LineageRef::path).toList());
    assertEquals(List.of("/work/nb/out/final", "me/my-model"), outputs(r));
  }

  @Test
  void openModesDecideTheDirectionAndUrlsAreReferences() {
    Record r = read("open('in.txt', 'r')\nopen('out.txt', mode='w')\nopen('log.txt', 'a')\n"
        + "pd.read_csv('https://example.org/data.csv')\npd.read_parquet('s3://bucket/key.parquet')\n"
        + "pd.read_csv('C:\\\\Users\\\\me\\\\data.csv')\nmlflow.pyfunc.load_model('runs:/abc123/model')\n");
    assertEquals(List.of("/work/nb/in.txt", "https://example.org/data.csv", "s3://bucket/key.parquet",
        "C:/Users/me/data.csv", "runs:/abc123/model"), inputs(r));
    assertEquals("foreign", r.getLineage().getInputs().get(1).kind(), "matched by their tail, like other foreign paths");
    assertTrue(r.getLineage().getInputs().get(3).uncertain());
    assertEquals(List.of("/work/nb/out.txt", "/work/nb/log.txt"), outputs(r));
  }

  @Test
  void papermillParamsAreStatedAndInjectedOnesWin() {
    Record r = new Record(RecordKind.NOTEBOOK, "notebook", "/n.ipynb");
    CodeReader reader = new CodeReader(fs.getPath("/"), new ParseContext());
    reader.read("alpha = 0.5\nl1_ratio = 0.1\nDATA = 'data'\nOUT = DATA + '/out.csv'\ncfg = {'a': {'b': 1}}\n",
        List.of("parameters"));
    reader.read("alpha = 0.6\n", List.of("injected-parameters"));
    reader.apply(r);
    assertEquals(0.6, r.getParams().get("alpha"));
    assertEquals(0.1, r.getParams().get("l1_ratio"));
    assertEquals(1L, r.getParams().get("cfg.a.b"));
    assertFalse(r.getParamsSource().containsKey("alpha"), "papermill values are stated, not guessed");
    assertEquals("data/out.csv", r.getParams().get("OUT"));
    assertEquals(CodeReader.PAPERMILL_EVALUATED, r.getParamsSource().get("OUT"));
  }

  @Test
  void settingLikeAssignmentsEstimatorKeywordsAndArgparseAreGuessedParams() {
    Record r = read(
        "from sklearn.ensemble import RandomForestClassifier\nimport argparse\nimport xgboost as xgb\n"
            + "LR = 1e-3\nepochs = 20\nbatch_size = 64\ntitle = 'not a setting'\n"
            + "config = {'optimizer': {'name': 'adam', 'betas': [0.9, 0.99]}, 'layers': 3}\n"
            + "DATA_PATH = 'data/x.csv'\n",
        "clf = RandomForestClassifier(n_estimators=200, max_depth=None, random_state=42)\n"
            + "clf2 = RandomForestClassifier(n_estimators=500)\n"
            + "booster = xgb.XGBClassifier(learning_rate=0.1, n_estimators=n)\n"
            + "fig = plt.Figure(figsize=(3, 4))\n"
            + "X_train, X_test = train_test_split(X, test_size=0.2)\n"
            + "parser = argparse.ArgumentParser()\n"
            + "parser.add_argument('--learning-rate', type=float, default=3e-4)\n"
            + "parser.add_argument('-b', '--batch', default=32)\n"
            + "parser.add_argument('--out', dest='output_dir', default='runs')\n");
    Map<String, Object> p = r.getParams();
    assertEquals(0.001, p.get("LR"));
    assertEquals(20L, p.get("epochs"));
    assertEquals(64L, p.get("batch_size"));
    assertFalse(p.containsKey("title"));
    assertFalse(p.containsKey("DATA_PATH"));
    assertEquals("adam", p.get("config.optimizer.name"));
    assertEquals(List.of(0.9, 0.99), p.get("config.optimizer.betas"));
    assertEquals(200L, p.get("RandomForestClassifier.n_estimators"), "the first construction wins");
    assertEquals(42L, p.get("RandomForestClassifier.random_state"));
    assertFalse(p.containsKey("RandomForestClassifier.max_depth"), "None says nothing");
    assertEquals(0.1, p.get("XGBClassifier.learning_rate"));
    assertFalse(p.containsKey("XGBClassifier.n_estimators"), "not a literal");
    assertFalse(p.containsKey("Figure.figsize"), "matplotlib is not an ML library");
    assertEquals(0.2, p.get("train_test_split.test_size"));
    assertEquals(3e-4, p.get("learning_rate"));
    assertEquals(32L, p.get("batch"));
    assertEquals("runs", p.get("output_dir"));
    assertEquals(CodeParams.ARGPARSE, r.getParamsSource().get("learning_rate"));
    assertEquals(CodeParams.KEYWORD, r.getParamsSource().get("RandomForestClassifier.n_estimators"));
    assertEquals(CodeParams.ASSIGNMENT, r.getParamsSource().get("LR"));
  }

  @Test
  void classesDefinedInTheCodeCountAsModels() {
    Record r = read("class Net(nn.Module):\n    def __init__(self, hidden=3):\n        pass\n",
        "net = Net(hidden=128)\n");
    assertEquals(128L, r.getParams().get("Net.hidden"));
    assertFalse(r.getParams().containsKey("__init__.hidden"), "a def is not a call");
  }

  @Test
  void pipMagicsGivePackages() {
    Record r = read("%pip install -q transformers==4.40.0 'datasets[audio]>=2' -r req.txt\n"
        + "!pip3 install -U --index-url https://x.org/simple accelerate && echo done\n"
        + "!pip install git+https://github.com/org/repo.git\n%matplotlib inline\n");
    assertEquals(List.of("transformers", "datasets", "accelerate", "git+https://github.com/org/repo.git"),
        r.getCode().getPackages());
  }

  @Test
  void brokenCodeIsReadAsFarAsItGoes() {
    Record r = read("df = pd.read_csv('a.csv'\nprint('unterminated\nx = (((\n", "y = pd.read_csv('b.csv')\n");
    assertEquals(List.of("/work/nb/b.csv"), inputs(r));
  }

  @Test
  void deeplyNestedExpressionsDoNotRecurse() {
    String deep = "x = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n";
    String calls = "y = " + "f(".repeat(20_000) + "pd.read_csv('deep.csv')" + ")".repeat(20_000) + "\n";
    String lists = "z = " + "[".repeat(100_000) + "\n";
    Record r = read(deep, calls, lists + "lr = 0.1\n");
    assertEquals(List.of("/work/nb/deep.csv"), inputs(r));
  }
}
