package io.mlindex.index;

import java.io.IOException;
import java.util.Set;

/**
 * How the query translator expands {@code derivedFrom:"..."} and {@code feeds:"..."}: the ids of
 * the records downstream (or upstream) of a reference. The searcher supplies it, since it owns the
 * point-in-time view the expansion must read.
 */
@FunctionalInterface
interface LineageExpander {
  Set<String> recordIds(String ref, LineageDirection direction, int maxRecords) throws IOException, LineageException;

  /** For translators without an index: the operators are reported as unavailable. */
  LineageExpander NONE = (ref, direction, max) -> {
    throw new LineageException(LineageException.Reason.BAD_REQUEST, "lineage operators need an index to search");
  };
}
