package io.mlindex.crawler;

import io.mlindex.record.Record;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Where harvested records go. Implemented by the index; wired in by the application. */
public interface RecordSink {
  /** Called before a crawl writes anything; history entries written until the next call name this crawl. */
  default void crawlStarted(String crawlId, Instant start) throws IOException {}

  /** Replaces everything the unit produced before with these records (possibly none). */
  void replaceUnit(UnitState unit, List<Record> records) throws IOException;

  /** Removes the unit and its records. */
  void deleteUnit(String unitKey) throws IOException;

  /** Makes everything written so far durable (a crash after this loses nothing before it). */
  void commit() throws IOException;

  /**
   * Keeps a finished crawl's report (JSON) in the crawl history, and the root's reachability, then
   * commits. Called for failed crawls too.
   */
  default void crawlFinished(String crawlId, String root, Instant start, boolean rootReachable, String reportJson)
      throws IOException {}
}
