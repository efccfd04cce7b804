package io.mlindex.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process with captured output, an isolated home and no environment. */
record CliRun(int exit, String out, String err) {
  static Environment environment(Path workingDir) {
    return new Environment(workingDir, workingDir.resolve("home"), Map.of(), Map.of(), Clock.systemUTC());
  }

  static CliRun run(Path workingDir, String... args) {
    return run(environment(workingDir), args);
  }

  static CliRun run(Environment env, String... args) {
    CommandLine cmd = Main.newCommandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
  }
}
