package io.mlindex.server.ui;

import io.mlindex.index.RecordIndex;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.SeriesBuilder;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * A small, realistic team folder for the web UI's browser test (and the README screenshot): a data
 * notebook writes a CSV, three MLflow runs and a TensorBoard run train on it, one run's model file
 * is indexed too, and a Lightning run carries a warning. One run is indexed twice with a changed
 * learning rate, so it has history.
 */
final class UiFixtures {
  static final String ROOT = "/data/team";
  static final String DATASET = ROOT + "/cifar10/train.csv";
  static final String NOTEBOOK = ROOT + "/notebooks/prepare-cifar.ipynb";
  static final String RUN_SGD = ROOT + "/mlruns/1/8f1c2a";
  static final String RUN_ADAM = ROOT + "/mlruns/1/b7e4d9";
  static final String RUN_LONG = ROOT + "/mlruns/1/c3a0f5";
  static final String MODEL = RUN_ADAM + "/artifacts/model/model.pt";

  private UiFixtures() {}

  /** Writes the fixture records into the index (and one earlier version), commits, returns them. */
  static List<Record> write(RecordIndex index) throws IOException {
    List<Record> records = new ArrayList<>();
    records.add(notebook());
    records.add(dataset());
    records.add(mlflowRun(RUN_SGD, "resnet18-sgd", "resnet18", "sgd", 0.1, 30, 0.874, 0));
    Record adamBefore = mlflowRun(RUN_ADAM, "resnet50-adam", "resnet50", "adam", 0.003, 30, 0.902, 1);
    records.add(mlflowRun(RUN_ADAM, "resnet50-adam", "resnet50", "adam", 0.001, 30, 0.931, 1));
    records.add(mlflowRun(RUN_LONG, "resnet50-adam-long", "resnet50", "adam", 0.001, 60, 0.948, 2));
    records.add(model());
    records.add(tensorboardRun());
    records.add(lightningRun());

    put(index, adamBefore);
    index.commit();
    index.refresh();
    for (Record r : records) {
      put(index, r);
    }
    index.commit();
    index.refresh();
    return records;
  }

  private static void put(RecordIndex index, Record r) throws IOException {
    String unitPath = r.getPath();
    index.replaceUnit(
        new UnitState(UnitKeys.encode(unitPath), unitPath, ROOT, false, "fp-" + r.getId(), r.getSources(), List.of(r.getId()), null),
        List.of(r));
  }

  private static Metric series(int steps, IntToDoubleFunction value) {
    SeriesBuilder b = new SeriesBuilder();
    for (int step = 0; step < steps; step++) {
      b.add(step, value.applyAsDouble(step));
    }
    return b.build();
  }

  /** A learning curve rising from about 0.35 towards {@code best}, with a little deterministic wobble. */
  private static Metric accuracy(int epochs, double best, int seed) {
    return series(epochs, e -> best - (best - 0.35) * Math.exp(-e / (epochs / 6.0)) + 0.006 * Math.sin(e * 1.7 + seed));
  }

  private static Metric loss(int epochs, double floor, int seed) {
    return series(epochs, e -> floor + 2.1 * Math.exp(-e / (epochs / 5.0)) + 0.02 * Math.cos(e * 1.3 + seed));
  }

