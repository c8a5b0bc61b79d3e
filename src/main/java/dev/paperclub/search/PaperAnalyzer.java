package dev.paperclub.search;

import java.util.Map;
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

/**
 * The one analyzer of the search package, used for indexing, query building,
 * highlighting, MoreLikeThis and spelling, so that all of them see the same tokens.
 *
 * <p>English fields (title, abstract, text) use standard tokenizer, lowercase, ASCII folding,
 * possessive filter, English stop words and Porter stemming: on SciFact train Porter ranked
 * best, ahead of KStem and of no stemming, and dropping the stop words only grew the index
 * (the README gives the figures; {@code SearchEval --ablate} reproduces them). Names (author) and the
 * autocomplete/spelling fields are only lowercased and folded: stemming a name or a word
 * someone is still typing would only hurt.
 */
public final class PaperAnalyzer extends DelegatingAnalyzerWrapper {

    /** Keeps phrase queries from matching across two author names. */
    private static final int AUTHOR_GAP = 100;

    private final AnalysisOptions options;
    private final Analyzer english;
    private final Map<String, Analyzer> perField;

    public PaperAnalyzer(AnalysisOptions options) {
        super(PER_FIELD_REUSE_STRATEGY);
        this.options = options;
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

    AnalysisOptions options() {
        return options;
    }

    @Override
    public void close() {
        super.close();
        english.close();
        perField.values().forEach(Analyzer::close);
    }

    /** The word filters every field shares: lowercase and ASCII folding. */
    static TokenStream words(TokenStream source) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(source));
    }

    /**
     * What English fields add on top of {@link #words}: possessives, stop words, stemming.
     * Kept apart so {@link DocumentAnalysis} can run it over words it tokenized once.
     */
    static TokenStream english(TokenStream words, AnalysisOptions options) {
        CharArraySet stops = options.stopWords() ? EnglishAnalyzer.ENGLISH_STOP_WORDS_SET : CharArraySet.EMPTY_SET;
        // After lowercase and folding, the filter still sees "'s" ("’s" folds to it, "'S" lowercases to it).
        TokenStream ts = new EnglishPossessiveFilter(words);
        ts = new StopFilter(ts, stops);
        return switch (options.stemmer()) {
            case PORTER -> new PorterStemFilter(ts);
            case KSTEM -> new KStemFilter(ts);
            case NONE -> ts;
        };
    }

    /** Autocomplete keys of title words: the leading 1 to {@link PaperFields#SHORT_GRAM} characters and the whole word. */
    static TokenStream edgeNGrams(TokenStream words) {
        return new EdgeNGramTokenFilter(words, 1, PaperFields.SHORT_GRAM, true);
    }

    private static Analyzer englishAnalyzer(AnalysisOptions options) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, english(words(source), options));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return words(in);
            }
        };
    }

    private static Analyzer plainAnalyzer(int positionGap) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, words(source));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return words(in);
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
                return new TokenStreamComponents(source, edgeNGrams(words(source)));
            }
        };
    }
}
