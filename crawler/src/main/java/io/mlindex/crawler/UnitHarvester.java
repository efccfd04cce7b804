package io.mlindex.crawler;

import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParseTimeoutException;
import io.mlindex.parsers.RecordEnricher;
import io.mlindex.parsers.redact.SecretRedactor;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs parsers on units under a time limit, turns their failures into warnings, and applies the
 * enrichers. A parser that overruns is interrupted and abandoned; its thread is replaced so that the
 * crawl goes on.
 */
final class UnitHarvester implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ParseContext baseContext;
  private final List<RecordEnricher> enrichers;
  private final SecretRedactor redactor;
  private ExecutorService worker = newWorker();

  UnitHarvester(ParseContext baseContext, List<RecordEnricher> enrichers) {
    this.baseContext = baseContext;
    this.enrichers = enrichers;
    this.redactor = SecretRedactor.of(baseContext);
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "mlindex-parse-" + THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** The outcome of one unit: records, or the reason there are none. */
  record Outcome(List<Record> records, String failure) {
    boolean failed() {
      return failure != null;
    }
  }

  Outcome parseFile(FileParser parser, FileCandidate file) {
    return run(parser.name(), file.path().toString(), ctx -> parser.parse(file, ctx));
  }

  Outcome parseDirectory(List<DirectoryParser> parsers, DirectoryView dir) {
    List<Record> all = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (DirectoryParser p : parsers) {
      Outcome o = run(p.name(), dir.path().toString(), ctx -> p.parse(dir, ctx));
      all.addAll(o.records());
      if (o.failed()) {
        failures.add(o.failure());
      }
    }
    return new Outcome(all, failures.isEmpty() || !all.isEmpty() ? null : String.join("; ", failures));
  }

  private interface ParseCall {
    List<Record> parse(ParseContext context) throws IOException;
  }

  private Outcome run(String parserName, String path, ParseCall call) {
    Outcome o = runUnredacted(parserName, call);
    return o.failed() ? new Outcome(o.records(), redactor.redact(o.failure())) : o;
  }

  private Outcome runUnredacted(String parserName, ParseCall call) {
    long timeoutMillis = baseContext.limits().parseTimeout().toMillis();
    ParseContext context = baseContext.withDeadlineIn(timeoutMillis);
    Callable<List<Record>> task =
        () -> {
          List<Record> records = new ArrayList<>(call.parse(context));
          for (RecordEnricher e : enrichers) {
            e.enrich(records, context);
          }
          records.forEach(redactor::redact); // last, so that nothing added later escapes it
          return records;
        };
    Future<List<Record>> future = worker.submit(task);
    try {
      return new Outcome(
          future.get(timeoutMillis <= 0 ? Long.MAX_VALUE : timeoutMillis + 1000, TimeUnit.MILLISECONDS), null);
    } catch (TimeoutException e) {
      future.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      return new Outcome(List.of(), parserName + ": gave up after " + timeoutMillis / 1000 + " s (limits.parse_timeout)");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new Outcome(List.of(), parserName + ": interrupted");
    } catch (ExecutionException e) {
      return new Outcome(List.of(), parserName + ": " + describe(e.getCause()));
    }
  }

  private static String describe(Throwable t) {
    if (t instanceof ParseTimeoutException) {
      return t.getMessage();
    }
    if (t instanceof UncheckedIOException u) {
      t = u.getCause();
    }
    if (t instanceof IOException) {
      String m = t.getMessage();
      return m == null ? t.getClass().getSimpleName() : m;
    }
    if (t instanceof OutOfMemoryError) {
      return "ran out of memory; raise -Xmx or lower limits.max_read_bytes";
    }
    return "parser failed with " + t; // a bug in a parser: say what, but keep crawling
  }

  /** A record that stands for a file the parser could not read, so that the failure is searchable. */
  static Record failureRecord(String parserName, FileCandidate file, String failure) {
    Record r = new Record(RecordKind.ARTIFACT, parserName, PosixPaths.of(file.path()));
    r.setName(file.name());
    r.setSize(file.size());
    r.source(r.getPath());
    r.warn(failure);
    return r;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
