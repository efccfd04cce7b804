package io.mlindex.index;

import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;

/**
 * Confines a query to record documents. The index also holds bookkeeping documents (units, crawls,
 * versions); a query that can only match through fields those never carry needs no filter, and
 * leaving it out saves the conjunction with a term that matches almost every document, which was
 * the largest single cost of a search at a million records (BENCHMARKS.md, server load).
 */
final class RecordsOnly {
  static final Query FILTER = new TermQuery(new Term(IndexSchema.DOCTYPE, IndexSchema.TYPE_RECORD));

  private RecordsOnly() {}

  /** The query itself when it can only match records, else the query filtered to records. */
  static Query of(Query query) {
    if (matchesOnlyRecords(query)) {
      return query;
    }
    return new BooleanQuery.Builder().add(query, Occur.MUST).add(FILTER, Occur.FILTER).build();
  }

  /** Whether every document the query can match carries a field that only records have. */
  static boolean matchesOnlyRecords(Query query) {
    if (query instanceof BoostQuery boost) {
      return matchesOnlyRecords(boost.getQuery());
    }
    if (query instanceof ConstantScoreQuery constant) {
      return matchesOnlyRecords(constant.getQuery());
    }
    if (query instanceof DisjunctionMaxQuery dismax) {
      return !dismax.getDisjuncts().isEmpty()
          && dismax.getDisjuncts().stream().allMatch(RecordsOnly::matchesOnlyRecords);
    }
    if (query instanceof BooleanQuery bool) {
      return booleanMatchesOnlyRecords(bool);
    }
    // Any other query matches a document only through a positive leaf on one of its fields, unless
    // it negates something or matches everything somewhere inside.
    Set<String> fields = new HashSet<>();
    boolean[] unbounded = {false};
    query.visit(new QueryVisitor() {
      @Override
      public boolean acceptField(String field) {
        fields.add(field);
        return true;
      }

      @Override
      public void visitLeaf(Query leaf) {
        unbounded[0] |= leaf instanceof MatchAllDocsQuery;
      }

      @Override
      public QueryVisitor getSubVisitor(Occur occur, Query parent) {
        unbounded[0] |= occur == Occur.MUST_NOT;
        return this;
      }
    });
    return !unbounded[0] && !fields.isEmpty() && fields.stream().allMatch(IndexSchema::onlyOnRecords);
  }

  private static boolean booleanMatchesOnlyRecords(BooleanQuery bool) {
    boolean required = false;
    int optional = 0;
    boolean optionalAllRecords = true;
    for (BooleanClause clause : bool.clauses()) {
      if (clause.isRequired()) {
        if (matchesOnlyRecords(clause.getQuery())) {
          return true;
        }
        required = true;
      } else if (clause.getOccur() == Occur.SHOULD) {
        optional++;
        optionalAllRecords &= matchesOnlyRecords(clause.getQuery());
      }
    }
    // with no required clause a document matches through at least one optional clause
    return !required && optional > 0 && optionalAllRecords;
  }
}
