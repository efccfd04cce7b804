package io.mlindex.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.index.QuerySyntaxException;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.index.SearchRequest;
import io.mlindex.index.SearchResult;
import io.mlindex.record.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spark.Request;
import spark.Response;

/** {@code GET /api/search} (hits, facets, highlighted snippets) and {@code GET /api/fields}. */
final class SearchRoutes {
  static final int MAX_LIMIT = 1000;
  static final int MAX_FACETS = 20;
  /** Hits of one page that get snippets (each costs a re-analysis of up to 100 000 characters). */
  static final int MAX_HIGHLIGHTED = 100;
  static final int SNIPPETS_PER_HIT = 3;

  /** Keyword fields that can be counted, besides tag.*, param.* and properties.*. */
  private static final Set<String> FACETABLE = Set.of(
      "kind", "format", "framework", "frameworks", "imports", "experiment", "name", "root", "hash",
      "code.imports", "code.frameworks", "code.packages", "code.script", "git.commit", "git.branch",
      "git.remote", "path", "source", "lineage", "lineage.in", "lineage.out");

  private final RecordIndex index;
  private final ServerOptions options;

  SearchRoutes(RecordIndex index, ServerOptions options) {
    this.index = index;
    this.options = options;
  }

  Object search(Request req, Response res) throws IOException, QuerySyntaxException {
    String q = Params.text(req, "q", options.maxQueryChars());
    String sort = Params.text(req, "sort", 1000);
    int limit = Params.intParam(req, "limit", 20, 0, MAX_LIMIT);
    int offset = Params.intParam(req, "offset", 0, 0, RecordSearcher.MAX_WINDOW);
    if (offset + limit > RecordSearcher.MAX_WINDOW) {
      throw new ApiError(400, "offset + limit may be at most " + RecordSearcher.MAX_WINDOW
          + "; narrow the query or sort differently to reach later hits");
    }
    List<String> facets = facetNames(Params.list(req, "facets", MAX_FACETS));
    boolean highlight = Params.boolParam(req, "highlight");
    SearchRequest request = new SearchRequest(q == null ? "" : q, sort, limit, offset, facets, highlight);
    try (RecordSearcher s = index.searcher(options.searchTimeout())) {
      SearchResult result = run(() -> s.search(request), s);
      ObjectNode out = SearchServer.JSON.createObjectNode();
      out.put("total", result.total());
      out.set("hits", SearchServer.JSON.valueToTree(result.hits()));
      if (!facets.isEmpty()) {
        ObjectNode counts = out.putObject("facets");
        for (String f : facets) {
          counts.set(f, SearchServer.JSON.valueToTree(result.facets().getOrDefault(f, Map.of())));
        }
      }
      if (highlight) {
        List<String> ids = new ArrayList<>();
        for (Record r : result.hits().subList(0, Math.min(MAX_HIGHLIGHTED, result.hits().size()))) {
          ids.add(r.getId());
        }
        Map<String, List<String>> snippets = run(() -> s.highlights(request.query(), ids, SNIPPETS_PER_HIT), s);
        out.set("highlights", SearchServer.JSON.valueToTree(snippets));
      }
      return SearchServer.JSON.writeValueAsString(out);
    }
  }

  Object fields(Request req, Response res) throws IOException {
    try (RecordSearcher s = index.searcher()) {
      ObjectNode out = SearchServer.JSON.createObjectNode();
      ArrayNode list = out.putArray("fields");
      s.fields().forEach((name, type) -> list.addObject().put("name", name).put("type", type));
      return SearchServer.JSON.writeValueAsString(out);
    }
  }

  /** Facet names as users write them, checked: keyword fields only. */
  static List<String> facetNames(List<String> given) {
    List<String> out = new ArrayList<>();
    for (String f : given) {
      String name = f.startsWith("tags.") ? "tag." + f.substring(5)
          : f.startsWith("params.") ? "param." + f.substring(7)
          : f.startsWith("property.") ? "properties." + f.substring(9) : f;
      boolean dynamic = (name.startsWith("tag.") && name.length() > 4)
          || (name.startsWith("param.") && name.length() > 6)
          || (name.startsWith("properties.") && name.length() > 11);
      if (!dynamic && !FACETABLE.contains(name)) {
        throw new ApiError(400, "cannot count values of '" + Params.shorten(f) + "'; facets are kind, format, framework,"
            + " experiment, code.imports, tag.<name>, param.<name>, properties.<name> or another keyword field"
            + " (metrics are numbers: filter them with ranges instead)");
      }
      out.add(name);
    }
    return out;
  }

  interface Search<T> {
    T run() throws IOException, QuerySyntaxException;
  }

  /** Runs a search, turning Lucene's refusals into 400s and a spent time budget into a 503. */
  static <T> T run(Search<T> search, RecordSearcher searcher) throws IOException, QuerySyntaxException {
    T result = QueryFailures.translate(search::run);
    if (searcher.timedOut()) {
      throw new ApiError(503, "the search took longer than its time budget and was stopped; make the query"
          + " more selective (fewer wildcards, fuzzy or regular-expression terms) and try again");
    }
    return result;
  }
}