  private static Record mlflowRun(String path, String name, String model, String optimizer, double lr, int epochs, double best, int seed) {
    Record r = new Record(RecordKind.RUN, "mlflow", path).setName(name).setRoot(ROOT).setExperiment("cifar10-resnet");
    r.getTime().setStart(Instant.parse("2025-03-0" + (seed + 3) + "T09:1" + seed + ":00Z"));
    r.getTime().setEnd(Instant.parse("2025-03-0" + (seed + 3) + "T13:4" + seed + ":00Z"));
    r.param("model", model).param("optimizer", optimizer).param("lr", lr).param("epochs", epochs)
        .param("batch_size", 128).param("augment.random_crop", true).param("augment.flip", "horizontal");
    r.metric("val_acc", accuracy(epochs, best, seed));
    r.metric("train/loss", loss(epochs, 0.08 + seed * 0.01, seed));
    r.metric("test_acc", Metric.single(best - 0.004));
    r.tag("mlflow.user", seed == 0 ? "ana" : "ben").tag("team", "vision");
    r.getCode().setGitCommit("4ef38740a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6").setGitBranch("main")
        .setGitRemote("git@example.org:vision/cifar.git").setScript("train.py");
    r.getCode().getImports().addAll(List.of("torch", "torchvision", "mlflow"));
    r.getCode().getFrameworks().add("pytorch");
    r.getLineage().input(LineageRef.path(DATASET, "mlflow.log_input"));
    r.getLineage().output(LineageRef.path(path + "/artifacts/model/model.pt", "artifact"));
    for (String file : List.of("meta.yaml", "params/lr", "metrics/val_acc", "metrics/train/loss")) {
      r.source(path + "/" + file);
    }
    r.property("status", "FINISHED").property("run_id", path.substring(path.lastIndexOf('/') + 1));
    return r;
  }

  private static Record notebook() {
    Record r = new Record(RecordKind.NOTEBOOK, "notebook", NOTEBOOK).setName("prepare-cifar.ipynb").setRoot(ROOT);
    r.getTime().setModified(Instant.parse("2025-03-01T16:20:00Z"));
    r.getCode().getImports().addAll(List.of("pandas", "numpy", "torchvision"));
    r.getCode().getFrameworks().add("pytorch");
    r.getLineage().output(LineageRef.path(DATASET, "df.to_csv"));
    r.source(NOTEBOOK);
    r.setText("# Prepare CIFAR-10\nDownload the CIFAR-10 images and write a flat training table.\n"
        + "df = pd.DataFrame(rows)\ndf.to_csv('../cifar10/train.csv', index=False)");
    return r;
  }

  private static Record dataset() {
    Record r = new Record(RecordKind.DATASET, "csv", DATASET).setName("train.csv").setRoot(ROOT);
    r.property("rows", 50000).property("columns", List.of("image", "label")).property("delimiter", ",");
    r.setHash("sha256:9d3b1c0e5f7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c");
    r.setSize(183_500_112L);
    r.source(DATASET);
    r.setText("image label");
    return r;
  }

  private static Record model() {
    Record r = new Record(RecordKind.MODEL, "pytorch", MODEL).setName("model.pt").setRoot(ROOT);
    r.property("parameters", 23_520_842).property("framework", "pytorch").property("tensors", 320);
    r.getCode().getFrameworks().add("pytorch");
    r.setSize(94_371_840L);
    r.source(MODEL);
    return r;
  }

  private static Record tensorboardRun() {
    String path = ROOT + "/tb/vit-small/version_3";
    Record r = new Record(RecordKind.RUN, "tensorboard", path).setName("vit-small").setRoot(ROOT).setExperiment("cifar10-vit");
    r.getTime().setStart(Instant.parse("2025-03-07T08:00:00Z"));
    r.metric("val_acc", accuracy(40, 0.889, 3));
    r.metric("train/loss", loss(40, 0.15, 3));
    r.getCode().getFrameworks().add("pytorch");
    r.getLineage().input(LineageRef.path(DATASET, "hparams"));
    r.param("model", "vit_small_patch16").param("optimizer", "adamw").param("lr", 0.0005).param("epochs", 40);
    r.source(path + "/events.out.tfevents.1741334400.gpu-2");
    return r;
  }

  private static Record lightningRun() {
    String path = ROOT + "/lightning_logs/mnist/version_0";
    Record r = new Record(RecordKind.RUN, "lightning", path).setName("mnist-cnn").setRoot(ROOT).setExperiment("mnist");
    r.getTime().setStart(Instant.parse("2025-02-20T10:00:00Z"));
    r.metric("val_loss", loss(12, 0.04, 4));
    r.param("hidden", 128).param("lr", 0.01).param("optimizer", "sgd");
    r.getCode().getFrameworks().add("lightning");
    r.warn("metrics.csv: line 14 has 3 fields where the header has 4; the line was skipped");
    r.source(path + "/metrics.csv").source(path + "/hparams.yaml");
    return r;
  }
}
