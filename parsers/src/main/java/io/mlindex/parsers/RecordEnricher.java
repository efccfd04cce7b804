package io.mlindex.parsers;

import io.mlindex.record.Record;
import java.util.List;

/**
 * Adds facts that do not depend on the format to freshly parsed records (for example the git
 * commit of the work tree a record's files lie in). Discovered through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/io.mlindex.parsers.RecordEnricher}); the
 * crawler applies every enricher to every parsed unit's records. Enrichers must not throw for bad
 * input: they add a warning to the record instead.
 */
public interface RecordEnricher {
  void enrich(List<Record> records, ParseContext context);
}
