package io.mlindex.parsers.tensorboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Damage found while reading one event file, summarised as a few warnings (one per kind, with a
 * count and the first offset) rather than one per bad record.
 */
final class ReadProblems {
  private final String file;
  long crcErrors;
  long decodeErrors;
  private long badDataCrc;
  private long firstBadDataCrc = -1;
  private long firstUndecodable = -1;
  private String undecodableReason;
  private long tooLarge;
  private long firstTooLarge = -1;
  private long largestDeclared;
  private String stop;
  private boolean empty;

  ReadProblems(String file) {
    this.file = file;
  }

  void badDataCrc(long offset) {
    crcErrors++;
    if (badDataCrc++ == 0) {
      firstBadDataCrc = offset;
    }
  }

  void undecodable(long offset, String reason) {
    if (decodeErrors++ == 0) {
      firstUndecodable = offset;
      undecodableReason = reason;
    }
  }

  void tooLarge(long offset, long declared) {
    if (tooLarge++ == 0) {
      firstTooLarge = offset;
    }
    largestDeclared = Math.max(largestDeclared, declared);
  }

  void badLengthCrc(long offset) {
    crcErrors++;
    stop = "the length of the record at byte " + offset + " fails its CRC check, so the framing after it cannot be trusted; "
        + "reading stopped there";
  }

  void truncated(long offset, long declared) {
    stop = "the file ends inside the record at byte " + offset
        + (declared > 0 ? " (which declares " + declared + " bytes)" : "")
        + "; the tail is truncated (or still being written)";
  }

  void empty() {
    empty = true;
  }

  /** The warnings, saying how many records were kept. */
  List<String> warnings(long recordsRead) {
    List<String> out = new ArrayList<>();
    if (badDataCrc > 0) {
      out.add(file + ": " + badDataCrc + " record(s) failed their data CRC check and were skipped (the first at byte "
          + firstBadDataCrc + ")");
    }
    if (decodeErrors > 0) {
      out.add(file + ": " + decodeErrors + " record(s) are not valid Event protobufs and were skipped (the first at byte "
          + firstUndecodable + ": " + undecodableReason + ")");
    }
    if (tooLarge > 0) {
      out.add(file + ": " + tooLarge + " record(s) larger than limits.max_read_bytes (up to " + largestDeclared
          + " bytes, the first at byte " + firstTooLarge + ") were checked and skipped unread");
    }
    if (empty) {
      out.add(file + ": the file is empty");
    }
    if (stop != null) {
      out.add(file + ": " + stop + "; the " + recordsRead + " record(s) before it were kept");
    }
    return out;
  }
}
