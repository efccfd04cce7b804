package io.mlindex.bench;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.tensorboard.TensorboardEventParser;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Generates a TensorBoard event file of the given size (MB, default 1024) into a temporary folder,
 * parses it with {@link TensorboardEventParser} and prints the throughput. The mix per step: four
 * {@code simple_value} scalars in one event, one TF2 float tensor scalar in another, and every 50
 * steps a 30x3 double histogram tensor. Run under {@code BENCH_JAVA_OPTS=-Xmx256m} to show that
 * memory does not grow with the file. The file is deleted afterwards. Besides wall-clock time it
 * prints the parsing thread's CPU time, which stays meaningful on a shared, busy machine.
 */
public final class TfeventsBenchmark {
  private static final String[] SCALARS = {"train/loss", "train/accuracy", "train/learning_rate", "train/grad_norm"};

  private TfeventsBenchmark() {}

  public static void main(String[] args) throws Exception {
    long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    Path dir = Files.createTempDirectory("mlindex-tfevents-bench");
    Path file = dir.resolve("events.out.tfevents.1700000000.bench.1.0.v2");
    try {
      long t0 = System.nanoTime();
      long steps = generate(file, megabytes << 20);
      long size = Files.size(file);
      double genSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "generated %,d bytes (%d steps) in %.1f s%n", size, steps, genSeconds);

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t1 = System.nanoTime();
      Record r = new TensorboardEventParser().parse(FileCandidate.of(file), new ParseContext()).get(0);
      double seconds = (System.nanoTime() - t1) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      long scalars = r.getMetrics().values().stream().mapToLong(Metric::steps).sum();
      Runtime rt = Runtime.getRuntime();
      System.out.printf(Locale.ROOT,
          "parsed %.0f MiB in %.2f s: %.0f MiB/s (parse thread CPU %.2f s: %.0f MiB/s per CPU second); "
              + "records %s, scalar values %,d in %d tags, warnings %d; heap used after parse %d MiB of max %d MiB%n",
          size / 1048576.0, seconds, size / 1048576.0 / seconds, cpuSeconds, size / 1048576.0 / cpuSeconds,
          r.getProperties().get("records"), scalars,
          r.getMetrics().size(), r.getWarnings().size(), (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** Writes events until the file reaches {@code bytes}; returns the number of steps written. */
  private static long generate(Path file, long bytes) throws IOException {
    TfRecordFramer out = new TfRecordFramer(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20));
    try (out) {
      out.record(event(o -> o.writeString(3, "brain.Event:2"), 1700000000.0, 0));
      long step = 0;
      while (out.written < bytes) {
        final long s = step;
        double wall = 1700000000.0 + step * 0.1;
        out.record(event(o -> o.writeByteArray(5, summary(s)), wall, step));
        out.record(event(o -> o.writeByteArray(5, tensorScalarSummary(s)), wall, step));
        if (step % 50 == 0) {
          out.record(event(o -> o.writeByteArray(5, histogramSummary()), wall, step));
        }
        step++;
      }
      return step;
    }
  }

  private static byte[] event(TfRecordFramer.Body what, double wallTime, long step) throws IOException {
    return TfRecordFramer.message(o -> {
      o.writeDouble(1, wallTime);
      o.writeInt64(2, step);
      what.write(o);
    });
  }

  private static byte[] summary(long step) throws IOException {
    return TfRecordFramer.message(o -> {
      for (int i = 0; i < SCALARS.length; i++) {
        final int k = i;
        o.writeByteArray(1, TfRecordFramer.message(v -> {
          v.writeString(1, SCALARS[k]);
          v.writeFloat(2, (float) (1.0 / (1 + step * 1e-4) + k));
        }));
      }
    });
  }

  private static byte[] tensorScalarSummary(long step) throws IOException {
    byte[] tensor = TfRecordFramer.message(t -> {
      t.writeEnum(1, 1); // DT_FLOAT
      t.writeByteArray(2, new byte[0]);
      t.writeByteArray(5, TfRecordFramer.message(p -> p.writeFloatNoTag((float) (step % 1000) / 1000f)));
    });
    byte[] metadata = TfRecordFramer.message(m -> m.writeByteArray(1, TfRecordFramer.message(p -> p.writeString(1, "scalars"))));
    return TfRecordFramer.message(o -> o.writeByteArray(1, TfRecordFramer.message(v -> {
      v.writeString(1, "epoch_accuracy");
      if (step == 0) {
        v.writeByteArray(9, metadata);
      }
      v.writeByteArray(8, tensor);
    })));
  }

  private static byte[] histogramSummary() throws IOException {
    byte[] shape = TfRecordFramer.message(s -> {
      s.writeByteArray(2, TfRecordFramer.message(d -> d.writeInt64(1, 30)));
      s.writeByteArray(2, TfRecordFramer.message(d -> d.writeInt64(1, 3)));
    });
    byte[] tensor = TfRecordFramer.message(t -> {
      t.writeEnum(1, 2); // DT_DOUBLE
      t.writeByteArray(2, shape);
      t.writeByteArray(4, new byte[30 * 3 * 8]);
    });
    byte[] metadata = TfRecordFramer.message(m -> m.writeByteArray(1, TfRecordFramer.message(p -> p.writeString(1, "histograms"))));
    return TfRecordFramer.message(o -> o.writeByteArray(1, TfRecordFramer.message(v -> {
      v.writeString(1, "dense/kernel_0");
      v.writeByteArray(9, metadata);
      v.writeByteArray(8, tensor);
    })));
  }
}
