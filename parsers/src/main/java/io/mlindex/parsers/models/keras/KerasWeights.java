package io.mlindex.parsers.models.keras;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.models.hdf5.Hdf5File;
import io.mlindex.parsers.models.hdf5.Hdf5Tree;
import io.mlindex.record.Record;
import io.mlindex.parsers.util.MalformedFileException;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The parameter count of Keras weights stored in HDF5: the total elements of the weight datasets,
 * leaving out optimizer state, as Keras's {@code count_params()} counts (trainable and not).
 */
final class KerasWeights {
  /** Where the weights sit in the file. */
  enum Layout {
    /** A legacy full-model .h5: weights under {@code model_weights}, optimizer state beside them. */
    LEGACY_MODEL,
    /** Weights at the top level (legacy save_weights, Keras 3 weights); optimizer and metric state skipped. */
    WEIGHTS
  }

  private KerasWeights() {}

  /**
   * Whether a path is model state rather than optimizer or metric state. Keras 3 writes
   * {@code layers/...}, {@code optimizer/...}, {@code metrics/...}; files saved on Windows by
   * Keras 2.15 spell the top level {@code layers\dense}.
   */
  static boolean isModelState(String path) {
    String top = path.split("[/\\\\]", 2)[0].toLowerCase(Locale.ROOT);
    return !top.contains("optimizer") && !top.startsWith("metrics");
  }

  static void count(Hdf5File f, Layout layout, Record r, ParseContext context) throws IOException {
    Predicate<String> enter = layout == Layout.LEGACY_MODEL
        ? p -> p.equals("model_weights") || p.startsWith("model_weights/")
        : KerasWeights::isModelState;
    Hdf5Tree.Totals t;
    try {
      t = new Hdf5Tree(f, context::checkDeadline).datasets(f.rootAddress(), enter);
    } catch (MalformedFileException | EOFException e) {
      r.warn(r.getName() + ": the weights could not all be walked (" + e.getMessage() + "); the parameter count is not given");
      return;
    }
    r.property("weight_count", t.datasets);
    r.property("weight_dtypes", new ArrayList<>(t.dtypes.keySet()));
    if (t.groupsNotWalked > 0) {
      r.warn(r.getName() + ": " + t.groupsNotWalked + " weight groups keep their members in dense storage (a fractal"
          + " heap), which is not read; the parameter count is not given");
    } else if (t.elementsUnknown) {
      r.warn(r.getName() + ": some weight shapes could not be read; the parameter count is not given");
    } else {
      r.property("parameters", t.elements);
    }
  }
}
