package io.mlindex.parsers.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.Frameworks;
import io.mlindex.record.CodeRef;
import io.mlindex.record.Record;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Facts about a W&B run gathered from its files and its transaction log (the files win where both
 * have a value), then written to the record as properties, code references and times.
 */
final class WandbRunInfo {
  /**
   * Libraries by field number of wandb_telemetry.proto's {@code Imports} message (torch = 1; keras
   * = 2; tensorflow = 3; fastai = 4; sklearn = 5; xgboost = 6; catboost = 7; lightgbm = 8;
   * pytorch_lightning = 9; transformers = 11; jax = 12; ray = 30; spacy = 33; optuna = 35;
   * torchvision = 41; flax = 45; hydra = 50; datasets = 51; sacred = 52; accelerate = 71; diffusers
   * = 83; peft = 98; lightning = 106). The config's {@code _wandb.t."1"} and {@code t."2"} list the
   * same numbers.
   */
  private static final Map<Integer, String> IMPORTS =
      Map.ofEntries(
          Map.entry(1, "torch"), Map.entry(2, "keras"), Map.entry(3, "tensorflow"), Map.entry(4, "fastai"),
          Map.entry(5, "sklearn"), Map.entry(6, "xgboost"), Map.entry(7, "catboost"), Map.entry(8, "lightgbm"),
          Map.entry(9, "pytorch_lightning"), Map.entry(11, "transformers"), Map.entry(12, "jax"),
          Map.entry(30, "ray"), Map.entry(33, "spacy"), Map.entry(35, "optuna"), Map.entry(41, "torchvision"),
          Map.entry(45, "flax"), Map.entry(50, "hydra"), Map.entry(51, "datasets"), Map.entry(52, "sacred"),
          Map.entry(71, "accelerate"), Map.entry(83, "diffusers"), Map.entry(98, "peft"),
          Map.entry(106, "lightning"));

  boolean configRead;
  String program;
  String codePath;
  String gitRemote;
  String gitCommit;
  String host;
  String python;
  String os;
  String gpu;
  Long gpuCount;
  String cuda;
  String state;
  Instant startedAt;
  Object args;
  String cliVersion;
  String pythonVersion;
  String framework;
  final TreeSet<Integer> imports = new TreeSet<>();

  /** Reads the {@code _wandb} entry of config.yaml (W&B's own bookkeeping, not a param). */
  void internal(JsonNode w) {
    if (w == null || !w.isObject()) {
      return;
    }
    cliVersion = first(cliVersion, WandbRunFiles.text(w, "cli_version"));
    pythonVersion = first(pythonVersion, WandbRunFiles.text(w, "python_version"));
    framework = first(framework, WandbRunFiles.text(w, "framework"));
    JsonNode start = w.get("start_time");
    if (startedAt == null && start != null && start.isNumber() && start.asDouble() > 0) {
      startedAt = Instant.ofEpochMilli((long) (start.asDouble() * 1000));
    }
    JsonNode t = w.path("t");
    for (String list : new String[] {"1", "2"}) {
      t.path(list).forEach(n -> {
        if (n.canConvertToInt()) {
          imports.add(n.asInt());
        }
      });
    }
  }

  /** Fills what the files did not say from the decoded log. */
  void fillFrom(WandbLog log) {
    program = first(program, log.program);
    codePath = first(codePath, log.codePath);
    gitRemote = first(gitRemote, log.gitRemote);
    gitCommit = first(gitCommit, log.gitCommit);
    host = first(host, log.host);
    python = first(python, log.python);
    os = first(os, log.os);
    cliVersion = first(cliVersion, log.cliVersion);
    pythonVersion = first(pythonVersion, log.pythonVersion);
    if (startedAt == null) {
      startedAt = log.startTime;
    }
    if (args == null && !log.args.isEmpty()) {
      args = new ArrayList<>(log.args);
    }
    imports.addAll(log.imports);
  }

  void applyTo(Record r) {
    CodeRef code = r.getCode();
    code.setGitCommit(first(code.getGitCommit(), gitCommit));
    code.setGitRemote(first(code.getGitRemote(), gitRemote));
    code.setScript(first(code.getScript(), codePath));
    r.property("program", program);
    r.property("code_path", codePath);
    r.property("args", args);
    r.property("host", host);
    r.property("python", python);
    r.property("os", os);
    r.property("gpu", gpu);
    r.property("gpu_count", gpuCount);
    r.property("cuda", cuda);
    r.property("state", state);
    r.property("cli_version", cliVersion);
    r.property("python_version", pythonVersion);
    r.property("framework", framework);
    r.getTime().setStart(startedAt);
    List<String> modules = new ArrayList<>();
    imports.forEach(i -> {
      if (IMPORTS.containsKey(i)) {
        modules.add(IMPORTS.get(i));
      }
    });
    if (framework != null) {
      modules.add(framework);
    }
    Frameworks.of(modules).forEach(f -> CodeRef.addDistinct(code.getFrameworks(), f));
    modules.forEach(m -> CodeRef.addDistinct(code.getImports(), m));
  }

  private static String first(String a, String b) {
    return a != null && !a.isEmpty() ? a : b;
  }
}
