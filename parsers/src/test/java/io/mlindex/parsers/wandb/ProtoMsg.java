package io.mlindex.parsers.wandb;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes protobuf messages field by field, for test fixtures (no generated classes). */
final class ProtoMsg {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

  ProtoMsg str(int field, String value) {
    return write(() -> out.writeString(field, value));
  }

  ProtoMsg i64(int field, long value) {
    return write(() -> out.writeInt64(field, value));
  }

  ProtoMsg bool(int field, boolean value) {
    return write(() -> out.writeBool(field, value));
  }

  ProtoMsg msg(int field, ProtoMsg message) {
    return raw(field, message.bytes());
  }

  ProtoMsg raw(int field, byte[] value) {
    return write(() -> out.writeByteArray(field, value));
  }

  byte[] bytes() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private interface Write {
    void run() throws IOException;
  }

  private ProtoMsg write(Write w) {
    try {
      w.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
