package io.mlindex.parsers.dvc;

import static io.mlindex.parsers.TestTrees.view;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DvcProjectParserTest {
  private FileSystem fs;
  private Path project;
  private final DvcProjectParser parser = new DvcProjectParser();

  @BeforeEach
  void setUp() {
    fs = TestTrees.newFileSystem();
    project = fs.getPath("/repo/proj");
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private List<Record> parse() throws IOException {
    return parser.parse(view(project, fs.getPath("/repo")), new ParseContext());
  }

  static Record stage(List<Record> records, String name) {
    return records.stream()
        .filter(r -> r.getKind() == RecordKind.STAGE && name.equals(r.getProperties().get("stage")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stage " + name + " in " + records));
  }

  static Record at(List<Record> records, String path, RecordKind kind) {
    return records.stream()
        .filter(r -> r.getKind() == kind && r.getPath().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " at " + path + " in " + records));
  }

  static LineageRef ref(List<LineageRef> refs, String path) {
    return refs.stream().filter(r -> path.equals(r.path())).findFirst()
        .orElseThrow(() -> new AssertionError("no reference " + path + " in " + refs));
  }

  private static final String LOCK_V2 =
      "schema: '2.0'\n"
          + "stages:\n"
          + "  prepare:\n"
          + "    cmd: python src/prepare.py data/data.xml\n"
          + "    deps:\n"
          + "    - path: data/data.xml\n"
          + "      hash: md5\n"
          + "      md5: 22a1a2931c8370d3aeedd7183606fd7f\n"
          + "      size: 14445097\n"
          + "    params:\n"
          + "      params.yaml:\n"
          + "        prepare.seed: 20170428\n"
          + "        prepare.split: 0.2\n"
          + "    outs:\n"
          + "    - path: data/prepared\n"
          + "      hash: md5\n"
          + "      md5: 153aad06d376b6595932470e459ef42a.dir\n"
          + "      size: 8437363\n"
          + "      nfiles: 2\n"
          + "  train:\n"
          + "    cmd: python src/train.py\n"
          + "    deps:\n"
          + "    - path: data/prepared\n"
          + "      md5: 153aad06d376b6595932470e459ef42a.dir\n"
          + "      size: 8437363\n"
          + "      nfiles: 2\n"
          + "    params:\n"
          + "      params.yaml:\n"
          + "        model:\n"
          + "          units: 24\n"
          + "        train:\n"
          + "          epochs: 10\n"
          + "    outs:\n"
          + "    - path: model.pkl\n"
          + "      md5: d1f6e055f7f5e2827fcfae68d9b64d4c\n"
          + "      size: 1958115\n";

  private static final String YAML =
      "stages:\n"
          + "  prepare:\n"
          + "    cmd: python src/prepare.py data/data.xml\n"
          + "    deps: [data/data.xml]\n"
          + "    params: [prepare.seed, prepare.split]\n"
          + "    outs: [data/prepared]\n"
          + "  train:\n"
          + "    cmd: python src/train.py\n"
          + "    deps: [data/prepared]\n"
          + "    params:\n"
          + "    - params.yaml:\n"
          + "    outs: [model.pkl]\n";

  @Test
  void lockSchema2StagesCarryCommandParamsAndHashedLineage() throws IOException {
    write(project.resolve("dvc.yaml"), YAML);
    write(project.resolve("dvc.lock"), LOCK_V2);
    List<Record> records = parse();

    Record prepare = stage(records, "prepare");
    assertEquals("dvc", prepare.getFormat());
    assertEquals("/repo/proj/dvc.lock", prepare.getPath());
    assertEquals("prepare", prepare.getName());
    assertEquals("python src/prepare.py data/data.xml", prepare.getProperties().get("cmd"));
    assertEquals("2.0", prepare.getProperties().get("schema"));
    assertEquals("dvc.lock", prepare.getProperties().get("source"));
    assertEquals(20170428L, prepare.getParams().get("prepare.seed"));
    assertEquals(0.2, prepare.getParams().get("prepare.split"));
    LineageRef in = ref(prepare.getLineage().getInputs(), "/repo/proj/data/data.xml");
    assertEquals("md5:22a1a2931c8370d3aeedd7183606fd7f", in.hash());
    assertEquals(14445097L, in.size());
    assertEquals("deps", in.via());
    LineageRef out = ref(prepare.getLineage().getOutputs(), "/repo/proj/data/prepared");
    assertEquals("md5:153aad06d376b6595932470e459ef42a.dir", out.hash());
    assertEquals("dir", out.kind());
    assertEquals(8437363L, out.size());
    assertTrue(prepare.getSources().contains("/repo/proj/dvc.lock"));
    assertTrue(prepare.getSources().contains("/repo/proj/dvc.yaml"));
    assertTrue(prepare.getWarnings().isEmpty(), prepare.getWarnings().toString());

    Record train = stage(records, "train");
    assertEquals(24L, train.getParams().get("model.units"));
    assertEquals(10L, train.getParams().get("train.epochs"));
    assertEquals("md5:d1f6e055f7f5e2827fcfae68d9b64d4c", ref(train.getLineage().getOutputs(), "/repo/proj/model.pkl").hash());
  }

  @Test
  void stageIdsAreStableAndDistinct() throws IOException {
    write(project.resolve("dvc.yaml"), YAML);
    write(project.resolve("dvc.lock"), LOCK_V2);
    List<Record> first = parse();
    List<Record> second = parse();
    assertEquals(stage(first, "prepare").getId(), stage(second, "prepare").getId());
    assertFalse(stage(first, "prepare").getId().equals(stage(first, "train").getId()));
  }

  @Test
  void lockSchema1LayoutIsRead() throws IOException {
    write(project.resolve("dvc.yaml"), "stages:\n  featurize:\n    cmd: python featurize.py\n    deps: [data]\n    outs: [features]\n");
    write(project.resolve("dvc.lock"),
        "featurize:\n"
            + "  cmd: python featurize.py\n"
            + "  deps:\n"
            + "  - path: data\n"
            + "    md5: 0123456789abcdef0123456789abcdef.dir\n"
            + "  params:\n"
            + "    params.yaml:\n"
            + "      featurize.ngrams: 2\n"
            + "  outs:\n"
            + "  - path: features\n"
            + "    md5: fedcba9876543210fedcba9876543210.dir\n");
    Record r = stage(parse(), "featurize");
    assertEquals("1.0", r.getProperties().get("schema"));
    assertEquals(2L, r.getParams().get("featurize.ngrams"));
    assertEquals("md5:0123456789abcdef0123456789abcdef.dir", ref(r.getLineage().getInputs(), "/repo/proj/data").hash());
    assertEquals("md5:fedcba9876543210fedcba9876543210.dir", ref(r.getLineage().getOutputs(), "/repo/proj/features").hash());
  }

  @Test
  void wdirAndParentPathsAreResolved() throws IOException {
    write(project.resolve("dvc.yaml"),
        "stages:\n  train:\n    wdir: code\n    cmd: python train.py\n    deps: [../data/train.csv, train.py]\n    outs: [../models/m.pt]\n");
    write(project.resolve("dvc.lock"),
        "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    deps:\n"
            + "    - path: ../data/train.csv\n      md5: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n      size: 10\n"
            + "    - path: train.py\n      md5: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n      size: 20\n"
            + "    outs:\n    - path: ../models/m.pt\n      md5: cccccccccccccccccccccccccccccccc\n      size: 30\n");
    Record r = stage(parse(), "train");
    assertEquals("code", r.getProperties().get("wdir"));
    assertEquals(10L, ref(r.getLineage().getInputs(), "/repo/proj/data/train.csv").size());
    assertEquals(20L, ref(r.getLineage().getInputs(), "/repo/proj/code/train.py").size());
    assertEquals(30L, ref(r.getLineage().getOutputs(), "/repo/proj/models/m.pt").size());
  }

  @Test
  void declaredOnlyStagesTakeParamsFromTheParamsFiles() throws IOException {
    write(project.resolve("params.yaml"), "train:\n  lr: 0.01\n  epochs: 5\nseed: 7\nunused: x\n");
    write(project.resolve("conf/extra.json"), "{\"batch\": {\"size\": 64}, \"other\": 1}");
    write(project.resolve("dvc.yaml"),
        "stages:\n"
            + "  train:\n"
            + "    cmd: python train.py\n"
            + "    deps: [data]\n"
            + "    params:\n"
            + "    - train\n"
            + "    - seed\n"
            + "    - missing.key\n"
            + "    - conf/extra.json: [batch.size]\n"
            + "    outs: [model.pt]\n"
            + "    metrics:\n"
            + "    - scores.json:\n"
            + "        cache: false\n");
    List<Record> records = parse();
    Record r = stage(records, "train");
    assertEquals("/repo/proj/dvc.yaml", r.getPath());
    assertEquals("dvc.yaml", r.getProperties().get("source"));
    assertEquals(0.01, r.getParams().get("train.lr"));
    assertEquals(5L, r.getParams().get("train.epochs"));
    assertEquals(7L, r.getParams().get("seed"));
    assertEquals(64L, r.getParams().get("batch.size"));
    assertFalse(r.getParams().containsKey("unused"));
    assertFalse(r.getParams().containsKey("other"));
    assertTrue(r.getWarnings().stream().anyMatch(w -> w.contains("missing.key")), r.getWarnings().toString());
    assertNull(ref(r.getLineage().getInputs(), "/repo/proj/data").hash());
    ref(r.getLineage().getOutputs(), "/repo/proj/model.pt");
    ref(r.getLineage().getOutputs(), "/repo/proj/scores.json");
    assertTrue(r.getSources().contains("/repo/proj/params.yaml"));
    assertTrue(r.getSources().contains("/repo/proj/conf/extra.json"));
    // both params files get a record of their own
    Record params = at(records, "/repo/proj/params.yaml", RecordKind.RUN);
    assertEquals(0.01, params.getParams().get("train.lr"));
    assertEquals("proj/params.yaml", params.getName());
    assertEquals(1L, at(records, "/repo/proj/conf/extra.json", RecordKind.RUN).getParams().get("other"));
  }

  @Test
  void foreachStagesResolvedByTheLockAndExpandedWithoutOne() throws IOException {
    write(project.resolve("params.yaml"), "regions: [us, eu]\n");
    write(project.resolve("dvc.yaml"),
        "stages:\n"
            + "  build:\n"
            + "    foreach: ${regions}\n"
            + "    do:\n"
            + "      wdir: work\n"
            + "      cmd: python build.py ${item}\n"
            + "      outs:\n"
            + "      - out/${item}.csv\n"
            + "  grid:\n"
            + "    matrix:\n"
            + "      lr: [0.1, 0.01]\n"
            + "      model: [a, b]\n"
            + "    cmd: python fit.py --lr ${item.lr} --model ${item.model}\n");
    write(project.resolve("dvc.lock"),
        "schema: '2.0'\nstages:\n  build@us:\n    cmd: python build.py us\n    outs:\n"
            + "    - path: out/us.csv\n      md5: dddddddddddddddddddddddddddddddd\n      size: 5\n");
    List<Record> records = parse();
    Record us = stage(records, "build@us");
    assertEquals("/repo/proj/dvc.lock", us.getPath());
    assertEquals("build", us.getProperties().get("template"));
    assertEquals(5L, ref(us.getLineage().getOutputs(), "/repo/proj/work/out/us.csv").size());
    Record eu = stage(records, "build@eu");
    assertEquals("/repo/proj/dvc.yaml", eu.getPath());
    assertEquals("python build.py eu", eu.getProperties().get("cmd"));
    ref(eu.getLineage().getOutputs(), "/repo/proj/work/out/eu.csv");
    assertEquals("python fit.py --lr 0.01 --model b", stage(records, "grid@0.01-b").getProperties().get("cmd"));
    assertEquals(4, records.stream().filter(r -> r.getName().startsWith("grid@")).count());
    Record pipeline = at(records, "/repo/proj/dvc.yaml", RecordKind.EXPERIMENT);
    assertEquals(List.of("build", "grid"), pipeline.getProperties().get("stages"));
    assertEquals(6, pipeline.getProperties().get("stage_count"));
  }

  @Test
  void invalidDvcYamlIsAWarningWithLineAndTheLockIsStillRead() throws IOException {
    write(project.resolve("dvc.yaml"), "stages:\n  prepare:\n    cmd: python a.py\n    deps: [unclosed\n  train:\n");
    write(project.resolve("dvc.lock"), LOCK_V2);
    List<Record> records = parse();
    Record pipeline = at(records, "/repo/proj/dvc.yaml", RecordKind.EXPERIMENT);
    String w = String.join("\n", pipeline.getWarnings());
    assertTrue(w.contains("dvc.yaml") && w.contains("not valid YAML") && w.contains("line ") && w.contains("column "), w);
    Record prepare = stage(records, "prepare");
    assertEquals("python src/prepare.py data/data.xml", prepare.getProperties().get("cmd"));
    assertEquals(2, records.stream().filter(r -> r.getKind() == RecordKind.STAGE).count());
  }

  @Test
  void pipelineRecordDescribesDvcYaml() throws IOException {
    write(project.resolve("dvc.yaml"),
        "artifacts:\n  clf:\n    path: models/clf.pkl\n    type: model\n"
            + "params: [extra.yaml]\n"
            + "metrics: [eval/metrics.json]\n"
            + "plots:\n- eval/roc.json\n- Confusion:\n    x: actual\n"
            + "stages:\n  evaluate:\n    cmd: python eval.py\n    metrics: [eval/stage.json]\n    plots: [eval/plot.csv]\n");
    Record p = at(parse(), "/repo/proj/dvc.yaml", RecordKind.EXPERIMENT);
    assertEquals(List.of("evaluate"), p.getProperties().get("stages"));
    assertEquals(List.of("eval/metrics.json", "eval/stage.json"), p.getProperties().get("declared_metrics"));
    assertEquals(2, p.getProperties().get("declared_plots"));
    assertEquals(List.of("clf"), p.getProperties().get("artifacts"));
    assertEquals(List.of("extra.yaml"), p.getProperties().get("params_files"));
    LineageRef clf = ref(p.getLineage().getOutputs(), "/repo/proj/models/clf.pkl");
    assertEquals("model", clf.kind());
    assertEquals("proj", p.getName());
  }

  @Test
  void declaredMetricsFilesInJsonYamlAndTomlAreFlattened() throws IOException {
    write(project.resolve("dvc.yaml"),
        "metrics: [m.json, m.yaml, m.toml]\nstages:\n  s:\n    wdir: sub\n    cmd: x\n    metrics: [stage.json]\n");
    write(project.resolve("m.json"), "{\"eval\": {\"acc\": 0.9, \"loss\": NaN}, \"name\": \"text\", \"best\": Infinity}");
    write(project.resolve("m.yaml"), "train:\n  loss: 0.25\nflag: true\n");
    write(project.resolve("m.toml"), "[test]\nf1 = 0.75\nmax_err = inf\n[test.nested]\nn = 3\n");
    write(project.resolve("sub/stage.json"), "{\"auc\": 0.5}");
    List<Record> records = parse();
    Record json = at(records, "/repo/proj/m.json", RecordKind.RUN);
    assertEquals("metrics", json.getProperties().get("role"));
    assertEquals(0.9, json.getMetrics().get("eval.acc").last());
    assertTrue(Double.isNaN(json.getMetrics().get("eval.loss").last()));
    assertNull(json.getMetrics().get("eval.loss").min());
    assertEquals(Double.POSITIVE_INFINITY, json.getMetrics().get("best").last());
    assertFalse(json.getMetrics().containsKey("name"));
    Record yaml = at(records, "/repo/proj/m.yaml", RecordKind.RUN);
    assertEquals(0.25, yaml.getMetrics().get("train.loss").last());
    assertFalse(yaml.getMetrics().containsKey("flag"));
    Record toml = at(records, "/repo/proj/m.toml", RecordKind.RUN);
    assertEquals(0.75, toml.getMetrics().get("test.f1").last());
    assertEquals(Double.POSITIVE_INFINITY, toml.getMetrics().get("test.max_err").last());
    assertEquals(3.0, toml.getMetrics().get("test.nested.n").last());
    assertEquals(0.5, at(records, "/repo/proj/sub/stage.json", RecordKind.RUN).getMetrics().get("auc").last());
  }

  @Test
  void brokenMetricsFileIsAWarningOnItsRecord() throws IOException {
    write(project.resolve("dvc.yaml"), "metrics: [m.toml, empty.json]\nstages: {}\n");
    write(project.resolve("m.toml"), "[test\nf1 = 0.75\n");
    write(project.resolve("empty.json"), "");
    List<Record> records = parse();
    String w = String.join("\n", at(records, "/repo/proj/m.toml", RecordKind.RUN).getWarnings());
    assertTrue(w.contains("not valid TOML") && w.contains("line 1"), w);
    assertTrue(String.join("\n", at(records, "/repo/proj/empty.json", RecordKind.RUN).getWarnings()).contains("empty"));
  }

  @Test
  void stageWithNoOutsHasOnlyInputs() throws IOException {
    write(project.resolve("dvc.yaml"), "stages:\n  check:\n    cmd: pytest\n    deps: [src]\n");
    write(project.resolve("dvc.lock"),
        "schema: '2.0'\nstages:\n  check:\n    cmd: pytest\n    deps:\n    - path: src\n      md5: eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.dir\n      size: 9\n      nfiles: 3\n");
    Record r = stage(parse(), "check");
    assertTrue(r.getLineage().getOutputs().isEmpty());
    assertEquals(1, r.getLineage().getInputs().size());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void emptyFilesAreWarnedAbout() throws IOException {
    write(project.resolve("dvc.yaml"), "");
    write(project.resolve("dvc.lock"), "");
    List<Record> records = parse();
    Record pipeline = at(records, "/repo/proj/dvc.yaml", RecordKind.EXPERIMENT);
    String w = String.join("\n", pipeline.getWarnings());
    assertTrue(w.contains("dvc.yaml is empty") && w.contains("dvc.lock is empty"), w);
    assertEquals(0, records.stream().filter(r -> r.getKind() == RecordKind.STAGE).count());
  }

  @Test
  void lockedStageMissingFromDvcYamlIsKeptWithAWarning() throws IOException {
    write(project.resolve("dvc.yaml"), "stages:\n  prepare:\n    cmd: python src/prepare.py data/data.xml\n");
    write(project.resolve("dvc.lock"), LOCK_V2);
    Record train = stage(parse(), "train");
    assertTrue(train.getWarnings().stream().anyMatch(w -> w.contains("not in dvc.yaml")), train.getWarnings().toString());
  }

  @Test
  void invalidLockWithoutDvcYamlIsOneRecordWithAWarning() throws IOException {
    write(project.resolve("dvc.lock"), "schema: '2.0'\nstages:\n  a: [\n");
    List<Record> records = parse();
    assertEquals(1, records.size());
    Record r = records.get(0);
    assertEquals("/repo/proj/dvc.lock", r.getPath());
    String w = String.join("\n", r.getWarnings());
    assertTrue(w.contains("dvc.lock is not valid YAML (line"), w);
  }

  @Test
  void lockWithoutDvcYamlGivesStagesOnly() throws IOException {
    write(project.resolve("dvc.lock"), LOCK_V2);
    write(project.resolve("params.yaml"), "prepare:\n  seed: 1\n");
    List<Record> records = parse();
    assertEquals(2, records.stream().filter(r -> r.getKind() == RecordKind.STAGE).count());
    assertTrue(stage(records, "train").getWarnings().isEmpty());
    assertEquals(0, records.stream().filter(r -> r.getKind() == RecordKind.EXPERIMENT).count());
    assertNotNull(at(records, "/repo/proj/params.yaml", RecordKind.RUN));
  }

  @Test
  void remoteAndImportedDependenciesAreNamedReferences() throws IOException {
    write(project.resolve("dvc.lock"),
        "schema: '2.0'\nstages:\n  fetch:\n    cmd: dvc get\n    deps:\n"
            + "    - path: s3://bucket/raw.csv\n      etag: abc123\n      size: 7\n"
            + "    outs:\n    - path: raw.csv\n      md5: ffffffffffffffffffffffffffffffff\n");
    Record r = stage(parse(), "fetch");
    LineageRef in = r.getLineage().getInputs().get(0);
    assertNull(in.path());
    assertEquals("s3://bucket/raw.csv", in.ref());
    assertEquals("etag:abc123", in.hash());
  }

  @Test
  void claimsProjectsButNotDvcLiveFolders() {
    write(project.resolve("dvc.yaml"), "stages: {}\n");
    assertTrue(parser.claims(view(project)));
    Path live = project.resolve("dvclive");
    write(live.resolve("dvc.yaml"), "metrics: [metrics.json]\n");
    write(live.resolve("metrics.json"), "{}");
    assertFalse(parser.claims(view(live)));
    Path other = project.resolve("other");
    write(other.resolve("params.yaml"), "a: 1\n");
    assertFalse(parser.claims(view(other)));
  }
}
