package io.mlindex.parsers.models.gguf;

import java.nio.ByteOrder;

/** GGUF fixtures for tests outside this package. */
public final class GgufFixtures {
  private GgufFixtures() {}

  /** A small valid file with every value type, an array and tensors. */
  public static byte[] small() {
    return GgufParserTest.model(ByteOrder.LITTLE_ENDIAN);
  }
}
