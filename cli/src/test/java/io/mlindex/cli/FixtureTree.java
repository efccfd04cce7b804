package io.mlindex.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small ML work tree written by the tests: an MLflow experiment with three runs (accuracy 0.95,
 * 0.91 and 0.72; one without accuracy), two notebooks (one using sklearn) and some noise.
 */
final class FixtureTree {
  private FixtureTree() {}

  static Path write(Path root) throws IOException {
    Path exp = root.resolve("mlruns/1");
    put(exp.resolve("meta.yaml"), "experiment_id: '1'\nname: churn\nlifecycle_stage: active\nartifact_location: file:///x\n");
    run(exp, "aaa", "gbm-deep", "0.95", "0.001");
    run(exp, "bbb", "gbm-wide", "0.91", "0.01");
    run(exp, "ccc", "logreg", "0.72", "0.1");
    Path noAcc = exp.resolve("ddd");
    put(noAcc.resolve("meta.yaml"), "run_id: ddd\nrun_name: crashed\nstatus: 4\n");
    put(noAcc.resolve("params/lr"), "0.5");
    put(root.resolve("notebooks/train.ipynb"), notebook("import pandas as pd\\nfrom sklearn.ensemble import GradientBoostingClassifier"));
    put(root.resolve("notebooks/plot.ipynb"), notebook("import matplotlib.pyplot as plt"));
    put(root.resolve("notebooks/.ipynb_checkpoints/train-checkpoint.ipynb"), notebook("import sklearn"));
    put(root.resolve("notebooks/broken.ipynb"), "{\"cells\": [");
    put(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    return root;
  }

  private static void run(Path exp, String id, String name, String accuracy, String lr) throws IOException {
    Path run = exp.resolve(id);
    put(run.resolve("meta.yaml"), "run_id: " + id + "\nrun_name: " + name + "\nexperiment_id: '1'\nstatus: 3\nstart_time: 1700000000000\n");
    put(run.resolve("params/lr"), lr);
    put(run.resolve("params/model"), "gbm");
    put(run.resolve("metrics/accuracy"), "1700000001000 0.5 0\n1700000002000 " + accuracy + " 1\n");
    put(run.resolve("tags/mlflow.source.git.commit"), "c0ffee" + id);
  }

  private static String notebook(String code) {
    return "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {\"kernelspec\": {\"name\": \"python3\"}},"
        + " \"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"execution_count\": 1, \"outputs\": [],"
        + " \"source\": \"" + code + "\"}]}";
  }

  static void put(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
