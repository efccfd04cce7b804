package io.mlindex.cli;

import io.mlindex.config.RootSettings;
import io.mlindex.crawler.CrawlReport;
import io.mlindex.crawler.Crawler;
import io.mlindex.crawler.Trigger;
import io.mlindex.index.RecordIndex;
import io.mlindex.record.RecordJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the given folders (or the roots of the settings file) into the index.",
      "Only what changed since the last crawl is read again. Nothing is written into the folders."
    })
final class CrawlCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ROOT", arity = "0..*", description = "Folders (or single files) to crawl.")
  List<Path> roots;

  @Option(names = "--format", defaultValue = "text", description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ReportFormat format;

  enum ReportFormat {
    text,
    json
  }

  @Override
  public Integer call() throws Exception {
    Application app = main.application();
    List<RootSettings> targets = app.roots(roots);
    if (targets.isEmpty()) {
      throw new UserFacingException(
          "nothing to crawl: give one or more folders (mlindex crawl ~/experiments) or list roots in a settings file (--config)",
          ExitCodes.USAGE);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean failed = false;
    try (RecordIndex index = app.openWritable()) {
      Crawler crawler = app.crawler(index);
      for (RootSettings root : targets) {
        CrawlReport report;
        try (ConsoleProgress progress = ConsoleProgress.start(err, root.path().toString())) {
          report = crawler.crawl(root, Trigger.CLI, progress);
        }
        failed |= report.status == CrawlReport.Status.FAILED;
        printReport(report, out, err);
      }
    }
    return failed ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private void printReport(CrawlReport report, PrintWriter out, PrintWriter err) throws Exception {
    if (format == ReportFormat.json) {
      out.println(RecordJson.mapper().writeValueAsString(report));
      out.flush();
    }
    if (report.error != null) {
      err.println("mlindex: " + report.error);
    }
    err.println(report.summary());
    if (report.unitsParsed == 0 && report.unitsRemoved == 0 && report.error == null) {
      err.println("Nothing changed since the last crawl; nothing was parsed.");
    }
    int shown = 0;
    for (var w : report.warnings) {
      if (shown++ == 20) {
        err.println("  ... and " + (report.warningsTotal - 20) + " more (use --format json for all)");
        break;
      }
      err.println("  warning: " + w);
    }
    err.flush();
  }
}
