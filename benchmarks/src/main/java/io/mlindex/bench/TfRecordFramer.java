package io.mlindex.bench;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/** TFRecord framing: length, masked CRC32C of the length, payload, masked CRC32C of the payload. */
final class TfRecordFramer implements AutoCloseable {
  private final OutputStream out;
  private final CRC32C crc = new CRC32C();
  private final ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
  long written;

  TfRecordFramer(OutputStream out) {
    this.out = out;
  }

  void record(byte[] payload) throws IOException {
    header.clear();
    header.putLong(0, payload.length);
    header.putInt(8, masked(header.array(), 8));
    out.write(header.array(), 0, 12);
    out.write(payload);
    footer.putInt(0, masked(payload, payload.length));
    out.write(footer.array(), 0, 4);
    written += 16 + payload.length;
  }

  private int masked(byte[] b, int len) {
    crc.reset();
    crc.update(b, 0, len);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Writes one protobuf message. */
  interface Body {
    void write(CodedOutputStream o) throws IOException;
  }

  /** The bytes of a message written by {@code body}. */
  static byte[] message(Body body) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    CodedOutputStream o = CodedOutputStream.newInstance(b);
    body.write(o);
    o.flush();
    return b.toByteArray();
  }
}
