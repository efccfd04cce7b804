package io.mlindex.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One tree to crawl.
 *
 * @param path absolute, normalised root folder
 * @param include glob patterns (relative to the root) a file must match to be read; empty means all
 * @param exclude glob patterns (relative to the root) of files and folders to skip, on top of the
 *     built-in noise list ({@code .git}, {@code node_modules}, virtual envs, ...)
 * @param schedule a Quartz cron expression for {@code serve}, or null for the crawl default
 * @param quietPeriod files modified more recently than this are left for a later crawl
 */
public record RootSettings(
    Path path, List<String> include, List<String> exclude, String schedule, Duration quietPeriod) {

  public RootSettings {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  /** A root with no globs, the default schedule and no quiet period. */
  public static RootSettings of(Path path) {
    return new RootSettings(path, List.of(), List.of(), null, Duration.ZERO);
  }
}
