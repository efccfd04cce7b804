package io.mlindex.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Snippets of a record's stored {@code text} with the query's words marked as {@code <mark>}
 * (the rest HTML-escaped, so a page can show them as they are). Text queries search the unstored
 * {@code all} field, so terms of {@code all} are highlighted in {@code text} too. Offsets come from
 * re-analysing the stored text with the indexing analyzer: no offsets or term vectors are indexed,
 * so the index keeps its schema and size; the cost is bounded by {@link #MAX_ANALYSED_CHARS} per
 * hit.
 */
final class TextHighlights {
  /** Characters of a record's text that are analysed for snippets (the rest is not highlighted). */
  static final int MAX_ANALYSED_CHARS = 100_000;

  private TextHighlights() {}

  /** Per doc id, up to {@code maxSnippets} snippets; docs without a match in their text are left out. */
  static Map<Integer, List<String>> of(IndexSearcher searcher, Query query, int[] docIds, int maxSnippets)
      throws IOException {
    UnifiedHighlighter.Builder builder =
        UnifiedHighlighter.builder(searcher, CodeAnalyzer.indexing())
            .withFieldMatcher(f -> f.equals(IndexSchema.ALL) || f.equals(IndexSchema.TEXT))
            .withHandleMultiTermQuery(true)
            .withHighlightPhrasesStrictly(true)
            .withMaxLength(MAX_ANALYSED_CHARS)
            .withMaxNoHighlightPassages(0)
            .withFormatter(new SnippetFormatter());
    ObjectHighlighter highlighter = new ObjectHighlighter(builder);
    int[] sorted = docIds.clone();
    java.util.Arrays.sort(sorted); // the highlighter wants them in index order; it answers in that order
    Map<String, Object[]> byField =
        highlighter.highlight(IndexSchema.TEXT, query, sorted, maxSnippets);
    Object[] perDoc = byField.get(IndexSchema.TEXT);
    Map<Integer, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < sorted.length; i++) {
      if (perDoc[i] instanceof String[] snippets && snippets.length > 0) {
        out.put(sorted[i], List.of(snippets));
      }
    }
    return out;
  }

  /** Exposes the highlighter's per-object answer (what {@link SnippetFormatter} returns). */
  private static final class ObjectHighlighter extends UnifiedHighlighter {
    ObjectHighlighter(Builder builder) {
      super(builder);
    }

    Map<String, Object[]> highlight(String field, Query query, int[] docIds, int maxPassages) throws IOException {
      return highlightFieldsAsObjects(new String[] {field}, query, docIds, new int[] {maxPassages});
    }
  }

  /** One escaped string per passage (the default formatter joins them into one). */
  private static final class SnippetFormatter extends PassageFormatter {
    private final DefaultPassageFormatter single = new DefaultPassageFormatter("<mark>", "</mark>", "", true);

    @Override
    public Object format(Passage[] passages, String content) {
      List<String> out = new ArrayList<>();
      for (Passage p : passages) {
        if (p.getNumMatches() > 0) {
          out.add(single.format(new Passage[] {p}, content).strip());
        }
      }
      return out.toArray(new String[0]);
    }
  }
}
