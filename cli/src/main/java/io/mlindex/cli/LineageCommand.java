package io.mlindex.cli;

import io.mlindex.index.LineageDirection;
import io.mlindex.index.LineageException;
import io.mlindex.index.LineageRequest;
import io.mlindex.index.LineageResult;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.RecordIds;
import io.mlindex.record.RecordJson;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description = {
      "Shows where a record, file or content came from and what came from it. Examples:",
      "  mlindex lineage data/raw.csv --down",
      "  mlindex lineage 3f9c0a1b2c3d4e5f --up --format dot | dot -Tsvg > lineage.svg",
      "A relative path resolves against the working folder; if nothing is there it matches every",
      "indexed path ending with it."
    })
final class LineageCommand implements Callable<Integer> {
  private static final Pattern HASH = Pattern.compile("^[a-z0-9-]+:[0-9a-fA-F]{8,}(\\.dir)?$");

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID|PATH|HASH", description = "A record id, a path, a named reference or a hash (md5:..., sha256:...).")
  String ref;

  @ArgGroup(exclusive = true)
  Direction direction = new Direction();

  static final class Direction {
    @Option(names = "--up", description = "Upstream only: what it came from.")
    boolean up;

    @Option(names = "--down", description = "Downstream only: what came from it.")
    boolean down;

    @Option(names = "--both", description = "Both ways (the default).")
    boolean both;

    LineageDirection value() {
      return up ? LineageDirection.UP : down ? LineageDirection.DOWN : LineageDirection.BOTH;
    }
  }

  @Option(names = "--depth", paramLabel = "N", description = "Most edges from the start (default: unlimited).")
  Integer depth;

  @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "" + LineageRequest.DEFAULT_MAX_NODES,
      description = "Most nodes to show; a bigger graph is cut and says so (default: ${DEFAULT-VALUE}).")
  int maxNodes;

  @Option(names = "--format", defaultValue = "tree", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format {
    tree,
    json,
    dot
  }

  @Override
  public Integer call() throws Exception {
    if (depth != null && depth < 0) {
      throw new UserFacingException("--depth must not be negative", ExitCodes.USAGE);
    }
    if (maxNodes < 1) {
      throw new UserFacingException("--max-nodes must be at least 1", ExitCodes.USAGE);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LineageResult result;
    try (RecordIndex index = main.application().openReadOnly();
        RecordSearcher searcher = index.searcher()) {
      result = answer(searcher);
    }
    switch (format) {
      case json -> out.println(RecordJson.mapper().writeValueAsString(result));
      case dot -> LineageDot.write(result, out);
      case tree -> LineageTree.write(result, direction.value(), out);
    }
    out.flush();
    err.printf(Locale.ROOT, "%d nodes, %d edges%s%n", result.nodes().size(), result.edges().size(),
        result.truncated() ? "; truncated at " + maxNodes + " nodes (raise --max-nodes or lower --depth)" : "");
    err.flush();
    return ExitCodes.OK;
  }

  /** Tries the reference as given on the command line, resolved against the working folder first. */
  private LineageResult answer(RecordSearcher searcher) throws Exception {
    int maxDepth = depth == null ? LineageRequest.UNLIMITED : depth;
    String local = asLocalPath(ref);
    try {
      return searcher.lineage(new LineageRequest(local != null ? local : ref, direction.value(), maxDepth, maxNodes));
    } catch (LineageException e) {
      if (local != null && e.reason() == LineageException.Reason.NOT_FOUND && !ref.startsWith("/")) {
        try {
          return searcher.lineage(new LineageRequest(ref, direction.value(), maxDepth, maxNodes));
        } catch (LineageException second) {
          throw userFacing(second);
        }
      }
      throw userFacing(e);
    }
  }

  /** The absolute path a command-line path stands for, or null for ids, hashes and what is no path here. */
  private String asLocalPath(String text) {
    if (RecordIds.looksLikeId(text) || HASH.matcher(text).matches() || text.isBlank()) {
      return null;
    }
    try {
      return PosixPaths.of(main.application().environment().workingDir().resolve(text));
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static UserFacingException userFacing(LineageException e) {
    int code = e.reason() == LineageException.Reason.NOT_FOUND ? ExitCodes.FAILURE : ExitCodes.USAGE;
    String hint = e.reason() == LineageException.Reason.NOT_FOUND ? "; find ids and paths with 'mlindex search'" : "";
    return new UserFacingException(e.getMessage() + hint, code);
  }
}
