package io.mlindex.index;

import io.mlindex.config.Values;
import io.mlindex.parsers.util.Numbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.flexible.core.QueryNodeParseException;
import org.apache.lucene.queryparser.flexible.core.nodes.AndQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.BooleanQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.BoostQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.FieldQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.FuzzyQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.GroupQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.MatchAllDocsQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.ModifierQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.OrQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.QueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.QuotedFieldQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.SlopQueryNode;
import org.apache.lucene.queryparser.flexible.core.util.UnescapedCharSequence;
import org.apache.lucene.queryparser.flexible.standard.nodes.RegexpQueryNode;
import org.apache.lucene.queryparser.flexible.standard.nodes.TermRangeQueryNode;
import org.apache.lucene.queryparser.flexible.standard.parser.ParseException;
import org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParser;
import org.apache.lucene.queryparser.flexible.standard.parser.Token;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Turns the query language (Lucene's standard syntax; see the README) into Lucene queries. The
 * default operator is AND. Field names are checked: an unknown one is an error that lists the
 * fields there are, not a silent empty result.
 */
final class QueryTranslator {
  /** Longest query accepted, in characters. */
  static final int MAX_LENGTH = 10_000;

  /** Most record ids one {@code derivedFrom:} or {@code feeds:} clause may expand to. */
  static final int MAX_LINEAGE_IDS = 100_000;

  private final Analyzer analyzer = CodeAnalyzer.querying();
  private final LineageExpander lineage;

  QueryTranslator() {
    this(LineageExpander.NONE);
  }

  QueryTranslator(LineageExpander lineage) {
    this.lineage = lineage;
  }

  /** The query for records matching {@code text}; blank text matches every record. */
  Query translate(String text) throws QuerySyntaxException {
    if (text == null || text.isBlank() || text.trim().equals("*") || text.trim().equals("*:*")) {
      return new MatchAllDocsQuery();
    }
    if (text.length() > MAX_LENGTH) {
      throw new QuerySyntaxException("the query is longer than " + MAX_LENGTH + " characters", 0);
    }
    Comparisons rewritten = Comparisons.rewrite(text);
    QueryNode tree;
    try {
      tree = new StandardSyntaxParser().parse(rewritten.text(), IndexSchema.ALL);
    } catch (QueryNodeParseException e) {
      throw syntaxError(text, rewritten, e);
    }
    try {
      return node(tree);
    } catch (QueryField.FieldError e) {
      int at = text.indexOf(e.field);
      throw new QuerySyntaxException(e.getMessage(), at < 0 ? 0 : at + 1);
    } catch (QuerySyntaxException e) {
      throw e.position() > 0 ? new QuerySyntaxException(e.getRawMessage(), rewritten.original(e.position())) : e;
    }
  }

  private static QuerySyntaxException syntaxError(String text, Comparisons rewritten, QueryNodeParseException e) {
    int position = 0;
    String where;
    if (e instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
      Token bad = pe.currentToken.next;
      where = bad.kind == 0 ? "the query ends too early" : "unexpected '" + bad.image + "'";
      position = bad.kind == 0 ? text.length() : rewritten.original(bad.beginColumn + 1); // columns are 0-based here
    } else {
      String cause = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("column (\\d+)").matcher(cause);
      position = m.find() ? rewritten.original(Integer.parseInt(m.group(1))) : text.length();
      where = cause.contains("<EOF>") ? "a quote or escape is not closed" : "unexpected character";
    }
    return new QuerySyntaxException(
        "cannot parse the query: " + where + "; check the operators and quotes (for example"
            + " metric.acc:>0.9, param.lr:[1e-4 TO 1e-2], \"exact phrase\")",
        Math.min(Math.max(position, 1), Math.max(1, text.length())));
  }

  private Query node(QueryNode n) throws QuerySyntaxException {
    if (n instanceof GroupQueryNode g) {
      return node(g.getChild());
    }
    if (n instanceof ModifierQueryNode m) {
      Query inner = node(m.getChild());
      if (m.getModifier() == ModifierQueryNode.Modifier.MOD_NOT) {
        return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST).add(inner, Occur.MUST_NOT).build();
      }
      return inner;
    }
    if (n instanceof OrQueryNode) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (QueryNode c : n.getChildren()) {
        b.add(node(c), Occur.SHOULD);
      }
      return b.build();
    }
    if (n instanceof AndQueryNode || n instanceof BooleanQueryNode) {
      return conjunction(n.getChildren());
    }
    if (n instanceof BoostQueryNode b) {
      return new BoostQuery(node(b.getChild()), b.getValue());
    }
    if (n instanceof SlopQueryNode s) {
      Query inner = node(s.getChild());
      if (inner instanceof PhraseQuery p) {
        return new PhraseQuery(s.getValue(), p.getField(), termTexts(p.getTerms()));
      }
      return inner;
    }
    if (n instanceof MatchAllDocsQueryNode) {
      return new MatchAllDocsQuery();
    }
    if (n instanceof TermRangeQueryNode r) {
      return range(r);
    }
    if (n instanceof RegexpQueryNode r) {
      QueryField t = QueryField.resolve(String.valueOf(r.getField()), 0);
      if (t.kind() == QueryField.Kind.DERIVED_FROM || t.kind() == QueryField.Kind.FEEDS) {
        throw new QueryField.FieldError(String.valueOf(r.getField()),
            t.field() + ": needs its path in quotes, e.g. " + t.field() + ":\"data/raw.csv\"");
      }
      String field = t.kind() == QueryField.Kind.TEXT ? IndexSchema.ALL : t.keywordField();
      return new RegexpQuery(new Term(field, r.getText().toString()));
    }
    if (n instanceof FieldQueryNode f) {
      return field(f);
    }
    throw new QuerySyntaxException("this kind of query is not supported: " + n.getClass().getSimpleName(), 0);
  }

  private static String[] termTexts(Term[] terms) {
    String[] out = new String[terms.length];
    for (int i = 0; i < terms.length; i++) {
      out[i] = terms[i].text();
    }
    return out;
  }

  /** Children of an implicit or AND group: all required, NOT ones excluded. */
  private Query conjunction(List<QueryNode> children) throws QuerySyntaxException {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean positive = false;
    for (QueryNode c : children) {
      if (c instanceof ModifierQueryNode m && m.getModifier() == ModifierQueryNode.Modifier.MOD_NOT) {
        b.add(node(m.getChild()), Occur.MUST_NOT);
      } else {
        b.add(node(c), Occur.MUST);
        positive = true;
      }
    }
    if (!positive) {
      b.add(new MatchAllDocsQuery(), Occur.MUST);
    }
    return b.build();
  }

  private Query field(FieldQueryNode f) throws QuerySyntaxException {
    int position = f.getBegin() + 1;
    QueryField t = QueryField.resolve(f.getFieldAsString(), position);
    CharSequence raw = f.getText();
    String text = raw.toString();
    boolean quoted = f instanceof QuotedFieldQueryNode;
    boolean wildcard = !quoted && hasUnescapedWildcard(raw);
    if (t.kind() == QueryField.Kind.DERIVED_FROM || t.kind() == QueryField.Kind.FEEDS) {
      return lineage(t, text, wildcard || f instanceof FuzzyQueryNode, position);
    }
    if (f instanceof FuzzyQueryNode fuzzy) {
      String field = t.kind() == QueryField.Kind.TEXT ? t.field() : t.keywordField();
      String term = t.kind() == QueryField.Kind.TEXT ? text.toLowerCase(Locale.ROOT) : text;
      int edits = fuzzy.getSimilarity() >= 1 ? Math.min(2, (int) fuzzy.getSimilarity()) : FuzzyQuery.defaultMaxEdits;
      return new FuzzyQuery(new Term(field, term), edits);
    }
    switch (t.kind()) {
      case TEXT:
        if (wildcard) {
          return new WildcardQuery(new Term(t.field(), text.toLowerCase(Locale.ROOT)));
        }
        return analyzed(t.field(), text);
      case KEYWORD:
        String v = IndexSchema.LOWERCASED.contains(t.field()) ? text.toLowerCase(Locale.ROOT) : text;
        if (!wildcard && IndexSchema.SUFFIXED.contains(t.field()) && !v.startsWith("/") && v.indexOf(':') < 0) {
          // a relative path matches every indexed path that ends with it, component by component
          String rel = v.startsWith("./") ? v.substring(2) : v;
          return new BooleanQuery.Builder()
              .add(new TermQuery(new Term(t.field(), v)), Occur.SHOULD)
              .add(new TermQuery(new Term(IndexSchema.suffix(t.field()), rel)), Occur.SHOULD)
              .build();
        }
        return wildcard ? new WildcardQuery(new Term(t.field(), v)) : new TermQuery(new Term(t.field(), v));
      case LONG:
        long[] bounds = longBounds(t.field(), text, position);
        return LongPoint.newRangeQuery(t.field(), bounds[0], bounds[1]);
      case METRIC:
        Double m = Numbers.parseDouble(text);
        if (m == null) {
          throw new QuerySyntaxException("'" + text + "' is not a number; metric values are numbers", position);
        }
        return DoublePoint.newExactQuery(IndexSchema.numeric(t.field()), m);
      case DYNAMIC:
        if (wildcard) {
          return new WildcardQuery(new Term(t.keywordField(), text));
        }
        return dynamicTerm(t.field(), text);
      case HAS:
        return exists(text, position);
      case UNDER:
        String prefix = text.endsWith("/") ? text : text + "/";
        return new BooleanQuery.Builder()
            .add(new TermQuery(new Term("path", text)), Occur.SHOULD)
            .add(new PrefixQuery(new Term("path", prefix)), Occur.SHOULD)
            .build();
      default:
        throw new IllegalStateException(t.kind().name());
    }
  }

  /**
   * {@code derivedFrom:"x"}: the records downstream of x, transitively; {@code feeds:"x"}: those
   * upstream of it. Expanded here to their ids, so the clause combines with any other.
   */
  private Query lineage(QueryField t, String ref, boolean pattern, int position) throws QuerySyntaxException {
    if (pattern) {
      throw new QuerySyntaxException(t.field() + ": takes a path, record id or hash, not a pattern", position);
    }
    LineageDirection direction = t.kind() == QueryField.Kind.DERIVED_FROM ? LineageDirection.DOWN : LineageDirection.UP;
    java.util.Set<String> ids;
    try {
      ids = lineage.recordIds(ref, direction, MAX_LINEAGE_IDS);
    } catch (LineageException e) {
      throw new QuerySyntaxException(t.field() + ": " + e.getMessage(), position);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (ids.isEmpty()) {
      return new MatchNoDocsQuery("no record is " + (direction == LineageDirection.DOWN ? "derived from " : "upstream of ") + ref);
    }
    return KeywordField.newSetQuery(IndexSchema.ID, LineageIndex.bytes(ids));
  }

  private static boolean hasUnescapedWildcard(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '*' || c == '?') && !UnescapedCharSequence.wasEscaped(text, i)) {
        return true;
      }
    }
    return false;
  }

  private Query dynamicTerm(String field, String text) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(IndexSchema.keyword(field), text)), Occur.SHOULD);
    Double d = Numbers.parseDouble(text);
    if (d != null && !d.isNaN()) {
      b.add(DoublePoint.newExactQuery(IndexSchema.numeric(field), d), Occur.SHOULD);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      String capital = Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
      b.add(new TermQuery(new Term(IndexSchema.keyword(field), lower)), Occur.SHOULD);
      b.add(new TermQuery(new Term(IndexSchema.keyword(field), capital)), Occur.SHOULD);
    }
    return b.build();
  }

  private static Query exists(String userField, int position) throws QuerySyntaxException {
    QueryField t = QueryField.resolve(userField, position);
    return switch (t.kind()) {
      case METRIC -> new FieldExistsQuery(IndexSchema.numeric(t.field()));
      case DYNAMIC -> new FieldExistsQuery(IndexSchema.keyword(t.field()));
      case LONG, KEYWORD -> new FieldExistsQuery(t.field());
      default -> throw new QuerySyntaxException("has: needs a field name such as has:metric.accuracy", position);
    };
  }

  private Query range(TermRangeQueryNode r) throws QuerySyntaxException {
    FieldQueryNode lowerNode = r.getLowerBound();
    FieldQueryNode upperNode = r.getUpperBound();
    int position = lowerNode.getBegin() + 1;
    QueryField t = QueryField.resolve(String.valueOf(r.getField()), position);
    String lo = bound(lowerNode);
    String hi = bound(upperNode);
    switch (t.kind()) {
      case METRIC:
      case DYNAMIC: {
        double low = lo == null ? Double.NEGATIVE_INFINITY : number(lo, position);
        double high = hi == null ? Double.POSITIVE_INFINITY : number(hi, upperNode.getBegin() + 1);
        if (lo != null && !r.isLowerInclusive()) {
          low = Math.nextUp(low);
        }
        if (hi != null && !r.isUpperInclusive()) {
          high = Math.nextDown(high);
        }
        return DoublePoint.newRangeQuery(IndexSchema.numeric(t.field()), low, high);
      }
      case LONG: {
        long low = lo == null ? Long.MIN_VALUE : longBounds(t.field(), lo, position)[r.isLowerInclusive() ? 0 : 1];
        long high = hi == null ? Long.MAX_VALUE : longBounds(t.field(), hi, upperNode.getBegin() + 1)[r.isUpperInclusive() ? 1 : 0];
        if (lo != null && !r.isLowerInclusive() && low < Long.MAX_VALUE) {
          low++;
        }
        if (hi != null && !r.isUpperInclusive() && high > Long.MIN_VALUE) {
          high--;
        }
        return LongPoint.newRangeQuery(t.field(), low, high);
      }
      case KEYWORD:
        return TermRangeQuery.newStringRange(t.field(), lo, hi, r.isLowerInclusive(), r.isUpperInclusive());
      default:
        throw new QuerySyntaxException("ranges work on metric., param., properties., time. and keyword fields, not on '" + String.valueOf(r.getField()) + "'", position);
    }
  }

  private static String bound(FieldQueryNode n) {
    String s = n == null ? null : n.getTextAsString();
    return s == null || s.isEmpty() || s.equals("*") ? null : s;
  }

  private static double number(String text, int position) throws QuerySyntaxException {
    Double d = Numbers.parseDouble(text);
    if (d == null || d.isNaN()) {
      throw new QuerySyntaxException("'" + text + "' is not a number", position);
    }
    return d;
  }

  /**
   * The inclusive [first, last] range a value stands for: a number is itself; for times a date is
   * its whole day (UTC) and an ISO instant is its millisecond; sizes accept units (10MiB).
   */
  private static long[] longBounds(String field, String text, int position) throws QuerySyntaxException {
    Long l = Numbers.parseLong(text);
    if (l != null) {
      return new long[] {l, l};
    }
    if (field.startsWith("time.")) {
      try {
        if (text.length() == 10) {
          long start = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
          return new long[] {start, start + 86_400_000L - 1};
        }
        long t = Instant.parse(text).toEpochMilli();
        return new long[] {t, t};
      } catch (DateTimeParseException e) {
        throw new QuerySyntaxException("'" + text + "' is not a date (2024-05-31) or instant (2024-05-31T12:00:00Z)", position);
      }
    }
    try {
      long s = Values.parseSize(text);
      return new long[] {s, s};
    } catch (IllegalArgumentException e) {
      throw new QuerySyntaxException("'" + text + "' is not a whole number", position);
    }
  }

  private Query analyzed(String field, String text) {
    List<String> tokens = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        tokens.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (tokens.isEmpty()) {
      return new MatchNoDocsQuery("no searchable words in '" + text + "'");
    }
    if (tokens.size() == 1) {
      return new TermQuery(new Term(field, tokens.get(0)));
    }
    return new PhraseQuery(field, tokens.toArray(new String[0]));
  }
}
