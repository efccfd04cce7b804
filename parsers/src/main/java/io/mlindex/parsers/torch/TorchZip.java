package io.mlindex.parsers.torch;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.pickle.PickleScan;
import io.mlindex.parsers.pickle.PickleScanner;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.MalformedFileException;
import io.mlindex.parsers.util.ZipArchive;
import io.mlindex.record.Record;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The zip layout torch.save has used since 1.6 (and TorchScript archives): {@code <archive>/data.pkl}
 * with the object, {@code <archive>/data/<key>} with one stored entry per tensor storage, {@code
 * version} and {@code byteorder} as short text. The archive folder is named after the file, so it
 * is found, not assumed.
 */
final class TorchZip {
  private static final int SMALL_ENTRY = 256;

  private TorchZip() {}

  static void read(FileCandidate file, Record r, ParseContext context) throws IOException {
    try (ZipArchive zip = ZipArchive.open(file.path())) {
      List<String> entries = zip.entries();
      String prefix = archivePrefix(entries);
      if (prefix == null) {
        r.warn(file.name() + " is a zip archive without <archive>/data.pkl: not a PyTorch checkpoint");
        return;
      }
      r.property("serialization", "zip");
      readSmallText(zip, prefix + "version", r, "archive_version");
      readSmallText(zip, prefix + "byteorder", r, "byteorder");
      if (entries.contains(prefix + "code/") || entries.contains(prefix + "constants.pkl")) {
        r.property("torchscript", true);
      }
      countStorages(zip, entries, prefix, r);
      scanDataPickle(file, zip, prefix + "data.pkl", r, context);
    } catch (MalformedFileException e) {
      r.warn(e.getMessage());
    } catch (IOException e) {
      r.warn("could not read the archive " + file.name() + ": " + e.getMessage());
    }
  }

  /** {@code archive/} for an entry {@code archive/data.pkl} one level deep. */
  static String archivePrefix(List<String> entries) {
    for (String e : entries) {
      int slash = e.indexOf('/');
      if (slash > 0 && e.endsWith("/data.pkl") && slash == e.length() - "/data.pkl".length()) {
        return e.substring(0, slash + 1);
      }
    }
    return null;
  }

  private static void readSmallText(ZipArchive zip, String entry, Record r, String property) {
    if (!zip.has(entry)) {
      return;
    }
    try {
      String text = BoundedReads.decodeUtf8(zip.read(entry, SMALL_ENTRY)).trim();
      Long number = io.mlindex.parsers.util.Numbers.parseLong(text);
      r.property(property, number != null ? (Object) number : text);
    } catch (IOException e) {
      r.warn("could not read " + entry + ": " + e.getMessage());
    }
  }

  private static void countStorages(ZipArchive zip, List<String> entries, String prefix, Record r) {
    String dataDir = prefix + "data/";
    long count = 0;
    long bytes = 0;
    for (String e : entries) {
      if (e.startsWith(dataDir) && !e.endsWith("/")) {
        count++;
        try {
          bytes += Math.max(0, zip.statedSize(e));
        } catch (IOException ex) {
          r.warn("could not size " + e + ": " + ex.getMessage());
        }
      }
    }
    r.property("storages", count);
    r.property("storage_bytes", bytes);
    if (entries.size() >= ZipArchive.MAX_ENTRIES) {
      r.warn("the archive lists more than " + ZipArchive.MAX_ENTRIES + " entries; counts cover the first ones");
    }
  }

  private static void scanDataPickle(FileCandidate file, ZipArchive zip, String entry, Record r, ParseContext context) {
    long limit = context.limits().maxReadBytes();
    PickleScan scan;
    try (InputStream in = new BufferedInputStream(zip.open(entry), 1 << 16)) {
      scan = new PickleScanner(in, limit, false, context).next();
    } catch (IOException e) {
      r.warn("could not read " + entry + ": " + e.getMessage());
      return;
    }
    if (scan == null) {
      r.warn(entry + " is empty");
      return;
    }
    TorchCheckpointParser.describe(scan, r, file.name() + "!" + entry);
  }
}
