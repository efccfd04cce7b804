package io.mlindex.parsers.generic;

import io.mlindex.parsers.DirectoryView;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files of a folder the generic reader looks at, and which folders belong to a tool with a
 * reader of its own (DVC, W&B, Hugging Face, Lightning, Hydra, Sacred, MLflow): those are left
 * alone, so that no file is read twice under two formats.
 */
final class GenericFolderRules {
  static final List<String> PARAMS_FILES = List.of(
      "params.yaml", "params.yml", "params.json", "hparams.yaml", "hparams.yml", "hparams.json");
  static final List<String> CONFIG_FILES = List.of("config.yaml", "config.yml", "config.json");
  private static final Pattern EVAL_FILE = Pattern.compile("eval[a-z0-9_.-]*\\.json");
  /** Hugging Face writes {@code all_results.json}, {@code eval_results.json}, ...: its reader's. */
  private static final Pattern HF_RESULTS = Pattern.compile(".*_results\\.json");
  private static final Set<String> CHECKPOINT_EXTENSIONS = Set.of(
      ".pt", ".pth", ".ckpt", ".safetensors", ".h5", ".hdf5", ".keras", ".bin", ".pkl", ".joblib",
      ".onnx", ".pb", ".tflite", ".gguf", ".msgpack");
  private static final Set<String> CHECKPOINT_DIRS = Set.of("checkpoints", "checkpoint", "ckpt", "weights");
  /** Files that mark a folder as another tool's. */
  private static final Set<String> FOREIGN_FILES = Set.of(
      "dvc.yaml", "dvc.lock", "MLmodel", "meta.yaml", "run.json", "cout.txt", "wandb-summary.json",
      "wandb-metadata.json", "trainer_state.json", "all_results.json", "adapter_config.json",
      "tokenizer_config.json", "training_args.bin", "hydra.yaml", "overrides.yaml", "multirun.yaml",
      "metrics.csv", "saved_model.pb");
  private static final Set<String> FOREIGN_DIRS = Set.of(".hydra", ".dvc", "dvclive", "wandb");
  /** Folder names (of this folder or an ancestor) that belong to another tool. */
  private static final Set<String> FOREIGN_TREES = Set.of(
      "wandb", "dvclive", ".hydra", "mlruns", "lightning_logs", ".ipynb_checkpoints");
  private static final Pattern LIGHTNING_VERSION = Pattern.compile("version_[0-9]+");
  /** How far up the tree a foreign marker is looked for. */
  private static final int ANCESTOR_LEVELS = 12;

  private GenericFolderRules() {}

  static boolean isMetricsFile(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("metrics.json") || n.equals("results.json")
        || EVAL_FILE.matcher(n).matches() && !HF_RESULTS.matcher(n).matches();
  }

  /** metrics.json says what it is; results.json and eval*.json need metric-like names inside. */
  static boolean isExplicitMetricsFile(String name) {
    return name.equalsIgnoreCase("metrics.json");
  }

  static boolean isCheckpoint(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return dot > 0 && CHECKPOINT_EXTENSIONS.contains(n.substring(dot));
  }

  static boolean hasCheckpoint(DirectoryView dir) {
    return dir.files().stream().anyMatch(GenericFolderRules::isCheckpoint)
        || dir.dirs().stream().anyMatch(d -> CHECKPOINT_DIRS.contains(d.toLowerCase(Locale.ROOT)));
  }

  /** The files the generic reader would read, in reading order (params, configs, metrics). */
  static List<String> candidates(DirectoryView dir) {
    List<String> out = new ArrayList<>();
    PARAMS_FILES.stream().filter(dir::hasFile).forEach(out::add);
    if (hasCheckpoint(dir)) {
      CONFIG_FILES.stream().filter(dir::hasFile).forEach(out::add);
    }
    dir.files().stream().filter(GenericFolderRules::isMetricsFile).forEach(out::add);
    return out;
  }

  /** Whether the folder, or one above it, is another tool's. */
  static boolean belongsToAnotherTool(DirectoryView dir) {
    if (dir.files().stream().anyMatch(f -> FOREIGN_FILES.contains(f) || f.startsWith("events.out.tfevents."))) {
      return true;
    }
    if (dir.dirs().stream().anyMatch(FOREIGN_DIRS::contains)) {
      return true;
    }
    if (LIGHTNING_VERSION.matcher(dir.name()).matches() && dir.hasAnyFile(List.of("hparams.yaml", "hparams.yml"))) {
      return true;
    }
    return foreignAncestor(dir);
  }

  /** A folder named like another tool's tree, or a DVC project (dvc.yaml) above this folder. */
  private static boolean foreignAncestor(DirectoryView dir) {
    Path root = dir.root();
    Path p = dir.path();
    for (int level = 0; p != null && level < ANCESTOR_LEVELS; level++, p = p.getParent()) {
      Path name = p.getFileName();
      if (name != null && FOREIGN_TREES.contains(name.toString())) {
        return true;
      }
      if (level > 0 && (Files.isRegularFile(p.resolve("dvc.yaml"), LinkOption.NOFOLLOW_LINKS)
          || Files.isRegularFile(p.resolve("dvc.lock"), LinkOption.NOFOLLOW_LINKS))) {
        return true;
      }
      if (root != null && p.equals(root)) {
        break;
      }
    }
    return false;
  }
}
