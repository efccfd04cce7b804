package io.mlindex.parsers.models.hdf5;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** Random-access reads from a file channel or from bytes in memory, never past the end. */
public abstract class ByteSource implements Closeable {
  /** Bytes read in total, so that a hostile file cannot make a reader loop over the same bytes forever. */
  private long bytesRead;

  public abstract long size();

  protected abstract void readFully(long position, byte[] into) throws IOException;

  /** {@code length} bytes at {@code position}; fails when they are not all inside the source. */
  public byte[] read(long position, long length) throws IOException {
    if (position < 0 || length < 0 || position > size() || length > size() - position) {
      throw new EOFException("bytes " + position + " to " + (position + length) + " are outside the file ("
          + size() + " bytes)");
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new EOFException(length + " bytes at " + position + " are too many to read at once");
    }
    bytesRead += length;
    byte[] out = new byte[(int) length];
    readFully(position, out);
    return out;
  }

  public long bytesRead() {
    return bytesRead;
  }

  /** A source over a file channel (closed with the source). */
  public static ByteSource of(SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    return new ByteSource() {
      @Override
      public long size() {
        return size;
      }

      @Override
      protected void readFully(long position, byte[] into) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into);
        channel.position(position);
        while (b.hasRemaining()) {
          if (channel.read(b) < 0) {
            throw new EOFException("the file ended at byte " + channel.position());
          }
        }
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  /** The bytes {@code [offset, offset + size)} of this source, as a source of their own (closing it closes this). */
  public ByteSource slice(long offset, long size) throws EOFException {
    ByteSource whole = this;
    if (offset < 0 || size < 0 || offset > whole.size() - size) {
      throw new EOFException("slice " + offset + "+" + size + " is outside the file");
    }
    return new ByteSource() {
      @Override
      public long size() {
        return size;
      }

      @Override
      protected void readFully(long position, byte[] into) throws IOException {
        whole.readFully(offset + position, into);
      }

      @Override
      public void close() throws IOException {
        whole.close();
      }
    };
  }

  /** A source over bytes in memory (an archive entry read whole). */
  public static ByteSource of(byte[] bytes) {
    return new ByteSource() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      protected void readFully(long position, byte[] into) {
        System.arraycopy(bytes, (int) position, into, 0, into.length);
      }

      @Override
      public void close() {}
    };
  }
}
