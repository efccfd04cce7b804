package io.mlindex.parsers.models.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.parsers.models.hdf5.ByteSource;
import io.mlindex.parsers.models.hdf5.Hdf5File;
import io.mlindex.parsers.util.FileTooLargeException;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.MalformedFileException;
import io.mlindex.parsers.util.ZipArchive;
import io.mlindex.record.Record;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/**
 * A Keras v3 model ({@code .keras}, a zip): {@code metadata.json} (Keras version, date saved),
 * {@code config.json} (model class and name, layer classes, compile config) and the weights file
 * (size, HDF5 signature and the parameter count from its dataset shapes, read in place when the
 * entry is stored uncompressed, as Keras writes it, else in memory within the read limit). Entries
 * are read through {@link ZipArchive}, so a zip bomb costs at most the read limit.
 */
public final class KerasZipParser implements FileParser {
  static final String FORMAT = "keras";
  static final String WEIGHTS = "model.weights.h5";
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
    return file.hasExtension(".keras") && !file.startsWith(Hdf5File.SIGNATURE);
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = ModelFileRecords.startModel(FORMAT, file, context);
    r.property("framework", "keras");
    if (file.size() == 0) {
      r.warn(file.name() + ": the file is empty");
      return List.of(r);
    }
    if (!ZipArchive.looksLikeZip(file.head())) {
      r.warn(file.name() + ": not a zip archive, as a Keras v3 .keras file must be");
      return List.of(r);
    }
    try (ZipArchive zip = ZipArchive.open(file.path())) {
      readArchive(zip, r, file, context);
    } catch (MalformedFileException e) {
      r.warn(file.name() + ": " + e.getMessage());
    }
    return List.of(r);
  }

  private static void readArchive(ZipArchive zip, Record r, FileCandidate file, ParseContext context) throws IOException {
    List<String> members = new ArrayList<>();
    for (String e : zip.entries()) {
      if (!e.endsWith("/") && members.size() < MAX_MEMBERS) {
        members.add(e);
      }
    }
    members.sort(null); // the archive lists them in no stable order
    r.property("members", members);
    JsonNode metadata = json(zip, "metadata.json", r, file, context);
    JsonNode config = json(zip, "config.json", r, file, context);
    if (metadata == null && config == null) {
      r.warn(file.name() + ": no readable config.json or metadata.json; not a Keras v3 archive");
      return;
    }
    if (metadata != null) {
      metadata.fields().forEachRemaining(f -> {
        String key = f.getKey().equals("keras_version") || f.getKey().equals("date_saved") ? f.getKey() : "metadata." + f.getKey();
        if (f.getValue().isValueNode()) {
          r.property(key, f.getValue().isNumber() ? f.getValue().numberValue() : f.getValue().asText());
        }
      });
    }
    if (config != null) {
      KerasConfigs.modelConfig(config, r);
      KerasConfigs.trainingConfig(config.path("compile_config"), "compile_config", r);
    }
    if (zip.has(WEIGHTS)) {
      readWeights(zip, r, file, context);
    }
  }

  private static JsonNode json(ZipArchive zip, String entry, Record r, FileCandidate file, ParseContext context)
      throws IOException {
    if (!zip.has(entry)) {
      return null;
    }
    try {
      return JsonTrees.parse(zip.read(entry, context.limits().maxReadBytes()), file.name() + "!" + entry);
    } catch (FileTooLargeException e) {
      r.warn(file.name() + ": " + entry + " inflates to more than " + context.limits().maxReadBytes()
          + " bytes (limits.max_read_bytes; a zip bomb?); not read");
    } catch (MalformedFileException e) {
      r.warn(e.getMessage());
    }
    return null;
  }

  private static void readWeights(ZipArchive zip, Record r, FileCandidate file, ParseContext context) throws IOException {
    long limit = context.limits().maxReadBytes();
    long stated = zip.statedSize(WEIGHTS);
    r.property("weights_h5_bytes", stated);
    try (InputStream in = zip.open(WEIGHTS)) {
      r.property("weights_h5_signature_ok", Arrays.equals(in.readNBytes(8), Hdf5File.SIGNATURE));
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file.path())) {
      StoredZipEntry stored = StoredZipEntry.find(channel, WEIGHTS);
      if (stored != null) {
        countWeights(ByteSource.of(channel).slice(stored.offset(), stored.size()), r, context);
      } else if (stated <= limit) {
        countWeights(ByteSource.of(zip.read(WEIGHTS, limit)), r, context);
      } else {
        r.warn(file.name() + ": " + WEIGHTS + " is compressed and larger than " + limit
            + " bytes (limits.max_read_bytes); the parameter count is not given");
      }
    } catch (FileTooLargeException e) {
      r.warn(file.name() + ": " + WEIGHTS + " inflates to more than " + limit + " bytes (limits.max_read_bytes); not read");
    } catch (MalformedFileException | EOFException e) {
      r.warn(file.name() + ": " + WEIGHTS + ": " + e.getMessage());
    }
  }

  private static void countWeights(ByteSource weights, Record r, ParseContext context) throws IOException {
    KerasWeights.count(Hdf5File.open(weights, Hdf5File.READ_BUDGET), KerasWeights.Layout.WEIGHTS, r, context);
  }
}
