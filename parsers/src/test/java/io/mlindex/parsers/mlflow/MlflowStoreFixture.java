package io.mlindex.parsers.mlflow;

import static io.mlindex.parsers.TestTrees.write;

import java.nio.file.Path;
import java.util.Locale;

/** A small MLflow file store written by the tests: one experiment, runs, a registry. */
final class MlflowStoreFixture {
  static final String RUN_ID = "0123456789abcdef0123456789abcdef";
  static final String OTHER_RUN_ID = "fedcba9876543210fedcba9876543210";

  private MlflowStoreFixture() {}

  static Path experiment(Path store, String id, String name) {
    Path exp = store.resolve(id);
    write(exp.resolve("meta.yaml"), String.format(Locale.ROOT, """
        artifact_location: file:///home/someone/mlruns/%s
        creation_time: 1700000000000
        experiment_id: '%s'
        last_update_time: 1700000001000
        lifecycle_stage: active
        name: %s
        """, id, id, name));
    return exp;
  }

  static Path run(Path experiment, String runId) {
    Path run = experiment.resolve(runId);
    write(run.resolve("meta.yaml"), String.format(Locale.ROOT, """
        artifact_uri: file:///home/someone/mlruns/1/%s/artifacts
        end_time: 1700000100000
        experiment_id: '1'
        lifecycle_stage: active
        run_id: %s
        run_name: bright-fox-1
        run_uuid: %s
        source_type: 4
        start_time: 1700000050000
        status: 3
        user_id: someone
        """, runId, runId, runId));
    write(run.resolve("params/alpha"), "0.5");
    write(run.resolve("metrics/rmse"), "1700000060000 0.75 0\n");
    return run;
  }

  static Path mlmodel(Path folder, String runId) {
    return write(folder.resolve("MLmodel"), String.format(Locale.ROOT, """
        artifact_path: model
        flavors:
          python_function:
            env:
              conda: conda.yaml
              virtualenv: python_env.yaml
            loader_module: mlflow.sklearn
            model_path: model.pkl
            predict_fn: predict
            python_version: 3.12.9
          sklearn:
            code: null
            pickled_model: model.pkl
            serialization_format: cloudpickle
            sklearn_version: 1.6.1
        mlflow_version: 2.22.0
        model_size_bytes: 2572
        model_uuid: d7a011a5e56e4dbeb65bf320f87b844f
        run_id: %s
        saved_input_example_info:
          artifact_path: input_example.json
          type: dataframe
        signature:
          inputs: '[{"type": "double", "name": "fixed acidity", "required": true}, {"type":
            "long", "name": "pH", "required": true}]'
          outputs: '[{"type": "double", "required": true}]'
          params: null
        utc_time_created: '2025-05-26 11:13:10.919351'
        """, runId));
  }
}
