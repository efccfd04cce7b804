package io.mlindex.parsers.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A TensorBoard event file ({@code events.out.tfevents.*}), one record per file, read record by
 * record so that files of any size take constant memory. Scalars ({@code simple_value} or TF2
 * float/double/half tensors) become metrics with the event's step; the hparams plugin's session
 * start becomes params; other tags (histograms, images, text, graphs) are listed by plugin in
 * {@code properties.tags.<plugin>}. CRC failures and a truncated tail are warnings that keep what
 * was read.
 */
public final class TensorboardEventParser implements FileParser {
  static final String PREFIX = "events.out.tfevents.";
  private static final int BUFFER_BYTES = 1 << 16;
  private static final int DEADLINE_EVERY = 4096;

  @Override
  public String name() {
    return "tensorboard";
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.name().startsWith(PREFIX);
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Path path = file.path();
    Record r = new Record(RecordKind.RUN, "tensorboard", PosixPaths.of(path));
    Path parent = path.getParent();
    r.setName(parent != null && parent.getFileName() != null ? parent.getFileName().toString() : file.name());
    r.source(r.getPath());
    r.setSize(file.size());
    r.property("host", hostOf(file.name()));
    EventLog log = new EventLog();
    ReadProblems problems = new ReadProblems(file.name());
    int maxRecord = (int) Math.min(Integer.MAX_VALUE - 64L, context.limits().maxReadBytes());
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES)) {
      readAll(new TfRecordReader(in, file.size(), maxRecord), new EventDecoder(log), log, problems, context);
    }
    log.writeTo(r);
    r.property("crc_errors", problems.crcErrors);
    if (problems.decodeErrors > 0) {
      r.property("decode_errors", problems.decodeErrors);
    }
    problems.warnings(log.records).forEach(r::warn);
    return List.of(r);
  }

  private static void readAll(
      TfRecordReader reader, EventDecoder decoder, EventLog log, ReadProblems problems, ParseContext context)
      throws IOException {
    long n = 0;
    while (true) {
      if (++n % DEADLINE_EVERY == 0) {
        context.checkDeadline();
      }
      switch (reader.next()) {
        case RECORD -> {
          log.records++;
          try {
            decoder.decode(reader.payload(), reader.length());
          } catch (InvalidProtocolBufferException e) {
            problems.undecodable(reader.recordStart(), e.getMessage());
          }
        }
        case BAD_DATA_CRC -> problems.badDataCrc(reader.recordStart());
        case TOO_LARGE -> {
          log.records++;
          problems.tooLarge(reader.recordStart(), reader.declaredLength());
        }
        case BAD_LENGTH_CRC -> {
          problems.badLengthCrc(reader.recordStart());
          return;
        }
        case TRUNCATED -> {
          problems.truncated(reader.recordStart(), reader.declaredLength());
          return;
        }
        case END -> {
          if (n == 1) {
            problems.empty();
          }
          return;
        }
        default -> throw new IllegalStateException();
      }
    }
  }

  /**
   * The host in {@code events.out.tfevents.<seconds>.<host>[.<pid>.<n>][.v2]}, or null. Host names
   * may contain dots, so the numeric pid and counter are taken off the end.
   */
  static String hostOf(String fileName) {
    if (!fileName.startsWith(PREFIX)) {
      return null;
    }
    String[] parts = fileName.substring(PREFIX.length()).split("\\.", -1);
    int end = parts.length;
    if (end > 0 && parts[end - 1].matches("v\\d+|profile-empty")) {
      end--;
    }
    if (end >= 4 && isDigits(parts[end - 1]) && isDigits(parts[end - 2])) {
      end -= 2;
    }
    if (end < 2 || !isDigits(parts[0])) {
      return null;
    }
    String host = String.join(".", java.util.Arrays.copyOfRange(parts, 1, end));
    return host.isEmpty() ? null : host;
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
