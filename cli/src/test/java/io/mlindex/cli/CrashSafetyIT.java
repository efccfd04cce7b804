package io.mlindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a crawling process with SIGKILL at several points and shows that the next crawl ends with
 * exactly the records of a clean crawl of the same tree (no record lost, none duplicated), and that
 * the index opens after every kill.
 */
class CrashSafetyIT {
  @TempDir static Path work;
  private static Path tree;
  private static List<String> clean;

  @BeforeAll
  static void cleanCrawl() throws Exception {
    tree = work.resolve("tree");
    for (int i = 0; i < 12; i++) {
      FixtureTree.write(tree.resolve("project-" + i));
    }
    CliRun crawl = CliRun.run(work, "--index", work.resolve("clean").toString(), "crawl", "tree");
    assertEquals(0, crawl.exit(), crawl.toString());
    clean = export(work.resolve("clean"));
    assertEquals(12 * 8, clean.size()); // 8 records per FixtureTree (see CliTest)
  }

  static List<String> export(Path index) {
    CliRun export = CliRun.run(work, "--index", index.toString(), "export");
    assertEquals(0, export.exit(), export.toString());
    List<String> lines = new ArrayList<>(export.out().lines().toList());
    lines.sort(null);
    return lines;
  }

  @ParameterizedTest(name = "killed at {0} {1}")
  @CsvSource({"units, 1", "units, 30", "between, 1", "between, 3", "commit, 2", "commit, 4"})
  void theNextCrawlEndsWithExactlyTheCleanRecords(String mode, int n) throws Exception {
    Path index = work.resolve("idx-" + mode + "-" + n);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashingCrawl.class.getName(), index.toString(), tree.toString(), mode, String.valueOf(n))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    boolean reached = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.equals("POINT")) {
          reached = true;
          child.destroyForcibly(); // SIGKILL
          break;
        }
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertTrue(reached, "the child never reached " + mode + " " + n);

    CliRun stats = CliRun.run(work, "--index", index.toString(), "stats");
    assertEquals(0, stats.exit(), "the index opens after the kill: " + stats);
    CliRun recrawl = CliRun.run(work, "--index", index.toString(), "crawl", "tree");
    assertEquals(0, recrawl.exit(), recrawl.toString());
    assertEquals(clean, export(index));
  }
}
