package io.mlindex.parsers.models.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.parsers.models.hdf5.ByteSource;
import io.mlindex.parsers.models.hdf5.Hdf5Attributes;
import io.mlindex.parsers.models.hdf5.Hdf5File;
import io.mlindex.parsers.models.hdf5.Hdf5Tree;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.MalformedFileException;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A legacy Keras HDF5 file ({@code .h5}, {@code .hdf5}) read without a native HDF5 library: the
 * root group's attributes ({@code keras_version}, {@code backend}, {@code model_config},
 * {@code training_config}) and the parameter count from the weight datasets' shapes. A weights-only
 * file (root attribute {@code layer_names}, or a Keras 3 {@code .weights.h5}) is a model without
 * config; any other HDF5 file is data and becomes a {@code dataset} record of format {@code hdf5}.
 * When the structure cannot be walked, the JSON configs are looked for as text in the bytes.
 */
public final class KerasH5Parser implements FileParser {
  static final String FORMAT = "keras-h5";
  static final String DATA_FORMAT = "hdf5";
  private static final int MAX_MEMBERS = 1000;

  @Override
  public String name() {
    return FORMAT;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".h5", ".hdf5") || (file.hasExtension(".keras") && file.startsWith(Hdf5File.SIGNATURE));
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = ModelFileRecords.startModel(FORMAT, file, context);
    if (file.size() == 0) {
      r.warn(file.name() + ": the file is empty");
      return List.of(r);
    }
    try (ByteSource source = ByteSource.of(Files.newByteChannel(file.path()))) {
      boolean signature = Hdf5File.findSignature(source) >= 0;
      r.property("hdf5_signature_ok", signature);
      if (!signature) {
        r.warn(file.name() + ": no HDF5 signature at byte 0, 512, 1024, ...; not an HDF5 file");
        return List.of(r);
      }
      try {
        return List.of(readStructure(Hdf5File.open(source, Hdf5File.READ_BUDGET), source, r, file, context));
      } catch (MalformedFileException | EOFException e) {
        r.warn(file.name() + ": the HDF5 structure could not be read (" + e.getMessage()
            + "); Keras configs were looked for as text instead");
        if (!scan(source, r, context)) {
          r.warn(file.name() + ": no Keras model_config found as text either");
        }
      }
    }
    return List.of(r);
  }

  private static Record readStructure(Hdf5File f, ByteSource source, Record r, FileCandidate file, ParseContext context)
      throws IOException {
    r.property("hdf5_superblock_version", (long) f.superblockVersion());
    List<Hdf5File.Message> root = f.messages(f.rootAddress());
    Hdf5Attributes attributes = new Hdf5Attributes(f, context.limits().maxReadBytes());
    Map<String, Object> attrs = attributes.of(root);
    attributes.problems().forEach(p -> r.warn(file.name() + ": root attribute not read: " + p));
    boolean dense = attributes.denseStorage(root);
    r.property("keras_version", attrs.get("keras_version") instanceof String s ? s : null);
    r.property("backend", attrs.get("backend") instanceof String s ? s : null);
    if (attrs.get("model_config") instanceof String config) {
      modelConfig(config, r, file);
      if (attrs.get("training_config") instanceof String training) {
        trainingConfig(training, r, file);
      }
      KerasWeights.count(f, KerasWeights.Layout.LEGACY_MODEL, r, context);
      return r;
    }
    if (dense) {
      if (scan(source, r, context)) {
        r.warn(file.name() + ": the root attributes are in dense storage, which is not read; the configs were found as text");
        KerasWeights.count(f, KerasWeights.Layout.LEGACY_MODEL, r, context);
        return r;
      }
      r.warn(file.name() + ": the root group keeps attributes in dense storage, which is not read");
    }
    List<String> members = new ArrayList<>();
    try {
      for (Hdf5Tree.Link l : new Hdf5Tree(f, context::checkDeadline).members(root, null)) {
        if (members.size() < MAX_MEMBERS) {
          members.add(l.name());
        }
      }
    } catch (MalformedFileException | EOFException e) {
      r.warn(file.name() + ": the root group's members could not be listed: " + e.getMessage());
    }
    boolean keras3Weights = file.hasExtension(".weights.h5") && members.contains("layers");
    if (attrs.containsKey("layer_names") || keras3Weights) {
      r.property("content", "weights");
      r.property("framework", "keras");
      KerasWeights.count(f, KerasWeights.Layout.WEIGHTS, r, context);
      return r;
    }
    return dataRecord(f, r, members, attrs, context);
  }

  /** An HDF5 file that is not a Keras model: a dataset record with its top-level members and totals. */
  private static Record dataRecord(Hdf5File f, Record model, List<String> members, Map<String, Object> attrs,
      ParseContext context) throws IOException {
    Record r = new Record(RecordKind.DATASET, DATA_FORMAT, model.getPath());
    r.setName(model.getName());
    r.setSize(model.getSize());
    r.setHash(model.getHash());
    model.getSources().forEach(r::source);
    model.getWarnings().forEach(r::warn);
    r.property("hdf5_signature_ok", true);
    r.property("hdf5_superblock_version", (long) f.superblockVersion());
    r.property("content", "data: no Keras model_config or layer_names");
    r.property("members", members);
    r.property("root_attributes", new ArrayList<>(attrs.keySet()));
    attrs.entrySet().stream().limit(MAX_MEMBERS).forEach(a -> {
      if (a.getValue() instanceof String || a.getValue() instanceof Number) {
        r.property("attributes." + a.getKey(), a.getValue() instanceof String s ? ModelFileRecords.cut(s) : a.getValue());
      }
    });
    try {
      Hdf5Tree.Totals t = new Hdf5Tree(f, context::checkDeadline).datasets(f.rootAddress(), p -> true);
      r.property("dataset_count", t.datasets);
      r.property("dtypes", new ArrayList<>(t.dtypes.keySet()));
      if (t.groupsNotWalked > 0) {
        r.warn(r.getName() + ": " + t.groupsNotWalked + " groups keep their members in dense storage (a fractal heap),"
            + " which is not read; the counts cover the rest");
      } else if (!t.elementsUnknown) {
        r.property("elements", t.elements);
      }
    } catch (MalformedFileException | EOFException e) {
      r.warn(r.getName() + ": the datasets could not all be walked: " + e.getMessage());
    }
    return r;
  }

  private static void modelConfig(String json, Record r, FileCandidate file) {
    try {
      KerasConfigs.modelConfig(JsonTrees.parse(json, file.name() + " model_config"), r);
    } catch (IOException e) {
      r.warn(e.getMessage());
    }
  }

  private static void trainingConfig(String json, Record r, FileCandidate file) {
    try {
      KerasConfigs.trainingConfig(JsonTrees.parse(json, file.name() + " training_config"), "training_config", r);
    } catch (IOException e) {
      r.warn(e.getMessage());
    }
  }

  /** Looks for the configs as text; whether a model config was found. */
  private static boolean scan(ByteSource source, Record r, ParseContext context) throws IOException {
    long n = Math.min(source.size(), Math.min(context.limits().maxReadBytes(), 32L << 20));
    KerasJsonScan scan = new KerasJsonScan(source.read(0, n));
    JsonNode model = scan.modelConfig();
    if (model == null) {
      return false;
    }
    KerasConfigs.modelConfig(model, r);
    JsonNode training = scan.trainingConfig();
    if (training != null) {
      KerasConfigs.trainingConfig(training, "training_config", r);
    }
    return true;
  }
}
