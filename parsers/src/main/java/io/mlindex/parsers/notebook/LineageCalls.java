package io.mlindex.parsers.notebook;

import io.mlindex.parsers.util.LineagePaths;
import io.mlindex.parsers.util.PythonLiterals;
import io.mlindex.record.LineageRef;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which calls read and which write files, and where their path argument is. A path is recorded
 * when {@link PyConstants} can work it out statically (a literal, a constant, a join of those, an
 * f-string with holes); hub names given to {@code from_pretrained} or {@code load_dataset} become
 * named references.
 */
final class LineageCalls {
  private enum Direction { IN, OUT }

  /** Where a call keeps its path: positional index and keyword names. */
  private record Slot(Direction direction, int index, String... keywords) {}

  private static final String[] PATH_KEYWORDS = {"path", "filepath", "filepath_or_buffer", "path_or_buf", "file",
      "fname", "filename", "f", "fp", "io", "source", "excel_writer"};

  private static final Set<String> READERS =
      Set.of("read_csv", "read_table", "read_parquet", "read_json", "read_excel", "read_feather", "read_pickle",
          "read_hdf", "read_orc", "read_sas", "read_stata", "read_spss", "read_fwf", "read_xml", "read_ndjson",
          "scan_csv", "scan_parquet", "scan_ndjson", "loadtxt", "genfromtxt", "fromfile", "load_npz", "imread",
          "load_model", "load_weights", "load_from_disk", "load_learner", "loadmat", "read_image");
  private static final Set<String> WRITERS =
      Set.of("to_csv", "to_parquet", "to_json", "to_excel", "to_pickle", "to_feather", "to_hdf", "to_orc",
          "to_stata", "to_xml", "write_csv", "write_parquet", "write_json", "sink_parquet", "savez",
          "savez_compressed", "savetxt", "save_pretrained", "savefig", "save_weights", "save_checkpoint",
          "imwrite", "write_image", "write_html", "save_to_disk", "save_npz", "imsave");
  private static final Set<String> SERIALISERS = Set.of("joblib", "pickle", "dill", "cloudpickle", "json", "yaml");
  private static final Set<String> NUMPY = Set.of("np", "numpy", "jnp", "cupy");
  /** URIs with a scheme and one slash ({@code runs:/id/model}, {@code models:/name/1}, {@code dbfs:/x}). */
  private static final Pattern SCHEME_URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:/(?!/).*");
  private static final Pattern FILE_EXTENSION =
      Pattern.compile("(?i)csv|tsv|json|jsonl|parquet|txt|bin|pt|pth|ckpt|h5|safetensors|pkl|arrow|zip|gz|npy|npz");
  private static final int MAX_PATH = 4096;
  private static final Set<String> BUILDERS =
      Set.of("csv", "json", "parquet", "text", "imagefolder", "audiofolder", "arrow", "pandas", "webdataset", "sql");

  private final Path folder;
  private final Map<String, String> modules;
  private final List<LineageRef> inputs = new ArrayList<>();
  private final List<LineageRef> outputs = new ArrayList<>();

  /**
   * @param folder the folder of the notebook or script: relative paths resolve against it
   * @param modules what each imported alias stands for ({@code np -> numpy})
   */
  LineageCalls(Path folder, Map<String, String> modules) {
    this.folder = folder;
    this.modules = modules;
  }

  List<LineageRef> inputs() {
    return inputs;
  }

  List<LineageRef> outputs() {
    return outputs;
  }

  void call(PyCall call, PyConstants constants) {
    String name = call.name();
    String receiver = call.receiver() == null ? null : modules.getOrDefault(call.receiver(), call.receiver());
    if (name.equals("from_pretrained")) {
      named(call, constants, call.argument(0, "pretrained_model_name_or_path", "model_name_or_path"), "hf-model");
      return;
    }
    if (name.equals("load_dataset")) {
      loadDataset(call, constants);
      return;
    }
    if (name.equals("hf_hub_download") || name.equals("snapshot_download")) {
      String kind = literal(call, call.argument(-1, "repo_type")) instanceof String t && t.equals("dataset")
          ? "hf-dataset" : "hf-model";
      named(call, constants, call.argument(0, "repo_id"), kind);
      return;
    }
    if (name.equals("push_to_hub")) {
      PyConstants.Value v = value(call, constants, call.argument(0, "repo_id"));
      if (v != null && !v.uncertain()) {
        outputs.add(LineageRef.named(v.text(), "hf-model", call.dotted()));
      }
      return;
    }
    if (name.equals("load") && "tfds".equals(call.receiver())) {
      named(call, constants, call.argument(0, "name"), "tfds-dataset");
      return;
    }
    if ("kagglehub".equals(receiver) && name.endsWith("_download")) {
      named(call, constants, call.argument(0, "handle"), name.startsWith("model") ? "kaggle-model" : "kaggle-dataset");
      return;
    }
    Slot slot = slot(call, name, receiver);
    if (slot != null) {
      PyConstants.Value v = value(call, constants, call.argument(slot.index(), slot.keywords()));
      add(slot.direction(), v, call.dotted());
    }
  }

