package io.mlindex.bench;

import io.mlindex.index.RecordIndex;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.SeriesBuilder;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Varied synthetic records written straight into an index (no files, no parsing): runs of several
 * formats with params, metrics (some with series) and tags, notebooks and documents with text,
 * models and datasets with properties. Record {@code i} of a seed is always the same.
 */
final class GeneratedRecords {
  static final String[] OPTIMIZERS = {"adam", "sgd", "adamw", "rmsprop"};
  static final String[] TEAMS = {"vision", "nlp", "tabular", "speech", "rl", "infra", "ranking", "ads"};
  static final String[] RUN_FORMATS = {"mlflow", "tensorboard", "lightning", "wandb", "hydra", "sacred", "hf-trainer", "keras-csv"};
  static final String[] MODELS = {"resnet50", "bert-base", "gbm", "logreg", "vit-b16", "unet", "gpt2", "xgboost"};
  static final String[] WORDS = {"train", "validation", "resnet", "loss", "accuracy", "dataset", "epoch", "learning",
      "rate", "schedule", "augment", "transformer", "embedding", "cifar", "imagenet", "gradient", "checkpoint", "token",
      "batch", "dropout", "optimizer", "warmup", "evaluation", "baseline", "ablation", "feature", "pipeline", "model"};

  private GeneratedRecords() {}

  static Record record(long i, Random random) {
    int k = random.nextInt(100);
    String exp = "exp-" + (i % 500);
    Record r;
    if (k < 70) {
      String format = RUN_FORMATS[random.nextInt(RUN_FORMATS.length)];
      r = new Record(RecordKind.RUN, format, "/bench/" + exp + "/run-" + i);
      r.param("lr", Math.pow(10, -1 - 4 * random.nextDouble()));
      r.param("optimizer", OPTIMIZERS[random.nextInt(OPTIMIZERS.length)]);
      r.param("batch_size", 16 << random.nextInt(5));
      r.param("layers", 2 + random.nextInt(150));
      r.param("dropout", Math.round(random.nextDouble() * 50) / 100.0);
      r.param("model", MODELS[random.nextInt(MODELS.length)]);
      double acc = 0.5 + 0.5 * random.nextDouble();
      if (random.nextInt(10) == 0) {
        SeriesBuilder s = new SeriesBuilder();
        for (int step = 0; step < 50; step++) {
          s.add(step, acc * (1 - Math.exp(-step / 10.0)));
        }
        r.metric("val_acc", s.build());
      } else {
        r.metric("val_acc", Metric.single(acc));
      }
      r.metric("loss", Metric.single(2 * random.nextDouble()));
      r.metric("f1", Metric.single(acc - 0.05 * random.nextDouble()));
      r.getCode().getImports().add(random.nextBoolean() ? "torch" : "sklearn");
    } else if (k < 80) {
      r = new Record(RecordKind.NOTEBOOK, "notebook", "/bench/" + exp + "/nb-" + i + ".ipynb");
      r.setText(words(random, 60));
      r.getCode().getImports().add(random.nextBoolean() ? "pandas" : "torch");
    } else if (k < 90) {
      r = new Record(RecordKind.MODEL, random.nextBoolean() ? "onnx" : "safetensors", "/bench/" + exp + "/model-" + i);
      r.property("parameters", (long) random.nextInt(500_000_000));
      r.property("framework", random.nextBoolean() ? "pytorch" : "tensorflow");
    } else if (k < 95) {
      r = new Record(RecordKind.DATASET, random.nextBoolean() ? "csv" : "parquet", "/bench/" + exp + "/data-" + i);
      r.property("rows", (long) random.nextInt(10_000_000));
      r.property("columns", 1 + random.nextInt(200));
    } else {
      r = new Record(RecordKind.DOCUMENT, random.nextBoolean() ? "pdf" : "markdown", "/bench/" + exp + "/doc-" + i);
      r.setText(words(random, 200));
    }
    r.setName(r.getKind().id() + "-" + i);
    r.setRoot("/bench");
    r.setExperiment(exp);
    r.tag("team", TEAMS[random.nextInt(TEAMS.length)]);
    r.getTime().setStart(Instant.ofEpochSecond(1_700_000_000L + i * 60));
    return r;
  }

  static String words(Random random, int n) {
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < n; w++) {
      sb.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
    }
    return sb.toString();
  }

  /** Writes (or rewrites) one record as its own unit, the way a crawl writes a run folder. */
  static void put(RecordIndex index, Record r) throws IOException {
    String key = UnitKeys.encode(r.getPath());
    index.replaceUnit(new UnitState(key, r.getPath(), "/bench", false, "gen", List.of(), List.of(r.getId()), null), List.of(r));
  }
}
