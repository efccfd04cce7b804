package io.mlindex.server;

import io.mlindex.index.QuerySyntaxException;
import java.io.IOException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Lucene refuses some queries with runtime exceptions (too many clauses, a regular expression
 * that is invalid or too complex); these are the client's to fix, so they become 400s.
 */
final class QueryFailures {
  private QueryFailures() {}

  interface Work<T> {
    T run() throws IOException, QuerySyntaxException;
  }

  static <T> T translate(Work<T> work) throws IOException, QuerySyntaxException {
    try {
      return work.run();
    } catch (IndexSearcher.TooManyClauses e) {
      throw new ApiError(400, "the query expands to more than " + IndexSearcher.getMaxClauseCount()
          + " clauses; use fewer terms, or a range instead of many alternatives");
    } catch (TooComplexToDeterminizeException e) {
      throw new ApiError(400, "a pattern in the query is too complex; simplify the regular expression or wildcard");
    } catch (IllegalArgumentException e) {
      // what Lucene says about a malformed regular expression or an impossible term
      throw new ApiError(400, "cannot run the query: " + Params.shorten(e.getMessage()));
    }
  }
}