  private Slot slot(PyCall call, String name, String receiver) {
    if (name.equals("open") && "Image".equals(call.receiver())) {
      return new Slot(Direction.IN, 0, "fp");
    }
    if (name.equals("open") && (receiver == null || Set.of("io", "gzip", "bz2", "lzma", "codecs").contains(receiver))) {
      Object mode = literal(call, call.argument(1, "mode"));
      boolean writes = mode instanceof String m && (m.contains("w") || m.contains("a") || m.contains("x"));
      return new Slot(writes ? Direction.OUT : Direction.IN, 0, "file", "filename");
    }
    if (READERS.contains(name)) {
      return new Slot(Direction.IN, 0, PATH_KEYWORDS);
    }
    if (WRITERS.contains(name)) {
      return new Slot(Direction.OUT, 0, PATH_KEYWORDS);
    }
    if (receiver != null && receiver.endsWith("read") && Set.of("csv", "parquet", "json", "orc", "text").contains(name)) {
      return new Slot(Direction.IN, 0, PATH_KEYWORDS); // spark.read.csv(...)
    }
    if (name.equals("load") && receiver != null && (NUMPY.contains(receiver) || SERIALISERS.contains(receiver)
        || receiver.equals("torch") || receiver.equals("jit"))) {
      return new Slot(Direction.IN, 0, PATH_KEYWORDS);
    }
    if (name.equals("save") && !"wandb".equals(receiver)) {
      if ("torch".equals(receiver) || "saved_model".equals(receiver)) {
        return new Slot(Direction.OUT, 1, "f", "export_dir");
      }
      return new Slot(Direction.OUT, 0, PATH_KEYWORDS);
    }
    if (name.equals("dump") && receiver != null && SERIALISERS.contains(receiver)) {
      return new Slot(Direction.OUT, 1, "filename", "file", "fp", "stream");
    }
    if (name.equals("save_model")) {
      return new Slot(Direction.OUT, call.positional().size() >= 2 ? 1 : 0, "filepath", "path", "output_dir", "fname");
    }
    if (name.equals("export") && "onnx".equals(receiver)) {
      return new Slot(Direction.OUT, 2, "f");
    }
    if (name.equals("File") && "h5py".equals(receiver)) {
      Object mode = literal(call, call.argument(1, "mode"));
      return new Slot(mode instanceof String m && !m.equals("r") ? Direction.OUT : Direction.IN, 0, "name");
    }
    return null;
  }

  private void loadDataset(PyCall call, PyConstants constants) {
    PyConstants.Value first = value(call, constants, call.argument(0, "path"));
    if (first == null) {
      return;
    }
    if (BUILDERS.contains(first.text())) {
      Object files = literal(call, call.argument(-1, "data_files", "data_dir"));
      for (String f : flatten(files)) {
        add(Direction.IN, new PyConstants.Value(f, false), call.dotted());
      }
      return;
    }
    if (isLocal(first)) {
      add(Direction.IN, first, call.dotted());
    } else {
      inputs.add(LineageRef.named(first.text(), "hf-dataset", call.dotted()));
    }
  }

  private static List<String> flatten(Object files) {
    List<String> out = new ArrayList<>();
    if (files instanceof String s) {
      out.add(s);
    } else if (files instanceof List<?> list) {
      list.forEach(e -> out.addAll(flatten(e)));
    } else if (files instanceof Map<?, ?> map) {
      map.values().forEach(e -> out.addAll(flatten(e)));
    }
    return out;
  }

  private void named(PyCall call, PyConstants constants, int[] arg, String kind) {
    PyConstants.Value v = value(call, constants, arg);
    if (v == null) {
      return;
    }
    if (isLocal(v)) {
      add(Direction.IN, v, call.dotted());
    } else {
      inputs.add(LineageRef.named(v.text(), kind, call.dotted()));
    }
  }

  private boolean isLocal(PyConstants.Value v) {
    if (v.uncertain() || looksLikePath(v.text()) || v.text().indexOf(':') >= 0) {
      return true;
    }
    try {
      return Files.exists(folder.resolve(v.text()));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * Whether a name given to {@code from_pretrained} or {@code load_dataset} is a local path rather
   * than a hub id ({@code bert-base-uncased}, {@code org/model}).
   */
  static boolean looksLikePath(String s) {
    if (s.startsWith("/") || s.startsWith(".") || s.startsWith("~") || s.indexOf('\\') >= 0 || s.indexOf('{') >= 0) {
      return true;
    }
    if (s.chars().filter(c -> c == '/').count() > 1 || s.endsWith("/")) {
      return true;
    }
    int dot = s.lastIndexOf('.');
    int slash = s.lastIndexOf('/');
    return dot > slash && dot < s.length() - 1 && FILE_EXTENSION.matcher(s.substring(dot + 1)).matches();
  }

  private static PyConstants.Value value(PyCall call, PyConstants constants, int[] arg) {
    return arg == null ? null : constants.evaluate(call.statement(), arg[0], arg[1]);
  }

  private static Object literal(PyCall call, int[] arg) {
    return arg == null ? null : PythonLiterals.parse(call.statement().text(arg[0], arg[1]));
  }

  private void add(Direction direction, PyConstants.Value v, String call) {
    if (v == null) {
      return;
    }
    String text = v.text().strip();
    if (text.isEmpty() || text.length() > MAX_PATH || text.indexOf('\0') >= 0 || text.indexOf('\n') >= 0) {
      return;
    }
    LineageRef ref = SCHEME_URI.matcher(text).matches()
        ? LineageRef.named(text, "uri", call)
        : LineagePaths.ref(text, folder, call);
    if (v.uncertain()) {
      ref = ref.asUncertain();
    }
    List<LineageRef> list = direction == Direction.IN ? inputs : outputs;
    if (!list.contains(ref)) {
      list.add(ref);
    }
  }
}
