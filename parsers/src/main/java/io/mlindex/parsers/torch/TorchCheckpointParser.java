package io.mlindex.parsers.torch;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.parsers.pickle.PickleFacts;
import io.mlindex.parsers.pickle.PickleParams;
import io.mlindex.parsers.pickle.PickleScan;
import io.mlindex.parsers.pickle.PickleScanner;
import io.mlindex.parsers.pickle.PyValues;
import io.mlindex.parsers.util.ZipArchive;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * PyTorch checkpoints ({@code .pt}, {@code .pth}, {@code .ckpt}, and {@code .bin} files that are a
 * PyTorch zip or pickle): the zip layout ({@code <archive>/data.pkl}, {@code version}, {@code
 * byteorder}, tensor storages under {@code data/}) or the legacy pickle sequence, and a static
 * opcode scan of the pickle: tensors, parameter count, dtypes, top-level keys, Lightning facts and
 * hyperparameters. Nothing is unpickled.
 */
public final class TorchCheckpointParser implements FileParser {
  /** The number torch.save writes first in the legacy (non-zip) format. */
  static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
  /** Top-level keys that hold the model weights, in order of preference. */
  private static final List<String> WEIGHT_KEYS =
      List.of("state_dict", "model_state_dict", "model_state", "model", "module", "net", "network", "weights");

  @Override
  public String name() {
    return "pytorch";
  }

  @Override
  public boolean supports(FileCandidate file) {
    if (file.hasExtension(".pth") && isText(file.head())) {
      return false; // a Python path configuration file, not a checkpoint
    }
    if (file.hasExtension(".pt", ".pth", ".ckpt")) {
      return true;
    }
    if (!file.hasExtension(".bin")) {
      return false;
    }
    byte[] head = file.head();
    if (ZipArchive.looksLikeZip(head)) {
      return file.headText().contains("data.pkl") || file.headText().contains("/version");
    }
    return head.length >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5;
  }

  private static boolean isText(byte[] head) {
    if (head.length == 0) {
      return false;
    }
    for (byte b : head) {
      if (b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F) {
        return false; // also true for negative (non-ASCII) bytes: binary enough to be ours
      }
    }
    return true;
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = FileRecords.start(RecordKind.MODEL, "pytorch", file, context);
    r.property("framework", "pytorch");
    addFramework(r, "pytorch");
    byte[] head = file.head();
    if (file.size() == 0) {
      r.warn(file.name() + " is empty");
    } else if (ZipArchive.looksLikeZip(head)) {
      r.property("container", "zip");
      TorchZip.read(file, r, context);
    } else if ((head[0] & 0xFF) == 0x80) {
      r.property("container", "pickle");
      readLegacy(file, r, context);
    } else {
      r.warn(file.name() + " is neither a PyTorch zip archive nor a pickle: its contents were not read");
    }
    return List.of(r);
  }

  /** The legacy format: pickles of the magic number, protocol version and sys info, then the object. */
  private static void readLegacy(FileCandidate file, Record r, ParseContext context) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16)) {
      PickleScanner scanner = new PickleScanner(in, file.size(), true, context);
      PickleScan first = scanner.next();
      if (first == null) {
        r.warn(file.name() + " holds no pickle");
        return;
      }
      if (!first.complete() || !isLegacyMagic(first.top())) {
        r.property("serialization", "pickle");
        describe(first, r, file.name());
        return;
      }
      r.property("serialization", "legacy");
      PickleScan object = first;
      for (int i = 0; i < 3 && object != null && object.complete(); i++) {
        object = scanner.next(); // protocol version, sys info, then the saved object
      }
      if (object == null) {
        r.warn(file.name() + ": the stream ends after the legacy header");
        return;
      }
      r.property("protocol", first.protocol());
      describe(object, r, file.name());
    }
  }

  private static boolean isLegacyMagic(Object top) {
    return top instanceof BigInteger b && b.equals(LEGACY_MAGIC);
  }

  /** Pickle facts plus tensors, parameters and Lightning facts of the scanned checkpoint. */
  static void describe(PickleScan scan, Record r, String what) {
    Object protocol = r.getProperties().get("protocol");
    PickleFacts.describe(scan, r, what);
    if (protocol != null) {
      r.property("protocol", protocol);
    }
    r.property("persistent_ids", scan.persistentIds());
    Object top = scan.top();
    PickleParams.read(top, r, PickleFacts.RESERVED);
    Map<Object, Object> map = PyValues.asMap(top);
    if (map != null && map.get("pytorch-lightning_version") instanceof String v) {
      r.getProperties().remove("pytorch-lightning_version");
      r.property("lightning_version", v);
      addFramework(r, "lightning");
    }
    TorchTensors.Summary all = TorchTensors.under(top);
    r.property("tensors", all.tensors());
    TorchTensors.Summary weights = all;
    if (map != null) {
      for (String key : WEIGHT_KEYS) {
        Object part = map.get(key);
        if (part != null && TorchTensors.under(part).tensors() > 0) {
          weights = TorchTensors.under(part);
          r.property("parameters_from", key);
          break;
        }
      }
    }
    if (weights.tensors() > 0) {
      r.property("parameters", weights.elements());
      r.property("dtypes", List.copyOf(weights.dtypes().keySet()));
    }
  }

  static void addFramework(Record r, String framework) {
    List<String> list = r.getCode().getFrameworks();
    if (!list.contains(framework)) {
      list.add(framework);
    }
  }
}
