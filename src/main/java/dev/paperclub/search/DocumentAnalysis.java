package dev.paperclub.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Tokenizes a paper's title and abstract once for every index field that reads their words.
 *
 * <p>The title field, the combined text field, the "did you mean" word list and the
 * autocomplete n-grams all start from the same words (standard tokenizer, lowercase, ASCII
 * folding: {@link PaperAnalyzer#words}). Analysing each field from the raw text ran the
 * tokenizer over the title four times and over the abstract twice, and tokenizing was most
 * of the indexing time. Here the words are captured once and replayed into each field's own
 * filters ({@link PaperAnalyzer#english}, {@link PaperAnalyzer#edgeNGrams}), which gives
 * exactly the tokens the analyzer gives for that field from the raw text (tested in
 * {@code DocumentAnalysisTest}); queries, the highlighter and MoreLikeThis keep using the
 * analyzer.
 *
 * <p>One instance per indexing thread: {@link #analyse} fills it for one paper, and the
 * streams it hands out are valid until the next call.
 */
final class DocumentAnalysis {

    private final Analyzer plain;
    private final Captured words = new Captured();
    private final Replay titleWords = new Replay(words, true, false);
    private final Replay allWords = new Replay(words, false, false);
    private final Replay prefixWords = new Replay(words, true, false);
    private final Replay dictionaryWords = new Replay(words, false, true);
    private final TokenStream title;
    private final TokenStream text;
    private final TokenStream prefixes;

    DocumentAnalysis(PaperAnalyzer analyzer) {
        this.plain = analyzer.plain();
        this.title = PaperAnalyzer.english(titleWords, analyzer.options());
        this.text = PaperAnalyzer.english(allWords, analyzer.options());
        this.prefixes = PaperAnalyzer.edgeNGrams(prefixWords);
    }

    /** Tokenizes the combined text ({@link PaperIndex#combinedText}) whose first {@code titleLength} chars are the title. */
    void analyse(String combinedText, int titleLength) {
        words.clear();
        try (TokenStream ts = plain.tokenStream(PaperFields.WORDS, combinedText)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                words.add(term.buffer(), term.length(), inc.getPositionIncrement(), offset.startOffset() < titleLength);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail
        }
    }

    /** The title's English terms (the title field). */
    TokenStream title() {
        return title;
    }

    /** English terms of title and abstract (the combined ranking field). */
    TokenStream text() {
        return text;
    }

    /**
     * The plain words of title and abstract, each once (the spelling dictionary, which records
     * only which papers hold a word: repeats would only cost lookups in the index's term hash).
     */
    TokenStream words() {
        return dictionaryWords;
    }

    /** Edge n-grams of the title's words (autocomplete). */
    TokenStream titlePrefixes() {
        return prefixes;
    }

    /** The words of one paper: characters end to end, with each word's start, length and position increment. */
    private static final class Captured {
        char[] chars = new char[4096];
        int[] start = new int[512];
        int[] length = new int[512];
        int[] increment = new int[512];
        /** Whether the word occurs here for the first time in this paper. */
        boolean[] first = new boolean[512];
        /** Words seen in this paper: a small table that stays in cache, unlike the index's own term hash. */
        final CharArraySet seen = new CharArraySet(256, false);

        int used;
        int count;
        /** Words that start inside the title: always a leading run, as the title comes first. */
        int titleCount;

        void clear() {
            seen.clear();
            used = 0;
            count = 0;
            titleCount = 0;
        }

        void add(char[] buffer, int len, int inc, boolean inTitle) {
            if (used + len > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
            if (count == start.length) {
                int n = count * 2;
                start = Arrays.copyOf(start, n);
                length = Arrays.copyOf(length, n);
                increment = Arrays.copyOf(increment, n);
                first = Arrays.copyOf(first, n);
            }
            first[count] = !seen.contains(buffer, 0, len);
            if (first[count]) seen.add(Arrays.copyOf(buffer, len));
            System.arraycopy(buffer, 0, chars, used, len);
            start[count] = used;
            length[count] = len;
            increment[count] = inc;
            used += len;
            count++;
            if (inTitle) titleCount = count;
        }
    }

    /** Replays the captured words (or the title's, which lead) as a token stream, for filters to run over. */
    private static final class Replay extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute inc = addAttribute(PositionIncrementAttribute.class);
        private final Captured words;
        /** Only the title's words. */
        private final boolean titleOnly;
        /** Skip repeats: for a field that records only which documents hold a word. */
        private final boolean distinct;

        private int to;
        private int next;

        Replay(Captured words, boolean titleOnly, boolean distinct) {
            this.words = words;
            this.titleOnly = titleOnly;
            this.distinct = distinct;
        }

        @Override
        public boolean incrementToken() {
            if (distinct) {
                while (next < to && !words.first[next]) next++;
            }
            if (next >= to) return false;
            clearAttributes();
            term.copyBuffer(words.chars, words.start[next], words.length[next]);
            inc.setPositionIncrement(words.increment[next]);
            next++;
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
            to = titleOnly ? words.titleCount : words.count;
        }
    }
}
