package io.mlindex.crawler;

import io.mlindex.record.Record;
import io.mlindex.record.UnitState;
import java.io.IOException;
import java.util.List;

/** Where harvested records go. Implemented by the index; wired in by the application. */
public interface RecordSink {
  /** Replaces everything the unit produced before with these records (possibly none). */
  void replaceUnit(UnitState unit, List<Record> records) throws IOException;

  /** Removes the unit and its records. */
  void deleteUnit(String unitKey) throws IOException;

  /** Makes everything written so far durable (a crash after this loses nothing before it). */
  void commit() throws IOException;
}
