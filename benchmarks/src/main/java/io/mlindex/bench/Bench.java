package io.mlindex.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one benchmark by name: {@code ./bench <name> [args]}. Each benchmark prints what it measured
 * and the machine it ran on; the figures go into BENCHMARKS.md by hand, with the date.
 */
public final class Bench {
  /** A benchmark: a main method with its own arguments. */
  public interface Benchmark {
    void run(String[] args) throws Exception;
  }

  private static final Map<String, Benchmark> BENCHMARKS = new TreeMap<>();

  static {
    // Benchmarks register here: BENCHMARKS.put("name", Class::main).
    BENCHMARKS.put("incremental", IncrementalCrawlBenchmark::main);
    BENCHMARKS.put("tfevents", TfeventsBenchmark::main);
    BENCHMARKS.put("lineage", LineageBenchmark::main);
    BENCHMARKS.put("server-load", ServerLoadBenchmark::main);
  }

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
      System.err.println("usage: ./bench <name> [args]; benchmarks: " + BENCHMARKS.keySet());
      System.exit(2);
    }
    System.err.println(machine());
    BENCHMARKS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
  }

  /** One line that says where the figures came from. */
  public static String machine() {
    Runtime rt = Runtime.getRuntime();
    return String.format(Locale.ROOT, "machine: %s %s, %d cores, max heap %d MiB, Java %s",
        System.getProperty("os.name"), System.getProperty("os.arch"), rt.availableProcessors(),
        rt.maxMemory() >> 20, Runtime.version());
  }
}
