package io.mlindex.parsers.mlflow;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.SeriesBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The key-per-file folders of an MLflow run: params, tags, metrics and artifacts. */
final class MlflowFolders {
  /** Deepest nesting followed in params/metrics/tags ('/' in a name is a folder). */
  private static final int MAX_DEPTH = 16;
  /** Most artifact files listed as outputs of one run. */
  static final int MAX_ARTIFACTS = 1000;

  private MlflowFolders() {}

  /** Calls {@code sink} with (name, content) for every file under {@code folder}, names joined by '/'. */
  static void readValues(Path folder, Record r, ParseContext context, BiConsumer<String, String> sink) {
    for (Path file : files(folder, r)) {
      String key = relativeName(folder, file);
      r.source(PosixPaths.of(file));
      try {
        sink.accept(key, BoundedReads.readString(file, context.limits().maxReadBytes()));
      } catch (IOException e) {
        r.warn(folder.getFileName() + "/" + key + " could not be read: " + e.getMessage());
      }
    }
  }

  /**
   * Reads every metric file: lines of {@code timestamp value [step]}. The latest value follows
   * MLflow's rule (greatest step, then timestamp). Garbage lines are skipped with a warning.
   */
  static void readMetrics(Path folder, Record r, ParseContext context) {
    for (Path file : files(folder, r)) {
      String key = relativeName(folder, file);
      r.source(PosixPaths.of(file));
      SeriesBuilder series = new SeriesBuilder(SeriesBuilder.LastRule.MAX_STEP_THEN_TIME);
      int bad = 0;
      String firstBad = null;
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
          lineNo++;
          if ((lineNo & 0xfff) == 0) {
            context.checkDeadline();
          }
          if (line.isBlank()) {
            continue;
          }
          String[] parts = line.trim().split("\\s+");
          Long time = parts.length >= 2 ? Numbers.parseLong(parts[0]) : null;
          Double value = parts.length >= 2 ? Numbers.parseDouble(parts[1]) : null;
          Long step = parts.length >= 3 ? Numbers.parseLong(parts[2]) : Long.valueOf(0);
          if (time == null || value == null || step == null || parts.length > 3) {
            if (bad++ == 0) {
              firstBad = "line " + lineNo + " '" + abbreviate(line) + "'";
            }
            continue;
          }
          series.add(step, value, time);
        }
      } catch (IOException e) {
        r.warn("metrics/" + key + " could not be read: " + e.getMessage());
      }
      if (bad > 0) {
        r.warn("metrics/" + key + ": skipped " + bad + " malformed line(s), first " + firstBad
            + "; expected 'timestamp value [step]'");
      }
      Metric m = series.build();
      if (m != null) {
        r.metric(key, m);
      }
    }
  }

  /** Files under the run's artifacts folder become its outputs (bounded, with a warning past the bound). */
  static void artifactOutputs(Path artifacts, Record r, ParseContext context) {
    if (!Files.isDirectory(artifacts, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> found = new ArrayList<>();
    boolean more = collect(artifacts, found, 0, r);
    for (Path p : found) {
      r.getLineage().output(LineageRef.path(PosixPaths.of(p), "artifact"));
    }
    if (more) {
      r.warn("artifacts: more than " + MAX_ARTIFACTS + " files; only the first " + MAX_ARTIFACTS
          + " are listed as outputs");
    }
  }

  private static boolean collect(Path dir, List<Path> out, int depth, Record r) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      List<Path> sorted = new ArrayList<>();
      entries.forEach(sorted::add);
      sorted.sort(null);
      for (Path p : sorted) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          if (collect(p, out, depth + 1, r)) {
            return true;
          }
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          if (out.size() == MAX_ARTIFACTS) {
            return true;
          }
          out.add(p);
        }
      }
    } catch (IOException e) {
      r.warn("artifacts folder " + dir.getFileName() + " could not be listed: " + e.getMessage());
    }
    return false;
  }

  /** Regular files under a folder, sorted, depth-bounded; symlinks are not followed. */
  private static List<Path> files(Path folder, Record r) {
    List<Path> out = new ArrayList<>();
    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      walk(folder, out, 0, r);
    }
    return out;
  }

  private static void walk(Path dir, List<Path> out, int depth, Record r) {
    if (depth > MAX_DEPTH) {
      r.warn(dir + " nests deeper than " + MAX_DEPTH + " folders; the rest was not read");
      return;
    }
    List<Path> sorted = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(sorted::add);
    } catch (IOException e) {
      r.warn(dir.getFileName() + " could not be listed: " + e.getMessage());
      return;
    }
    sorted.sort(null);
    for (Path p : sorted) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        walk(p, out, depth + 1, r);
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        out.add(p);
      }
    }
  }

  private static String relativeName(Path folder, Path file) {
    StringBuilder sb = new StringBuilder();
    for (Path part : folder.relativize(file)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  private static String abbreviate(String line) {
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }
}
