package io.mlindex.crawler;

import io.mlindex.parsers.DirectoryParser;
import io.mlindex.parsers.DirectoryView;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Small parsers whose behaviour the crawler tests control. */
final class TestParsers {
  private TestParsers() {}

  /** Reads {@code *.score} files: their content is a number, or "fail", or "hang". */
  static final class ScoreParser implements FileParser {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String name() {
      return "score";
    }

    @Override
    public boolean supports(FileCandidate file) {
      return file.hasExtension(".score");
    }

    @Override
    public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
      calls.incrementAndGet();
      String text = BoundedReads.readString(file.path(), 1000).trim();
      if (text.equals("fail")) {
        throw new IOException("cannot make sense of " + file.name());
      }
      while (text.equals("hang")) {
        context.checkDeadline();
        Thread.onSpinWait();
      }
      Record r = new Record(RecordKind.RUN, "score", PosixPaths.of(file.path()));
      r.setName(file.name());
      r.source(r.getPath());
      r.metric("score", Metric.single(Double.parseDouble(text)));
      return List.of(r);
    }
  }

  /** Claims folders holding {@code run.txt}; the record is built from run.txt and every *.score file there. */
  static final class RunFolderParser implements DirectoryParser {
    final AtomicInteger calls = new AtomicInteger();
    /** Folders claimed (a claim may read files, so an unchanged unit should not be asked again). */
    final AtomicInteger claimed = new AtomicInteger();

    @Override
    public String name() {
      return "run-folder";
    }

    @Override
    public boolean claims(DirectoryView dir) {
      boolean mine = dir.hasFile("run.txt");
      if (mine) {
        claimed.incrementAndGet();
      }
      return mine;
    }

    @Override
    public List<Record> parse(DirectoryView dir, ParseContext context) throws IOException {
      calls.incrementAndGet();
      Record r = new Record(RecordKind.RUN, "run-folder", PosixPaths.of(dir.path()));
      r.setName(BoundedReads.readString(dir.resolve("run.txt"), 1000).trim());
      r.source(PosixPaths.of(dir.resolve("run.txt")));
      for (String f : dir.files()) {
        if (f.endsWith(".score")) {
          r.source(PosixPaths.of(dir.resolve(f)));
          r.metric(f, Metric.single(Double.parseDouble(BoundedReads.readString(dir.resolve(f), 100).trim())));
        }
      }
      return List.of(r);
    }
  }
}
