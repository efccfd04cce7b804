package io.mlindex.parsers.dvc;

import static io.mlindex.parsers.TestTrees.candidate;
import static io.mlindex.parsers.TestTrees.write;
import static io.mlindex.parsers.dvc.DvcProjectParserTest.ref;
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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DvcFileParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final DvcFileParser parser = new DvcFileParser();

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private Record parse(Path file) throws IOException {
    List<Record> records = parser.parse(candidate(file), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void dataPointerIsADatasetWithPathHashAndSize() throws IOException {
    Path f = write(fs.getPath("/p/data/images.tar.gz.dvc"),
        "outs:\n- md5: acb39268fb9dd785aac887f69b89282e\n  size: 17397876\n  hash: md5\n  path: images.tar.gz\n  desc: raw images\n");
    Record r = parse(f);
    assertEquals(RecordKind.DATASET, r.getKind());
    assertEquals("dvc", r.getFormat());
    assertEquals("/p/data/images.tar.gz.dvc", r.getPath());
    assertEquals("images.tar.gz", r.getName());
    assertEquals("md5:acb39268fb9dd785aac887f69b89282e", r.getHash());
    assertEquals(17397876L, r.getSize());
    assertEquals("raw images", r.getProperties().get("desc"));
    LineageRef out = ref(r.getLineage().getOutputs(), "/p/data/images.tar.gz");
    assertEquals("md5:acb39268fb9dd785aac887f69b89282e", out.hash());
    assertEquals(17397876L, out.size());
    assertEquals(List.of("/p/data/images.tar.gz.dvc"), r.getSources());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void folderPointerKeepsTheDirSuffixAndFileCount() throws IOException {
    Path f = write(fs.getPath("/p/data.dvc"),
        "outs:\n- md5: 1a287d34dc172d9f950c03dae35f7e73.dir\n  size: 484846\n  nfiles: 2\n  path: data\n");
    Record r = parse(f);
    assertEquals("md5:1a287d34dc172d9f950c03dae35f7e73.dir", r.getHash());
    assertEquals(2L, r.getProperties().get("nfiles"));
    assertEquals("dir", ref(r.getLineage().getOutputs(), "/p/data").kind());
  }

  @Test
  void importNamesItsSourceRepository() throws IOException {
    Path f = write(fs.getPath("/p/data/data.xml.dvc"),
        "md5: f5ea021eddd7b1df6de80b904cba1da6\nfrozen: true\ndeps:\n- path: get-started/data.xml\n  repo:\n"
            + "    url: https://github.com/iterative/dataset-registry\n    rev_lock: f59388cd04276e75d70b2136597aaa27e7937cc3\n"
            + "outs:\n- md5: 22a1a2931c8370d3aeedd7183606fd7f\n  size: 14445097\n  path: data.xml\n");
    Record r = parse(f);
    assertEquals(true, r.getProperties().get("frozen"));
    LineageRef in = r.getLineage().getInputs().get(0);
    assertNull(in.path());
    assertEquals("dvc-import", in.kind());
    assertTrue(in.ref().startsWith("https://github.com/iterative/dataset-registry#get-started/data.xml@f5938"), in.ref());
    ref(r.getLineage().getOutputs(), "/p/data/data.xml");
  }

  @Test
  void legacyStageFileIsAStageWithWdirAndParentPaths() throws IOException {
    write(fs.getPath("/p/metrics/rf.metrics"), "0.87\n");
    Path f = write(fs.getPath("/p/pipelines/stage-3.dvc"),
        "md5: b85394cc3cac135b0d0f76d7accec9d5\ncmd: ../scripts/evaluate.sh\nwdir: .\n"
            + "deps:\n- md5: 8b8cced4b84edeb6d12faf4b8d7d2e28\n  path: ../notebooks/eval.ipynb\n"
            + "outs:\n- md5: a0d30072dfdb598ddc7eb183f7ba51f0\n  path: ../metrics/rf.metrics\n  cache: false\n  metric: true\n");
    Record r = parse(f);
    assertEquals(RecordKind.STAGE, r.getKind());
    assertEquals("stage-3", r.getName());
    assertEquals("../scripts/evaluate.sh", r.getProperties().get("cmd"));
    assertEquals("b85394cc3cac135b0d0f76d7accec9d5", r.getProperties().get("md5"));
    assertEquals("md5:8b8cced4b84edeb6d12faf4b8d7d2e28", ref(r.getLineage().getInputs(), "/p/notebooks/eval.ipynb").hash());
    assertEquals("md5:a0d30072dfdb598ddc7eb183f7ba51f0", ref(r.getLineage().getOutputs(), "/p/metrics/rf.metrics").hash());
    assertEquals(0.87, r.getMetrics().get("rf").last());
    assertTrue(r.getSources().contains("/p/metrics/rf.metrics"));
  }

  @Test
  void legacyWdirShiftsPaths() throws IOException {
    Path f = write(fs.getPath("/p/stages/Dvcfile"), "cmd: python run.py\nwdir: ../code\ndeps:\n- path: run.py\nouts:\n- path: out.csv\n");
    Record r = parse(f);
    assertEquals(RecordKind.STAGE, r.getKind());
    ref(r.getLineage().getInputs(), "/p/code/run.py");
    ref(r.getLineage().getOutputs(), "/p/code/out.csv");
  }

  @Test
  void invalidYamlIsARecordWithAWarning() throws IOException {
    Path f = write(fs.getPath("/p/bad.dvc"), "outs:\n- md5: [abc\n  path: x\n");
    Record r = parse(f);
    assertEquals(RecordKind.DATASET, r.getKind());
    String w = String.join("\n", r.getWarnings());
    assertTrue(w.contains("bad.dvc") && w.contains("line "), w);
  }

  @Test
  void emptyFileIsARecordWithAWarning() throws IOException {
    Record r = parse(write(fs.getPath("/p/empty.dvc"), ""));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("lists no outputs")), r.getWarnings().toString());
    assertTrue(r.getLineage().isEmpty());
  }

  @Test
  void entryWithoutPathIsSkippedWithAWarning() throws IOException {
    Record r = parse(write(fs.getPath("/p/x.dvc"), "outs:\n- md5: abc\n- path: ok.csv\n"));
    assertEquals(1, r.getLineage().getOutputs().size());
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("no path")), r.getWarnings().toString());
  }

  @Test
  void supportsDvcFilesAndDvcfileOnly() {
    assertTrue(parser.supports(candidate(write(fs.getPath("/p/a.csv.dvc"), "outs: []\n"))));
    assertTrue(parser.supports(candidate(write(fs.getPath("/p/Dvcfile"), "cmd: x\n"))));
    assertFalse(parser.supports(candidate(write(fs.getPath("/p/.dvcignore"), "x\n"))));
    assertFalse(parser.supports(candidate(write(fs.getPath("/p/.dvc/config"), "[core]\n"))));
    assertFalse(parser.supports(candidate(write(fs.getPath("/p/dvc.yaml"), "stages: {}\n"))));
  }
}
