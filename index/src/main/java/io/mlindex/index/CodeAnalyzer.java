package io.mlindex.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Code-aware analysis: {@code val_loss}, {@code learningRate} and {@code resnet50} are indexed both
 * whole and split into words ({@code val}, {@code loss}, {@code learning}, {@code rate}, {@code
 * resnet}, {@code 50}), lower-cased. At query time words are only lower-cased, so {@code val_loss}
 * matches the whole token and {@code loss} matches the part.
 */
final class CodeAnalyzer extends Analyzer {
  private final boolean forIndexing;

  private CodeAnalyzer(boolean forIndexing) {
    this.forIndexing = forIndexing;
  }

  static CodeAnalyzer indexing() {
    return new CodeAnalyzer(true);
  }

  static CodeAnalyzer querying() {
    return new CodeAnalyzer(false);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream stream = source;
    if (forIndexing) {
      int flags =
          WordDelimiterGraphFilter.GENERATE_WORD_PARTS
              | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
              | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
              | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
              | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;
      stream = new WordDelimiterGraphFilter(stream, flags, null);
      stream = new FlattenGraphFilter(stream);
    }
    stream = new LowerCaseFilter(stream);
    return new TokenStreamComponents(source, stream);
  }
}
