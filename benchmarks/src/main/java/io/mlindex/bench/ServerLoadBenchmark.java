package io.mlindex.bench;

import io.mlindex.config.ServerSettings;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.Record;
import io.mlindex.server.SearchServer;
import io.mlindex.server.ServerOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 8's load figures: an index of N generated records (1 M by default), the HTTP server over
 * it on loopback, C clients (8) sending a mix of term, numeric-range, sort and facet searches for
 * S seconds (60, after a 10 s warm-up) while a writer thread rewrites records and commits every
 * second as a crawl does; prints p50/p99/max latency per kind of query and the errors. Usage:
 * {@code ./bench server-load [records=1000000] [seconds=60] [clients=8] [dir] [no-writer]}. The
 * index is kept in dir and reused when it already holds N records.
 */
public final class ServerLoadBenchmark {
  private static final String[] KINDS = {"term", "range", "sort", "facet"};

  private ServerLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path base = args.length > 3 ? FileSystems.getDefault().getPath(args[3]) : Files.createTempDirectory("mlindex-load");
    boolean writing = args.length <= 4 || !args[4].equals("no-writer");
    Path dir = base.resolve("load-index-" + records);
    try (RecordIndex index = RecordIndex.openWritable(dir, Clock.systemUTC())) {
      index.setHistoryVersions(0);
      generate(index, records);
      try (SearchServer server = new SearchServer(index, new ServerSettings("127.0.0.1", 0, null, List.of()), null,
          List.of("/bench"), ServerOptions.defaults()).start()) {
        System.out.println("server " + server + "; load average before: " + loadAverage());
        run(server.port(), index, records, 10, clients, false, writing);
        run(server.port(), index, records, seconds, clients, true, writing);
        System.out.println(serverSide(server.port()));
        System.out.println("load average after: " + loadAverage());
      }
    }
  }

  private static void generate(RecordIndex index, int records) throws Exception {
    long have;
    try (RecordSearcher s = index.searcher()) {
      have = s.count("");
    }
    if (have >= records) {
      System.out.printf(Locale.ROOT, "reusing the index with %d records at %s (%d MiB)%n", have, index.path(), index.sizeOnDisk() >> 20);
      return;
    }
    long t = System.nanoTime();
    Random random = new Random(42);
    for (long i = have; i < records; i++) {
      GeneratedRecords.put(index, GeneratedRecords.record(i, random));
      if (i % 100_000 == 99_999) {
        index.commit();
        System.out.printf(Locale.ROOT, "  %d records, %.0f s%n", i + 1, (System.nanoTime() - t) / 1e9);
      }
    }
    index.commit();
    System.out.printf(Locale.ROOT, "generated %d records in %.0f s; index %d MiB%n", records - have,
        (System.nanoTime() - t) / 1e9, index.sizeOnDisk() >> 20);
  }

  /** One query of the mix, its kind chosen round-robin-ish by the random source. */
  static String[] query(Random random) {
    String kind = KINDS[random.nextInt(KINDS.length)];
    String team = GeneratedRecords.TEAMS[random.nextInt(GeneratedRecords.TEAMS.length)];
    String q = switch (kind) {
      case "term" -> switch (random.nextInt(4)) {
        case 0 -> "q=" + enc("param.optimizer:" + GeneratedRecords.OPTIMIZERS[random.nextInt(4)] + " AND tag.team:" + team);
        case 1 -> "q=" + enc(GeneratedRecords.WORDS[random.nextInt(GeneratedRecords.WORDS.length)]) + "&highlight=true";
        case 2 -> "q=" + enc("format:" + GeneratedRecords.RUN_FORMATS[random.nextInt(8)] + " AND experiment:exp-" + random.nextInt(500));
        default -> "q=" + enc("param.model:" + GeneratedRecords.MODELS[random.nextInt(8)] + " AND code.imports:torch");
      };
      case "range" -> {
        double lo = 0.5 + 0.45 * random.nextDouble();
        yield "q=" + enc(String.format(Locale.ROOT, "metric.val_acc:[%.3f TO %.3f] AND param.lr:<%.4f", lo, lo + 0.01,
            Math.pow(10, -1 - 3 * random.nextDouble())));
      }
      case "sort" -> "q=" + enc("kind:run AND tag.team:" + team) + "&sort=" + enc(random.nextBoolean() ? "metric.val_acc:desc" : "time.start:desc,name");
      default -> "q=" + enc(random.nextBoolean() ? "kind:run" : "tag.team:" + team)
          + "&facets=" + enc("kind,format,experiment,tag.team,param.optimizer") + "&limit=10";
    };
    return new String[] {kind, q};
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The server's own view: mean time per search from its Prometheus histogram. */
  private static String serverSide(int port) throws Exception {
    String m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    double sum = 0;
    double count = 0;
    for (String line : m.split("\n")) {
      if (line.startsWith("mlindex_http_request_duration_seconds_sum{method=\"GET\",route=\"/api/search\"}")) {
        sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      } else if (line.startsWith("mlindex_http_request_duration_seconds_count{method=\"GET\",route=\"/api/search\"}")) {
        count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return String.format(Locale.ROOT, "server side (warm-up included): %.0f searches, mean %.1f ms", count, count == 0 ? 0 : 1000 * sum / count);
  }

  private static void run(int port, RecordIndex index, int records, int seconds, int clients, boolean report, boolean writing)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong written = new AtomicLong();
    Thread writer = new Thread(() -> write(index, records, stop, written), "bench-writer");
    List<long[]>[] latencies = newLists(clients);
    long[][] counts = new long[clients][KINDS.length];
    AtomicLong errors = new AtomicLong();
    List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(clients);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    if (writing) {
      writer.start();
    }
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t = new Thread(() -> {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(1000 + client);
        long[][] mine = new long[KINDS.length][1 << 16];
        try {
          while (System.nanoTime() < end) {
            String[] kq = query(random);
            int k = Arrays.asList(KINDS).indexOf(kq[0]);
            long t0 = System.nanoTime();
            try {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search?" + kq[1]))
                  .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() != 200) {
                errors.incrementAndGet();
                if (firstErrors.size() < 5) {
                  firstErrors.add(r.statusCode() + " " + kq[1] + " " + r.body());
                }
              }
            } catch (Exception e) {
              errors.incrementAndGet();
              if (firstErrors.size() < 5) {
                firstErrors.add(e + " " + kq[1]);
              }
            }
            long nanos = System.nanoTime() - t0;
            if (counts[client][k] == mine[k].length) {
              mine[k] = Arrays.copyOf(mine[k], mine[k].length * 2);
            }
            mine[k][(int) counts[client][k]++] = nanos;
          }
        } finally {
          for (int i = 0; i < KINDS.length; i++) {
            latencies[i].add(Arrays.copyOf(mine[i], (int) counts[client][i]));
          }
          done.countDown();
        }
      }, "bench-client-" + c);
      t.start();
    }
    done.await();
    stop.set(true);
    if (writing) {
      writer.join();
    }
    if (!report) {
      System.out.println("warm-up done (" + seconds + " s)");
      return;
    }
    System.out.printf(Locale.ROOT, "%d clients, %d s, while a writer rewrote %d records (committing every second)%n",
        clients, seconds, written.get());
    long[] all = new long[0];
    for (int k = 0; k < KINDS.length; k++) {
      long[] merged = merge(latencies[k]);
      all = concat(all, merged);
      print(KINDS[k], merged, seconds);
    }
    print("all", all, seconds);
    System.out.println("errors: " + errors.get() + (firstErrors.isEmpty() ? "" : " " + firstErrors));
  }

  /** Rewrites random records (changed metrics) and commits every second, like a crawl's checkpoints. */
  private static void write(RecordIndex index, int records, AtomicBoolean stop, AtomicLong written) {
    Random random = new Random(7);
    long lastCommit = System.nanoTime();
    try {
      while (!stop.get()) {
        long i = random.nextInt(records);
        Record r = GeneratedRecords.record(i, new Random(i));
        GeneratedRecords.put(index, r);
        written.incrementAndGet();
        if (System.nanoTime() - lastCommit > 1_000_000_000L) {
          index.commit();
          lastCommit = System.nanoTime();
        }
        Thread.sleep(2); // a crawl parses between writes; about 400 records a second
      }
      index.commit();
    } catch (Exception e) {
      System.out.println("writer failed: " + e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<long[]>[] newLists(int clients) {
    List<long[]>[] out = new List[KINDS.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = java.util.Collections.synchronizedList(new ArrayList<>());
    }
    return out;
  }

  private static long[] merge(List<long[]> parts) {
    long[] out = new long[0];
    for (long[] p : parts) {
      out = concat(out, p);
    }
    return out;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void print(String what, long[] nanos, int seconds) {
    Arrays.sort(nanos);
    if (nanos.length == 0) {
      System.out.printf(Locale.ROOT, "%-6s no requests%n", what);
      return;
    }
    System.out.printf(Locale.ROOT, "%-6s %7d requests %7.1f/s  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %7.1f ms%n",
        what, nanos.length, nanos.length / (double) seconds, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
        nanos[nanos.length - 1] / 1e6);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
  }

  private static String loadAverage() {
    try {
      return Files.readString(FileSystems.getDefault().getPath("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
