package io.mlindex.index;

import java.util.List;

/**
 * What to search for.
 *
 * @param query the query text (blank: everything)
 * @param sort sort specification such as {@code metric.acc:desc} (blank: best match first)
 * @param limit page size, 1 to {@link RecordSearcher#MAX_WINDOW}
 * @param offset hits to skip; offset + limit may not exceed {@link RecordSearcher#MAX_WINDOW}
 * @param facets keyword fields to count values of (kind, format, ...)
 * @param highlight whether to return highlighted fragments of the matching text
 */
public record SearchRequest(
    String query, String sort, int limit, int offset, List<String> facets, boolean highlight) {
  public SearchRequest {
    facets = facets == null ? List.of() : List.copyOf(facets);
  }

  public static SearchRequest of(String query) {
    return new SearchRequest(query, null, 20, 0, List.of(), false);
  }

  public SearchRequest withPage(int newLimit, int newOffset) {
    return new SearchRequest(query, sort, newLimit, newOffset, facets, highlight);
  }

  public SearchRequest withSort(String newSort) {
    return new SearchRequest(query, newSort, limit, offset, facets, highlight);
  }
}
