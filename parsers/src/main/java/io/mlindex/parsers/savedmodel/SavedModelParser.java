package io.mlindex.parsers.savedmodel;

import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.ContentHash;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.CodeRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TensorFlow SavedModel folder ({@code saved_model.pb}, usually with {@code variables/} and
 * {@code assets/}): meta graph tags, TensorFlow version, signatures with their inputs and outputs,
 * graph size, and the size of the variables. Nothing is loaded or executed; the protobuf is read
 * with the wire reader (see {@link SavedModelReader}).
 */
public final class SavedModelParser implements DirectoryParser {
  static final String FILE = "saved_model.pb";

  @Override
  public String name() {
    return "tf-savedmodel";
  }

  @Override
  public boolean claims(DirectoryView dir) {
    return dir.hasFile(FILE);
  }

  @Override
  public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
    Path pb = dir.resolve(FILE);
    Record r = new Record(RecordKind.MODEL, "tf-savedmodel", PosixPaths.of(dir.path()));
    r.setName(dir.name());
    r.source(PosixPaths.of(pb));
    r.property("framework", "tensorflow");
    CodeRef.addDistinct(r.getCode().getFrameworks(), "tensorflow");
    if (dir.hasFile("keras_metadata.pb")) {
      r.property("keras", true);
      CodeRef.addDistinct(r.getCode().getFrameworks(), "keras");
    }
    long pbSize = Files.size(pb);
    r.property("saved_model_bytes", pbSize);
    if (pbSize == 0) {
      r.warn(FILE + " is empty");
    } else {
      List<String> warnings = new ArrayList<>();
      SavedModelReader.Summary s;
      try (InputStream in = Files.newInputStream(pb)) {
        s = SavedModelReader.read(in, context, warnings);
      }
      warnings.forEach(r::warn);
      describe(s, r);
      r.setHash(ContentHash.of(pb, context.limits().hashFullBytes()));
    }
    long variableBytes = variables(dir, r);
    r.setSize(pbSize + variableBytes);
    return List.of(r);
  }

  private static void describe(SavedModelReader.Summary s, Record r) {
    r.property("saved_model_schema_version", s.schemaVersion);
    r.property("meta_graph_count", (long) s.metaGraphs);
    if (!s.tags.isEmpty()) {
      r.property("meta_graph_tags", new ArrayList<>(s.tags));
    }
    r.property("tensorflow_version", emptyToNull(s.tensorflowVersion));
    r.property("tensorflow_git_version", emptyToNull(s.tensorflowGitVersion));
    r.property("meta_graph_version", emptyToNull(s.metaGraphVersion));
    r.property("graph_nodes", s.graphNodes);
    r.property("graph_functions", s.graphFunctions);
    r.property("object_graph", s.objectGraph);
    List<String> names = new ArrayList<>();
    for (SavedModelReader.Signature sig : s.signatures) {
      names.add(sig.key());
      String prefix = "signature." + sig.key() + ".";
      r.property(prefix + "method", emptyToNull(sig.method()));
      r.property(prefix + "inputs", sig.inputs().stream().map(SavedModelReader.Tensor::key).toList());
      r.property(prefix + "input_types", sig.inputs().stream().map(SavedModelReader.Tensor::type).toList());
      r.property(prefix + "outputs", sig.outputs().stream().map(SavedModelReader.Tensor::key).toList());
      r.property(prefix + "output_types", sig.outputs().stream().map(SavedModelReader.Tensor::type).toList());
    }
    if (!names.isEmpty()) {
      r.property("signatures", names);
    }
    if (s.signaturesCut) {
      r.warn(FILE + " has more than " + SavedModelReader.MAX_ENTRIES + " signatures; only the first are listed");
    }
    if (s.metaGraphs == 0) {
      r.warn(FILE + " holds no meta graph; it may not be a SavedModel");
    }
  }

  /** Counts the files of {@code variables/} (not read: they are the weights). */
  private static long variables(DirectoryView dir, Record r) {
    if (!dir.hasDir("variables")) {
      return 0;
    }
    long bytes = 0;
    long files = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve("variables"))) {
      for (Path p : entries) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          files++;
          bytes += Files.size(p);
        }
      }
    } catch (IOException e) {
      r.warn("variables/ could not be listed: " + e.getMessage());
    }
    r.property("variables_files", files);
    r.property("variables_bytes", bytes);
    return bytes;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
