package io.mlindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.RecordJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "crawls", mixinStandardHelpOptions = true, description = "Shows the crawl history, newest first.")
final class CrawlsCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--limit", defaultValue = "20", description = "Crawls to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--format", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format {
    table,
    json
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (RecordIndex index = main.application().openReadOnly();
        RecordSearcher searcher = index.searcher()) {
      List<String> reports = searcher.crawls(limit);
      if (format == Format.json) {
        out.println("[" + String.join(",", reports) + "]");
      } else {
        out.printf(Locale.ROOT, "%-24s %-8s %-7s %8s %8s %8s %8s %8s %8s  %s%n",
            "START", "TRIGGER", "STATUS", "SECONDS", "FILES", "PARSED", "REMOVED", "RECORDS", "WARNINGS", "ROOT");
        for (String json : reports) {
          JsonNode r = RecordJson.mapper().readTree(json);
          out.printf(Locale.ROOT, "%-24s %-8s %-7s %8.1f %8d %8d %8d %8d %8d  %s%n",
              r.path("start").asText(), r.path("trigger").asText(), r.path("status").asText(), r.path("seconds").asDouble(),
              r.path("files_seen").asLong(), r.path("units_parsed").asLong(), r.path("units_removed").asLong(),
              r.path("records_written").asLong(), r.path("warnings_total").asLong(), r.path("root").asText());
          if (r.hasNonNull("error")) {
            out.println("  error: " + r.get("error").asText());
          }
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
