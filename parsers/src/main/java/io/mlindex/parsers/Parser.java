package io.mlindex.parsers;

/**
 * A format reader, discovered through {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.mlindex.parsers.Parser}. A parser is either a {@link FileParser} (its
 * unit is one file) or a {@link DirectoryParser} (its unit is a run folder).
 *
 * <p>Parsers never execute, unpickle or construct anything they read, never write to the tree, and
 * treat bad input as normal: a damaged file becomes a record with a warning (see {@link
 * io.mlindex.record.Record#warn}), not an exception, wherever some of it could be read.
 */
public interface Parser {
  /** A short lowercase name ({@code notebook}, {@code mlflow-run}); letters, digits and '-'. */
  String name();

  /**
   * When several file parsers accept the same file, the one with the highest priority reads it.
   * Specific formats ({@code trainer_state.json}) rank above generic ones (any {@code .json}).
   */
  default int priority() {
    return 0;
  }
}
