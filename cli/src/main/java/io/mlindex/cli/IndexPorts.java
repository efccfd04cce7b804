package io.mlindex.cli;

import io.mlindex.crawler.IndexedUnits;
import io.mlindex.crawler.RecordSink;
import io.mlindex.index.RecordIndex;
import io.mlindex.record.Record;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * The crawler's two ports implemented by delegating to the index: the one place where the crawler
 * and the index meet (they do not know each other). Used by the commands and the benchmarks.
 */
public final class IndexPorts implements IndexedUnits, RecordSink {
  private final RecordIndex index;

  public IndexPorts(RecordIndex index) {
    this.index = index;
  }

  @Override
  public Iterator<UnitState> unitsUnder(String rootKey) throws IOException {
    return index.unitsUnder(rootKey);
  }

  @Override
  public List<UnitState> unitsWithContentHash(String contentHash) throws IOException {
    return index.unitsWithContentHash(contentHash);
  }

  @Override
  public void crawlStarted(String crawlId, Instant start) {
    index.crawlStarted(crawlId, start);
  }

  @Override
  public void replaceUnit(UnitState unit, List<Record> records) throws IOException {
    index.replaceUnit(unit, records);
  }

  @Override
  public void deleteUnit(String unitKey) throws IOException {
    index.deleteUnit(unitKey);
  }

  @Override
  public void commit() throws IOException {
    index.commit();
  }

  @Override
  public void crawlFinished(String crawlId, String root, Instant start, boolean reachable, String reportJson)
      throws IOException {
    index.crawlFinished(crawlId, root, start, reachable, reportJson);
  }
}
