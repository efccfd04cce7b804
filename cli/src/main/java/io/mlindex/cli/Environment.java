package io.mlindex.cli;

import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * What the process gets from outside: working folder, home, environment variables, system
 * properties, clock. Injected so that tests control every input.
 */
public record Environment(
    Path workingDir, Path home, Map<String, String> env, Map<String, String> systemProperties, Clock clock) {

  public static Environment system() {
    Map<String, String> props = new HashMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    return new Environment(
        FileSystems.getDefault().getPath("").toAbsolutePath(),
        FileSystems.getDefault().getPath(System.getProperty("user.home")),
        System.getenv(),
        props,
        Clock.systemUTC());
  }

  static void flush(PrintWriter... writers) {
    for (PrintWriter w : writers) {
      w.flush();
    }
  }
}
