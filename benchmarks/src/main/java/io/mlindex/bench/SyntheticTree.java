package io.mlindex.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic tree of N "runs" in mixed formats: of every ten, three MLflow runs (meta,
 * params, metric series, tags), one notebook, one each of Lightning, Hydra, Hugging Face Trainer,
 * TensorBoard and W&B offline (see {@link SyntheticRuns}), and one unit of the noise real trees hold
 * (scripts and logs). Seeded, so that two trees of the same size are identical.
 */
final class SyntheticTree {
  private SyntheticTree() {}

  /** Writes {@code runs} units under {@code root}; returns the number of files written. */
  static long write(Path root, int runs, long seed) throws IOException {
    Random random = new Random(seed);
    long files = 0;
    for (int i = 0; i < runs; i++) {
      Path project = root.resolve(String.format(Locale.ROOT, "team-%02d/project-%04d", i % 37, i / 100));
      files += switch (i % 10) {
        case 0, 1, 2 -> mlflowRun(project.resolve("mlruns/1"), i, random);
        case 3 -> notebook(project.resolve("notebooks"), i, random);
        case 4 -> SyntheticRuns.lightning(project.resolve("lightning_logs"), i, random);
        case 5 -> SyntheticRuns.hydra(project.resolve("outputs"), i, random);
        case 6 -> SyntheticRuns.trainerState(project.resolve("hf"), i, random);
        case 7 -> SyntheticRuns.tensorboard(project.resolve("tb"), i, random);
        case 8 -> SyntheticRuns.wandb(project.resolve("wandb"), i, random);
        default -> noise(project.resolve("src"), i);
      };
    }
    return files;
  }

  /** Rewrites one file of roughly {@code percent}% of the units (a metric gains a line, a notebook a cell). */
  static int touch(Path root, int runs, double percent, long seed) throws IOException {
    Random random = new Random(seed);
    int changed = 0;
    for (int i = 0; i < runs; i++) {
      if (random.nextDouble() * 100 >= percent) {
        continue;
      }
      Path project = root.resolve(String.format(Locale.ROOT, "team-%02d/project-%04d", i % 37, i / 100));
      String at = switch (i % 10) {
        case 0, 1, 2 -> "mlruns/1/run-" + i + "/metrics/loss";
        case 3 -> "notebooks/nb-" + i + ".ipynb";
        case 4 -> "lightning_logs/version_" + i + "/metrics.csv";
        case 5 -> project.relativize(SyntheticRuns.hydraRunDir(project.resolve("outputs"), i).resolve("train.log")).toString();
        case 6 -> "hf/hf-run-" + i + "/trainer_state.json";
        case 7 -> "tb/run-" + i + "/events.out.tfevents.1700000000.bench." + i + ".v2";
        case 8 -> project.relativize(SyntheticRuns.wandbRunDir(project.resolve("wandb"), i).resolve("files/wandb-summary.json")).toString();
        default -> "src/train_" + i + ".py";
      };
      Path f = project.resolve(at);
      if (Files.exists(f)) {
        String name = f.getFileName().toString();
        if (name.equals("loss")) {
          Files.writeString(f, "1800000000000 0.01 99\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } else if (name.equals("metrics.csv")) {
          Files.writeString(f, "20,2000,0.01,0.99\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } else if (name.endsWith(".json")) {
          Files.writeString(f, " ", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND); // still valid JSON
        } else if (!name.startsWith("events.out.tfevents")) { // an event file only gets a new time
          Files.writeString(f, Files.readString(f).replace("0.5", "0.6"), StandardCharsets.UTF_8);
        }
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        changed++;
      }
    }
    return changed;
  }

  private static long mlflowRun(Path experiment, int i, Random random) throws IOException {
    if (!Files.exists(experiment.resolve("meta.yaml"))) {
      put(experiment.resolve("meta.yaml"), "experiment_id: '1'\nname: bench\nlifecycle_stage: active\n");
    }
    Path run = experiment.resolve("run-" + i);
    put(run.resolve("meta.yaml"), "run_id: run" + i + "\nrun_name: run-" + i + "\nstatus: 3\nstart_time: 1700000000000\n");
    put(run.resolve("params/lr"), String.valueOf(random.nextDouble() / 100));
    put(run.resolve("params/batch_size"), String.valueOf(16 << random.nextInt(4)));
    put(run.resolve("params/optimizer"), random.nextBoolean() ? "adam" : "sgd");
    for (String metric : new String[] {"loss", "accuracy", "val_accuracy"}) {
      StringBuilder sb = new StringBuilder();
      for (int step = 0; step < 20; step++) {
        sb.append(1700000000000L + step * 1000).append(' ').append(random.nextDouble()).append(' ').append(step).append('\n');
      }
      put(run.resolve("metrics/" + metric), sb.toString());
    }
    put(run.resolve("tags/mlflow.runName"), "run-" + i);
    put(run.resolve("tags/mlflow.source.git.commit"), Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
    return 9;
  }

  private static long notebook(Path dir, int i, Random random) throws IOException {
    String nb = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {\"kernelspec\": {\"name\": \"python3\"},"
        + " \"language_info\": {\"name\": \"python\"}}, \"cells\": ["
        + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"# Experiment " + i + "\"},"
        + "{\"cell_type\": \"code\", \"metadata\": {\"tags\": [\"parameters\"]}, \"execution_count\": 1, \"outputs\": [],"
        + " \"source\": \"alpha = 0.5\\nepochs = " + (1 + random.nextInt(50)) + "\"},"
        + "{\"cell_type\": \"code\", \"metadata\": {}, \"execution_count\": 2, \"outputs\": [],"
        + " \"source\": \"import pandas as pd\\nfrom sklearn.linear_model import LogisticRegression\\ndf = pd.read_csv('data.csv')\"}]}";
    put(dir.resolve("nb-" + i + ".ipynb"), nb);
    return 1;
  }

  private static long noise(Path dir, int i) throws IOException {
    put(dir.resolve("train_" + i + ".py"), "import torch\nalpha = 0.5\nprint('hello')\n");
    put(dir.resolve("run_" + i + ".log"), "epoch 1 loss 0.5\n");
    return 2;
  }

  private static void put(Path file, String text) throws IOException {
    SyntheticRuns.put(file, text);
  }
}
