package io.mlindex.parsers.models.keras;

import static io.mlindex.parsers.models.keras.KerasH5ParserTest.ordered;

import io.mlindex.parsers.models.Hdf5Fixture;
import io.mlindex.parsers.models.Hdf5Fixture.VarString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Keras fixtures for tests outside this package. */
public final class KerasFixtures {
  private KerasFixtures() {}

  public static byte[] legacyH5() {
    return KerasH5ParserTest.legacyModel(0, true);
  }

  /** A full model in the latest HDF5 file format, attributes in a continuation block. */
  public static byte[] latestH5() {
    Hdf5Fixture h = new Hdf5Fixture(0, true).attributesInContinuation();
    long weights = h.linkGroup(ordered("dense", h.linkGroup(ordered("kernel:0", h.dataset(5, 5)))));
    long root = h.attr("keras_version", new VarString("2.2.4")).attr("model_config", new VarString(KerasH5ParserTest.MODEL_CONFIG))
        .linkGroup(ordered("model_weights", weights));
    return h.finish(root);
  }

  public static byte[] zip() throws IOException {
    return KerasZipParserTest.zip(ordered("metadata.json", KerasZipParserTest.METADATA.getBytes(StandardCharsets.UTF_8),
        "config.json", KerasZipParserTest.CONFIG.getBytes(StandardCharsets.UTF_8), "model.weights.h5", KerasZipParserTest.weights()));
  }
}
