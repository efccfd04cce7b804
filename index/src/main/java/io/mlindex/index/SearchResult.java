package io.mlindex.index;

import io.mlindex.record.Record;
import java.util.List;
import java.util.Map;

/**
 * One page of search hits.
 *
 * @param total how many records match in all
 * @param hits the records of this page, in order
 * @param facets counts per value of each requested keyword field (empty when none were asked for)
 * @param highlights per record id, fragments of its text with matches marked (may be empty)
 */
public record SearchResult(
    long total,
    List<Record> hits,
    Map<String, Map<String, Long>> facets,
    Map<String, List<String>> highlights) {

  public SearchResult {
    hits = List.copyOf(hits);
    facets = Map.copyOf(facets);
    highlights = Map.copyOf(highlights);
  }
}
