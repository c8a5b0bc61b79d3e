package dev.paperclub.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

import java.util.Map;

/**
 * The one analyzer of the search package, used for indexing, query building,
 * highlighting, MoreLikeThis and spelling, so that all of them see the same tokens.
 *
 * <p>English fields (title, abstract, text) use standard tokenizer, possessive filter,
 * lowercase, ASCII folding, English stop words and Porter stemming. Measured on SciFact
 * train (809 queries, nDCG@10, BM25 k1=0.9 b=0.4, no title boost): Porter 0.6974, KStem
 * 0.6923, no stemming 0.6652; Porter without stop words 0.6942 (and a larger index).
 * {@code SearchEval --ablate} reproduces these. Names (author) and the
 * autocomplete/spelling fields are only lowercased and folded: stemming a name or a word
 * someone is still typing would only hurt.
 */
public final class PaperAnalyzer extends DelegatingAnalyzerWrapper {

    /** Keeps phrase queries from matching across two author names. */
    private static final int AUTHOR_GAP = 100;

    private final Analyzer english;
    private final Map<String, Analyzer> perField;

    public PaperAnalyzer(AnalysisOptions options) {
        super(PER_FIELD_REUSE_STRATEGY);
        this.english = englishAnalyzer(options);
        Analyzer plain = plainAnalyzer(0);
        this.perField = Map.of(
                PaperFields.AUTHOR, plainAnalyzer(AUTHOR_GAP),
                PaperFields.WORDS, plain,
                PaperFields.TITLE_PREFIX, edgeNGramAnalyzer());
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
        return perField.getOrDefault(fieldName, english);
    }

    /** The analyzer for typed autocomplete text: lowercased, folded, never n-grammed. */
    Analyzer plain() {
        return perField.get(PaperFields.WORDS);
    }

    @Override
    public void close() {
        super.close();
        english.close();
        perField.values().forEach(Analyzer::close);
    }

    private static Analyzer englishAnalyzer(AnalysisOptions options) {
        CharArraySet stops = options.stopWords() ? EnglishAnalyzer.ENGLISH_STOP_WORDS_SET : CharArraySet.EMPTY_SET;
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream ts = new EnglishPossessiveFilter(source);
                ts = new LowerCaseFilter(ts);
                ts = new ASCIIFoldingFilter(ts);
                ts = new StopFilter(ts, stops);
                ts = switch (options.stemmer()) {
                    case PORTER -> new PorterStemFilter(ts);
                    case KSTEM -> new KStemFilter(ts);
                    case NONE -> ts;
                };
                return new TokenStreamComponents(source, ts);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    private static Analyzer plainAnalyzer(int positionGap) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream ts = new ASCIIFoldingFilter(new LowerCaseFilter(source));
                return new TokenStreamComponents(source, ts);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return positionGap;
            }
        };
    }

    private static Analyzer edgeNGramAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream ts = new ASCIIFoldingFilter(new LowerCaseFilter(source));
                ts = new EdgeNGramTokenFilter(ts, 1, PaperFields.MAX_GRAM, false);
                return new TokenStreamComponents(source, ts);
            }
        };
    }
}
