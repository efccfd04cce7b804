package io.mlindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fills up while committing: the write fails clearly and the previous commit stays intact. */
class DiskFullTest {
  @TempDir Path dir;

  /** A directory that refuses to create files once it is "full". */
  static final class FullDisk extends FilterDirectory {
    volatile boolean full;

    FullDisk(Directory in) {
      super(in);
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
      if (full) {
        throw new IOException("No space left on device");
      }
      return super.createOutput(name, context);
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
      if (full) {
        throw new IOException("No space left on device");
      }
      return super.createTempOutput(prefix, suffix, context);
    }
  }

  private static void put(RecordIndex index, String path) throws IOException {
    Record r = new Record(RecordKind.RUN, "mlflow", path).setName(path);
    r.metric("m", Metric.single(1));
    index.replaceUnit(new UnitState(UnitKeys.encode(path), path, "/d", true, "f", List.of(), List.of(r.getId()), null), List.of(r));
  }

  @Test
  void aFailedCommitKeepsThePreviousOne() throws Exception {
    Path p = dir.resolve("idx");
    FullDisk disk = new FullDisk(FSDirectory.open(java.nio.file.Files.createDirectories(p)));
    RecordIndex index = RecordIndex.openWritable(p, disk, Clock.systemUTC());
    put(index, "/d/1");
    put(index, "/d/2");
    index.commit();
    disk.full = true;
    for (int i = 3; i < 200; i++) {
      try {
        put(index, "/d/" + i);
      } catch (IOException e) {
        break; // a flush can already hit the full disk
      }
    }
    IOException e = assertThrows(IOException.class, index::commit);
    assertEquals("No space left on device", rootCause(e).getMessage());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("last commit is intact"), e.getMessage());
    try {
      index.close();
    } catch (IOException | RuntimeException ignored) {
      // closing a writer that cannot write may fail too
    }
    try (RecordIndex reopened = RecordIndex.openReadOnly(p, Clock.systemUTC());
        RecordSearcher s = reopened.searcher()) {
      assertEquals(2, s.count(""), "exactly the committed records");
    }
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
