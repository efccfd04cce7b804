package io.mlindex.cli;

import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true, description = "Shows what the index holds.")
final class StatsCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (RecordIndex index = main.application().openReadOnly();
        RecordSearcher searcher = index.searcher()) {
      out.println("index        " + index.path());
      out.printf(Locale.ROOT, "size         %.1f MiB%n", index.sizeOnDisk() / 1048576.0);
      out.println("last commit  " + index.lastCommit());
      out.println("records      " + searcher.count(""));
      for (String[] root : searcher.unreachableRoots()) {
        out.println("unreachable  " + root[0] + " (missing at the crawl of " + root[1] + "; its records are kept;"
            + " 'mlindex forget' drops them)");
      }
      counts(out, "by kind", searcher.countBy("kind"));
      counts(out, "by format", searcher.countBy("format"));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void counts(PrintWriter out, String title, Map<String, Long> counts) {
    out.println(title);
    counts.forEach((k, v) -> out.printf(Locale.ROOT, "  %-14s %d%n", k, v));
  }
}
