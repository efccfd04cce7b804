package io.mlindex.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.index.SearchRequest;
import io.mlindex.index.SearchResult;
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

@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Searches the index. Examples:",
      "  mlindex search 'metric.accuracy:>0.9' --sort metric.accuracy:desc",
      "  mlindex search 'resnet AND param.optimizer.lr:[1e-4 TO 1e-2] AND format:mlflow'"
    })
final class SearchCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "QUERY", arity = "0..*", description = "The query (words are joined with spaces; blank: everything).")
  List<String> query;

  @Option(names = "--sort", paramLabel = "FIELD[:asc|desc]", description = "Sort by a field, e.g. metric.val_acc:desc (default: best match).")
  String sort;

  @Option(names = "--limit", defaultValue = "20", description = "Hits to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", defaultValue = "0", description = "Hits to skip (default: ${DEFAULT-VALUE}).")
  int offset;

  @Option(names = "--format", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    String q = query == null ? "" : String.join(" ", query);
    PrintWriter out = spec.commandLine().getOut();
    try (RecordIndex index = main.application().openReadOnly();
        RecordSearcher searcher = index.searcher()) {
      SearchResult result = searcher.search(new SearchRequest(q, sort, limit, offset, List.of(), false));
      switch (format) {
        case json -> {
          ObjectNode node = RecordJson.mapper().createObjectNode();
          node.put("total", result.total());
          node.set("hits", RecordJson.mapper().valueToTree(result.hits()));
          out.println(RecordJson.mapper().writeValueAsString(node));
        }
        case csv -> RecordTable.of(result.hits(), q, sort).writeCsv(out);
        case table -> {
          RecordTable.of(result.hits(), q, sort).writeTable(out);
          PrintWriter err = spec.commandLine().getErr();
          err.printf(java.util.Locale.ROOT, "%d of %d records%n", result.hits().size(), result.total());
          err.flush();
        }
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  enum OutputFormat {
    table,
    json,
    csv
  }
}
