package io.mlindex.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.Record;
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

@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Shows how a record's params and metrics changed between crawls, newest first.")
final class HistoryCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID|PATH", description = "A record id or the path it was harvested from.")
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
        throw new UserFacingException("no record matches " + ref + "; find ids with 'mlindex search'", ExitCodes.FAILURE);
      }
      for (Record r : records) {
        List<ObjectNode> versions = searcher.history(r.getId());
        if (format == Format.json) {
          ObjectNode n = RecordJson.mapper().createObjectNode();
          n.set("current", RecordJson.mapper().valueToTree(r));
          n.set("versions", RecordJson.mapper().valueToTree(versions));
          out.println(RecordJson.mapper().writeValueAsString(n));
          continue;
        }
        out.println(r.getName() + "  [" + r.getKind().id() + ", " + r.getFormat() + "]  id " + r.getId());
        if (versions.isEmpty()) {
          out.println("  no earlier versions: its params and metrics have not changed since it was first harvested");
        }
        for (ObjectNode v : versions) {
          out.println("  replaced " + v.path("replaced").asText() + " by crawl " + v.path("crawl").asText());
          v.path("changes").path("params").fields().forEachRemaining(e ->
              out.println("    param " + e.getKey() + ": " + e.getValue().get(0) + " -> " + e.getValue().get(1)));
          v.path("changes").path("metrics").fields().forEachRemaining(e ->
              out.println("    metric " + e.getKey() + ": " + e.getValue().get(0) + " -> " + e.getValue().get(1)));
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
