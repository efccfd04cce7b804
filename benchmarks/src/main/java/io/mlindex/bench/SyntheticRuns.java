package io.mlindex.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * One synthetic run in each of the formats besides MLflow and notebooks that the benchmark tree
 * mixes in: a Lightning CSV logger version folder, a Hydra output folder, a Hugging Face Trainer
 * output, a TensorBoard event file and a W&B offline run folder. Each writes the files the real tool
 * writes, with small but real content, and returns how many files it wrote.
 */
final class SyntheticRuns {
  private static final int STEPS = 20;

  private SyntheticRuns() {}

  static long lightning(Path logs, int i, Random random) throws IOException {
    Path version = logs.resolve("version_" + i);
    put(version.resolve("hparams.yaml"), "lr: " + random.nextDouble() / 100 + "\nbatch_size: " + (16 << random.nextInt(4))
        + "\nmodel: resnet" + (18 << random.nextInt(3)) + "\n");
    StringBuilder csv = new StringBuilder("epoch,step,train_loss,val_acc\n");
    for (int step = 0; step < STEPS; step++) {
      csv.append(step).append(',').append(step * 100).append(',').append(random.nextDouble()).append(',')
          .append(random.nextDouble()).append('\n');
    }
    put(version.resolve("metrics.csv"), csv.toString());
    return 2;
  }

  static long hydra(Path outputs, int i, Random random) throws IOException {
    Path run = hydraRunDir(outputs, i);
    double lr = random.nextDouble() / 100;
    put(run.resolve(".hydra/config.yaml"), "optimizer:\n  name: adam\n  lr: " + lr + "\ntrainer:\n  max_epochs: " + (1 + random.nextInt(90)) + "\n");
    put(run.resolve(".hydra/overrides.yaml"), "- optimizer.lr=" + lr + "\n");
    put(run.resolve(".hydra/hydra.yaml"), "hydra:\n  job:\n    name: train\n  runtime:\n    version: 1.3.2\n");
    put(run.resolve("train.log"), "[2026-01-01 00:00:00,000][__main__][INFO] - epoch 1 loss 0.5\n");
    return 4;
  }

  static long trainerState(Path output, int i, Random random) throws IOException {
    Path dir = output.resolve("hf-run-" + i);
    StringBuilder history = new StringBuilder();
    for (int step = 1; step <= STEPS; step++) {
      history.append(step > 1 ? "," : "").append("{\"epoch\": ").append(step / 10.0).append(", \"step\": ").append(step * 50)
          .append(", \"loss\": ").append(random.nextDouble()).append(", \"learning_rate\": 5e-05}");
    }
    put(dir.resolve("trainer_state.json"), "{\"best_metric\": " + random.nextDouble() + ", \"epoch\": 2.0, \"global_step\": "
        + STEPS * 50 + ", \"log_history\": [" + history + "]}");
    put(dir.resolve("config.json"), "{\"architectures\": [\"BertForSequenceClassification\"], \"model_type\": \"bert\","
        + " \"hidden_size\": 768, \"num_hidden_layers\": 12}");
    return 2;
  }

  static long tensorboard(Path logs, int i, Random random) throws IOException {
    Path file = logs.resolve("run-" + i).resolve("events.out.tfevents.1700000000.bench." + i + ".v2");
    Files.createDirectories(file.getParent());
    try (TfRecordFramer out = new TfRecordFramer(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.record(TfRecordFramer.message(o -> {
        o.writeDouble(1, 1700000000.0);
        o.writeString(3, "brain.Event:2");
      }));
      for (int step = 0; step < STEPS; step++) {
        long s = step;
        float loss = (float) random.nextDouble();
        float acc = (float) random.nextDouble();
        byte[] summary = TfRecordFramer.message(o -> {
          o.writeByteArray(1, TfRecordFramer.message(v -> {
            v.writeString(1, "epoch_loss");
            v.writeFloat(2, loss);
          }));
          o.writeByteArray(1, TfRecordFramer.message(v -> {
            v.writeString(1, "epoch_accuracy");
            v.writeFloat(2, acc);
          }));
        });
        out.record(TfRecordFramer.message(o -> {
          o.writeDouble(1, 1700000000.0 + s);
          o.writeInt64(2, s);
          o.writeByteArray(5, summary);
        }));
      }
    }
    return 1;
  }

  static long wandb(Path wandb, int i, Random random) throws IOException {
    Path run = wandbRunDir(wandb, i);
    put(run.resolve("files/config.yaml"), "wandb_version: 1\n\nlr:\n  desc: null\n  value: " + random.nextDouble() / 100
        + "\nepochs:\n  desc: null\n  value: " + (1 + random.nextInt(50)) + "\n");
    put(run.resolve("files/wandb-summary.json"), "{\"loss\": " + random.nextDouble() + ", \"accuracy\": " + random.nextDouble()
        + ", \"_step\": " + STEPS + "}");
    put(run.resolve("files/wandb-metadata.json"), "{\"program\": \"train.py\", \"python\": \"3.11.4\", \"host\": \"bench\"}");
    return 3;
  }

  /** Hydra's default layout: outputs/<date>/<time>. */
  static Path hydraRunDir(Path outputs, int i) {
    return outputs.resolve(String.format(Locale.ROOT, "2026-01-%02d/%02d-%02d-%02d", 1 + i % 28, i % 24, i % 60, (i / 60) % 60));
  }

  /** W&B's offline run folder: offline-run-<date>_<time>-<id>. */
  static Path wandbRunDir(Path wandb, int i) {
    return wandb.resolve(String.format(Locale.ROOT, "offline-run-20260101_%06d-b%07d", i % 240000, i));
  }

  static void put(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
