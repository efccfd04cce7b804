package io.mlindex.index;

import static io.mlindex.index.LineageTrees.edges;
import static io.mlindex.index.LineageTrees.file;
import static io.mlindex.index.LineageTrees.model;
import static io.mlindex.index.LineageTrees.names;
import static io.mlindex.index.LineageTrees.notebook;
import static io.mlindex.index.LineageTrees.run;
import static io.mlindex.index.LineageTrees.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageGraphTest {
  static final String SHA = "sha256:" + "ab".repeat(32);
  static final String MD5 = "md5:" + "cd".repeat(16);
  @TempDir Path dir;
  private RecordIndex index;
  private LineageTrees trees;

  @BeforeEach
  void open() throws Exception {
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    trees = new LineageTrees(index);
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  private void chain() throws Exception {
    trees.put(
        stage("/p/dvc.lock", "prepare", List.of(file("/p/data/raw.csv")), List.of(file("/p/data/prepared.csv"))),
        stage("/p/dvc.lock", "train", List.of(file("/p/data/prepared.csv")), List.of(file("/p/models/m.pkl", MD5))),
        model("/p/models/m.pkl", SHA));
  }

  @Test
  void aChainDownstreamInBreadthFirstOrderWithEvidence() throws Exception {
    chain();
    LineageResult r = trees.lineage("/p/data/raw.csv", LineageDirection.DOWN);
    assertEquals(List.of("/p/data/raw.csv", "prepare", "/p/data/prepared.csv", "train", "m.pkl"), names(r));
    assertEquals(List.of("/p/data/raw.csv -reads-> prepare", "prepare -writes-> /p/data/prepared.csv",
        "/p/data/prepared.csv -reads-> train", "train -writes-> m.pkl"), edges(r));
    assertFalse(r.truncated());
    LineageEdge first = r.edges().get(0);
    Record prepare = stage("/p/dvc.lock", "prepare", List.of(), List.of());
    assertEquals(new LineageEdge.Evidence(prepare.getId(), "lineage.inputs", "test"), first.evidence());
    LineageNode raw = r.nodes().get(0);
    assertEquals("artifact", raw.kind());
    assertFalse(raw.record());
    assertEquals("raw.csv", raw.name());
    LineageNode m = r.nodes().get(4);
    assertTrue(m.record());
    assertEquals("model", m.kind());
    assertEquals(List.of("/p/data/raw.csv"), r.start());
  }

  @Test
  void upstreamFromARecordIdAndBothWays() throws Exception {
    chain();
    String modelId = model("/p/models/m.pkl", SHA).getId();
    assertEquals(List.of("m.pkl", "train", "/p/data/prepared.csv", "prepare", "/p/data/raw.csv"),
        names(trees.lineage(modelId, LineageDirection.UP)));
    LineageResult both = trees.lineage("/p/data/prepared.csv", LineageDirection.BOTH);
    assertEquals(5, both.nodes().size(), names(both).toString());
    assertEquals(4, both.edges().size());
  }

  @Test
  void relativePathsMatchByTrailingComponentsAndDotsAreNormalised() throws Exception {
    chain();
    assertEquals(5, trees.lineage("data/raw.csv", LineageDirection.DOWN).nodes().size());
    assertEquals(5, trees.lineage("./data/raw.csv", LineageDirection.DOWN).nodes().size());
    assertEquals(5, trees.lineage("/p/models/../data/./raw.csv", LineageDirection.DOWN).nodes().size());
    assertEquals(List.of("m.pkl", "train"), names(trees.lineage("models/m.pkl", LineageDirection.UP)).subList(0, 2));
  }

  @Test
  void aDiamondVisitsTheJoinOnce() throws Exception {
    trees.put(
        stage("/d/dvc.lock", "a", List.of(file("/d/raw.csv")), List.of(file("/d/x.csv"))),
        stage("/d/dvc.lock", "b", List.of(file("/d/raw.csv")), List.of(file("/d/y.csv"))),
        stage("/d/dvc.lock", "join", List.of(file("/d/x.csv"), file("/d/y.csv")), List.of(file("/d/out.csv"))));
    LineageResult r = trees.lineage("/d/raw.csv", LineageDirection.DOWN);
    assertEquals(List.of("/d/raw.csv", "a", "b", "/d/x.csv", "/d/y.csv", "join", "/d/out.csv"), names(r));
    assertEquals(7, r.edges().size(), edges(r).toString());
    LineageResult up = trees.lineage("/d/out.csv", LineageDirection.UP);
    assertEquals(7, up.nodes().size());
  }

  @Test
  void cyclesEndAndSelfReferencesAddNoLoop() throws Exception {
    Record nb = notebook("/c/clean.ipynb", List.of(file("/c/data.csv")), List.of(file("/c/data.csv")));
    Record s1 = stage("/c/dvc.lock", "s1", List.of(file("/c/a.csv")), List.of(file("/c/b.csv")));
    Record s2 = stage("/c/dvc.lock", "s2", List.of(file("/c/b.csv")), List.of(file("/c/a.csv")));
    Record self = model("/c/m.pkl", null);
    self.getLineage().output(file("/c/m.pkl"));
    self.getLineage().input(file("/c/m.pkl"));
    trees.put(nb, s1, s2, self);

    LineageResult r = trees.lineage("/c/data.csv", LineageDirection.BOTH);
    assertEquals(List.of("/c/data.csv", "clean.ipynb"), names(r));
    assertEquals(List.of("/c/data.csv -reads-> clean.ipynb", "clean.ipynb -writes-> /c/data.csv"), edges(r));

    LineageResult loop = trees.lineage("/c/a.csv", LineageDirection.DOWN);
    assertEquals(List.of("/c/a.csv", "s1", "/c/b.csv", "s2"), names(loop));
    assertEquals(4, loop.edges().size(), edges(loop).toString());
    assertEquals(4, trees.lineage("/c/a.csv", LineageDirection.UP).nodes().size());

    LineageResult selfish = trees.lineage(self.getId(), LineageDirection.BOTH);
    assertEquals(List.of("m.pkl"), names(selfish));
    assertTrue(selfish.edges().isEmpty());
  }

  @Test
  void copiesAreJoinedByHashAndADvcMd5JoinsStagesAcrossProjects() throws Exception {
    chain();
    Record copy = model("/backup/old/m-copy.pkl", SHA);
    Record other = stage("/q/dvc.lock", "score", List.of(file("/q/in/models.pkl", MD5)), List.of(file("/q/report.json")));
    trees.put(copy, other);
    LineageResult r = trees.lineage("data/raw.csv", LineageDirection.DOWN);
    List<String> e = edges(r);
    assertTrue(e.contains("m.pkl -same-content-> m-copy.pkl"), e.toString());
    assertTrue(e.contains("m.pkl -same-content-> /q/in/models.pkl"), e.toString());
    assertTrue(e.contains("/q/in/models.pkl -reads-> score"), e.toString());
    assertTrue(names(r).contains("/q/report.json"), names(r).toString());
    LineageEdge byHash = r.edges().stream().filter(x -> x.to().equals(copy.getId())).findFirst().orElseThrow();
    assertEquals(new LineageEdge.Evidence(copy.getId(), "hash", null), byHash.evidence());

    LineageResult fromCopy = trees.lineage(copy.getId(), LineageDirection.UP);
    assertTrue(names(fromCopy).contains("/p/data/raw.csv"), names(fromCopy).toString());

    LineageResult fromHash = trees.lineage(SHA, LineageDirection.DOWN);
    assertEquals(List.of("m.pkl", "m-copy.pkl"), names(fromHash).subList(0, 2));
  }

  @Test
  void aDvcFileDescribesItsDataRatherThanCopyingIt() throws Exception {
    String md5 = "md5:" + "ee".repeat(16);
    Record tracked = new Record(io.mlindex.record.RecordKind.DATASET, "dvc", "/t/data/raw.csv.dvc").setName("raw.csv");
    tracked.setHash(md5);
    tracked.getLineage().output(file("/t/data/raw.csv", md5));
    trees.put(tracked, stage("/t/dvc.lock", "prep", List.of(file("/t/data/raw.csv", md5)), List.of(file("/t/out.csv"))));
    LineageResult down = trees.lineage("/t/data/raw.csv", LineageDirection.DOWN);
    assertEquals(List.of("/t/data/raw.csv", "prep", "/t/out.csv"), names(down));
    LineageResult up = trees.lineage("/t/data/raw.csv", LineageDirection.UP);
    assertEquals(List.of("/t/data/raw.csv", "raw.csv"), names(up));
    assertEquals(List.of("raw.csv -writes-> /t/data/raw.csv"), edges(up));
  }

  @Test
  void homeAndParentPathsFromNotebooksAreNormalisedAndForeignOnesMatchByTail() throws Exception {
    Path nbFolder = java.nio.file.FileSystems.getDefault().getPath("/srv/proj/notebooks");
    LineageRef parent = io.mlindex.parsers.util.LineagePaths.ref("../data/raw.csv", nbFolder, "pd.read_csv");
    LineageRef home = io.mlindex.parsers.util.LineagePaths.ref("~/proj/models/m.pkl", nbFolder, "joblib.dump");
    LineageRef windows = io.mlindex.parsers.util.LineagePaths.ref("C:\\Users\\bob\\proj\\data\\raw.csv", nbFolder, "pd.read_csv");
    assertEquals("/srv/proj/data/raw.csv", parent.path());
    trees.put(
        stage("/srv/proj/dvc.lock", "fetch", List.of(), List.of(file("/srv/proj/data/raw.csv"))),
        notebook("/srv/proj/notebooks/a.ipynb", List.of(parent), List.of()),
        notebook("/home/bob/win.ipynb", List.of(windows), List.of(home)),
        model("/srv/proj/models/m.pkl", null));

    LineageResult down = trees.lineage("/srv/proj/data/raw.csv", LineageDirection.DOWN);
    List<String> e = edges(down);
    assertTrue(e.contains("/srv/proj/data/raw.csv -reads-> a.ipynb"), e.toString());
    assertTrue(e.contains("/srv/proj/data/raw.csv -reads?-> win.ipynb"), "foreign input matched by its tail: " + e);
    assertTrue(e.contains("win.ipynb -writes?-> m.pkl"), "~ path matched by its tail: " + e);

    LineageResult up = trees.lineage("/home/bob/win.ipynb", LineageDirection.UP);
    assertEquals(List.of("win.ipynb", "/srv/proj/data/raw.csv", "fetch"), names(up));
    assertEquals(Boolean.TRUE, up.edges().get(0).uncertain());
  }

  @Test
  void aForeignPathWithNoLocalMatchIsAnUncertainArtifact() throws Exception {
    LineageRef windows = io.mlindex.parsers.util.LineagePaths.ref("D:\\work\\elsewhere\\feed.parquet",
        java.nio.file.FileSystems.getDefault().getPath("/x"), "pd.read_parquet");
    trees.put(notebook("/x/n.ipynb", List.of(windows), List.of()));
    LineageResult r = trees.lineage("/x/n.ipynb", LineageDirection.UP);
    LineageNode foreign = r.nodes().get(1);
    assertEquals("D:/work/elsewhere/feed.parquet", foreign.path());
    assertEquals("foreign", foreign.ref());
    assertEquals(Boolean.TRUE, foreign.uncertain());
    assertEquals(Boolean.TRUE, r.edges().get(0).uncertain());
    LineageResult byItsOwnName = trees.lineage("D:\\work\\elsewhere\\feed.parquet", LineageDirection.DOWN);
    assertEquals(List.of("D:/work/elsewhere/feed.parquet", "n.ipynb"), names(byItsOwnName));
  }

  @Test
  void runsProduceTheFilesInTheirFolderAndOutputFoldersHoldTheirFiles() throws Exception {
    Record run = run("/m/1/abc");
    run.getLineage().output(file("/m/1/abc/artifacts/model/model.pkl"));
    Record listed = model("/m/1/abc/artifacts/model/model.pkl", null);
    Record unlisted = model("/m/1/abc/checkpoints/last.ckpt", null);
    Record outside = model("/m/1/abcd/other.pkl", null);
    Record st = stage("/f/dvc.lock", "train", List.of(), List.of(file("/f/models", "md5:" + "12".repeat(16) + ".dir")));
    Record inFolder = model("/f/models/net.pt", null);
    trees.put(run, listed, unlisted, outside, st, inFolder);

    LineageResult down = trees.lineage(run.getId(), LineageDirection.DOWN);
    assertEquals(List.of("abc", "model.pkl", "last.ckpt"), names(down));
    assertEquals(List.of("abc -writes-> model.pkl", "abc -run-folder-> last.ckpt"), edges(down));
    assertEquals(List.of("last.ckpt", "abc"), names(trees.lineage(unlisted.getId(), LineageDirection.UP)));

    assertEquals(List.of("train", "/f/models", "net.pt"), names(trees.lineage(st.getId(), LineageDirection.DOWN)));
    LineageResult up = trees.lineage(inFolder.getId(), LineageDirection.UP);
    assertEquals(List.of("net.pt", "/f/models", "train"), names(up));
    assertEquals(List.of("/f/models -contains-> net.pt", "train -writes-> /f/models"), edges(up));
  }

  @Test
  void namedReferencesAreNodes() throws Exception {
    trees.put(notebook("/n/ft.ipynb", List.of(LineageRef.named("bert-base-uncased", "hf-model", "from_pretrained")), List.of()));
    LineageResult r = trees.lineage("bert-base-uncased", LineageDirection.DOWN);
    assertEquals(List.of("bert-base-uncased", "ft.ipynb"), names(r));
    LineageNode bert = r.nodes().get(0);
    assertNull(bert.path());
    assertEquals("hf-model", bert.ref());
  }

  @Test
  void depthAndNodeLimits() throws Exception {
    chain();
    LineageResult two = trees.lineage(new LineageRequest("/p/data/raw.csv", LineageDirection.DOWN, 2, 500));
    assertEquals(List.of("/p/data/raw.csv", "prepare", "/p/data/prepared.csv"), names(two));
    assertFalse(two.truncated());
    assertEquals(1, trees.lineage(new LineageRequest("/p/data/raw.csv", LineageDirection.DOWN, 0, 500)).nodes().size());
    LineageResult cut = trees.lineage(new LineageRequest("/p/data/raw.csv", LineageDirection.DOWN, LineageRequest.UNLIMITED, 3));
    assertEquals(3, cut.nodes().size());
    assertTrue(cut.truncated());
    assertEquals(2, cut.edges().size());
  }

  @Test
  void badAndUnknownReferences() throws Exception {
    chain();
    LineageException blank = assertThrows(LineageException.class, () -> trees.lineage(" ", LineageDirection.BOTH));
    assertEquals(LineageException.Reason.BAD_REQUEST, blank.reason());
    LineageException none = assertThrows(LineageException.class, () -> trees.lineage("/nowhere/x.csv", LineageDirection.BOTH));
    assertEquals(LineageException.Reason.NOT_FOUND, none.reason());
    assertThrows(LineageException.class, () -> trees.lineage("md5:" + "00".repeat(16), LineageDirection.BOTH));
    assertThrows(LineageException.class, () -> trees.lineage(new LineageRequest("x", LineageDirection.UP, -1, 5)));
    assertThrows(LineageException.class, () -> LineageDirection.parse("sideways"));
  }
}
