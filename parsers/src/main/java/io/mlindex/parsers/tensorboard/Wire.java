package io.mlindex.parsers.tensorboard;

/** Protobuf tag values ({@code field << 3 | wire type}); protobuf-java keeps its own helper private. */
final class Wire {
  private Wire() {}

  static int tag(int field, int wireType) {
    return field << 3 | wireType;
  }
}
