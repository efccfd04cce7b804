package io.mlindex.parsers.wandb;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads protobuf messages field by field with protobuf-java's wire reader, without generated
 * classes: a visitor sees each field number and wire type and reads the fields it knows; the rest
 * are skipped. A length that runs past the message fails with an exception, never an allocation.
 */
final class ProtoFields {
  /** Sees one field; returns true when it consumed the value, false to have it skipped. */
  interface Visitor {
    boolean visit(int field, int wireType, CodedInputStream in) throws IOException;
  }

  private ProtoFields() {}

  static void read(ByteString message, Visitor visitor) throws IOException {
    CodedInputStream in = message.newCodedInput();
    in.enableAliasing(true); // nested messages share the record's bytes instead of copies
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = WireFormat.getTagFieldNumber(tag);
      int wireType = WireFormat.getTagWireType(tag);
      if (!visitor.visit(field, wireType, in)) {
        in.skipField(tag);
      }
    }
  }

  static boolean isBytes(int wireType) {
    return wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  static boolean isVarint(int wireType) {
    return wireType == WireFormat.WIRETYPE_VARINT;
  }

  /** A {@code google.protobuf.Timestamp} (seconds = 1, nanos = 2), or null when unset or absurd. */
  static Instant timestamp(ByteString message) throws IOException {
    long[] secondsNanos = new long[2];
    read(message, (field, wireType, in) -> {
      if (isVarint(wireType) && (field == 1 || field == 2)) {
        secondsNanos[field - 1] = in.readInt64();
        return true;
      }
      return false;
    });
    long seconds = secondsNanos[0];
    if (seconds <= 0 || seconds > 32503680000L) { // unset, or after the year 3000
      return null;
    }
    return Instant.ofEpochSecond(seconds, Math.floorMod(secondsNanos[1], 1_000_000_000L));
  }
}
