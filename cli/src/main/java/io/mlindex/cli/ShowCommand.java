package io.mlindex.cli;

import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.Record;
import io.mlindex.record.RecordIds;
import io.mlindex.record.RecordJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one record: by id, or every record of a path.")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID|PATH", description = "A record id (16 hex characters) or a file or folder path.")
  String ref;

  @Option(names = "--format", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format {
    text,
    json
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (RecordIndex index = main.application().openReadOnly();
        RecordSearcher searcher = index.searcher()) {
      List<Record> records = RecordLookup.find(searcher, ref, main.application().environment());
      if (records.isEmpty()) {
        throw new UserFacingException(
            "no record " + (RecordIds.looksLikeId(ref) ? "has the id " : "was harvested from ") + ref
                + "; find ids with 'mlindex search'", ExitCodes.FAILURE);
      }
      for (Record r : records) {
        if (format == Format.json) {
          out.println(RecordJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
        } else {
          RecordText.write(r, out);
        }
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
