package io.mlindex.parsers.models.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes protobuf messages field by field with CodedOutputStream, for ONNX fixtures. */
final class ProtoBytes {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

  ProtoBytes varint(int field, long value) {
    return write(() -> out.writeInt64(field, value));
  }

  ProtoBytes string(int field, String value) {
    return write(() -> out.writeString(field, value));
  }

  ProtoBytes bytes(int field, byte[] value) {
    return write(() -> out.writeBytes(field, ByteString.copyFrom(value)));
  }

  ProtoBytes message(int field, ProtoBytes message) {
    return bytes(field, message.build());
  }

  /** A packed repeated int64 field. */
  ProtoBytes packed(int field, long... values) {
    ProtoBytes inner = new ProtoBytes();
    for (long v : values) {
      inner.write(() -> inner.out.writeInt64NoTag(v));
    }
    return bytes(field, inner.build());
  }

  byte[] build() {
    write(out::flush);
    return bytes.toByteArray();
  }

  private interface Write {
    void run() throws IOException;
  }

  private ProtoBytes write(Write w) {
    try {
      w.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
