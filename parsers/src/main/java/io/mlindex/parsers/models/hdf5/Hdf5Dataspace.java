package io.mlindex.parsers.models.hdf5;

import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.parsers.util.MalformedFileException;

/**
 * An HDF5 dataspace message (section IV.A.2.b, versions 1 and 2): the dimensions of a dataset or
 * attribute.
 *
 * @param dims current dimension sizes (empty for a scalar)
 * @param empty whether it is the null dataspace (no elements)
 */
record Hdf5Dataspace(long[] dims, boolean empty) {
  private static final int MAX_RANK = 32;

  static Hdf5Dataspace parse(byte[] data, int lengthSize) throws MalformedFileException {
    Hdf5Cursor c = new Hdf5Cursor(data);
    int version = c.u8();
    int rank = c.u8();
    c.u8(); // flags
    boolean empty = false;
    if (version == 1) {
      c.skip(5);
    } else if (version == 2) {
      empty = c.u8() == 2;
    } else {
      throw new MalformedFileException("HDF5 dataspace version " + version + " is not supported");
    }
    if (rank > MAX_RANK) {
      throw new MalformedFileException("HDF5 dataspace of rank " + rank);
    }
    long[] dims = new long[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = c.unsigned(lengthSize);
    }
    return new Hdf5Dataspace(dims, empty);
  }

  /** Number of elements, or -1 when it does not fit in a long. */
  long elements() {
    return empty ? 0 : ModelFileRecords.elements(dims);
  }
}
