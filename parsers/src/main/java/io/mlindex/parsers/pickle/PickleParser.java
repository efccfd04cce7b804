package io.mlindex.parsers.pickle;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * Python pickles and joblib dumps ({@code .pkl}, {@code .pickle}, {@code .joblib}, {@code .sav};
 * joblib's zlib and gzip compression are read through the JDK): protocol, the classes referenced,
 * the top-level container and its literal values, frameworks, and an {@code unsafe pickle} warning
 * for references to dangerous callables. Read by a static opcode scan; never unpickled.
 */
public final class PickleParser implements FileParser {
  private static final List<String> EXTENSIONS = List.of(".pkl", ".pickle", ".joblib");
  private static final List<String> COMPRESSED = List.of("", ".z", ".gz", ".zlib", ".bz2", ".xz", ".lzma", ".lz4");
  /** Decompressed bytes scanned per compressed stream, as a multiple of limits.max_read_bytes. */
  private static final long DECOMPRESSED_FACTOR = 16;

  @Override
  public String name() {
    return "pickle";
  }

  @Override
  public boolean supports(FileCandidate file) {
    String n = file.lowerName();
    for (String ext : EXTENSIONS) {
      for (String z : COMPRESSED) {
        if (n.endsWith(ext + z)) {
          return true;
        }
      }
    }
    return (n.endsWith(".sav") || n.endsWith(".p")) && looksLikePickle(file.head());
  }

  /** A protocol 2+ pickle starts with PROTO and a protocol number. */
  static boolean looksLikePickle(byte[] head) {
    return head.length >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5;
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = FileRecords.start(RecordKind.MODEL, "pickle", file, context);
    r.property("container", "pickle");
    if (file.size() == 0) {
      r.warn(file.name() + " is empty");
      return List.of(r);
    }
    Compression compression = Compression.detect(file.head());
    if (compression != Compression.NONE) {
      r.property("compression", compression.name().toLowerCase(Locale.ROOT));
    }
    if (!compression.readable()) {
      r.warn(file.name() + " is " + compression.name().toLowerCase(Locale.ROOT)
          + "-compressed, which the JDK cannot decompress: only its size and hash are recorded");
      return List.of(r);
    }
    boolean raw = compression == Compression.NONE;
    long limit = raw ? file.size() : context.limits().maxReadBytes() * DECOMPRESSED_FACTOR;
    PickleScan scan;
    try (InputStream bytes = new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16);
        InputStream in = compression.open(bytes)) {
      scan = new PickleScanner(in, limit, raw, context).next();
    } catch (IOException e) {
      r.warn("could not read " + file.name() + ": " + e.getMessage());
      return List.of(r);
    }
    if (scan == null) {
      r.warn(file.name() + " holds no pickle");
      return List.of(r);
    }
    PickleFacts.describe(scan, r, file.name());
    PickleParams.read(scan.top(), r, PickleFacts.RESERVED);
    return List.of(r);
  }
}
