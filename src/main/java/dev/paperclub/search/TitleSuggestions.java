package dev.paperclub.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * Typed paper references: autocomplete choices for a {@code paper} option ({@link #suggest}) and
 * what a reference typed without picking a choice means ({@link #match}, {@link #resolve}).
 *
 * <p>How many choices a list holds and how long a shown title may be are the caller's (the
 * platform's) limits, given at construction.
 */
public final class TitleSuggestions {
    private static final int MAX_TYPED = 200;
    /** Title matches best first; equally good ones by upvotes, then the newer. */
    private static final Sort BEST_FIRST = new Sort(
            SortField.FIELD_SCORE,
            new SortField(PaperFields.UPVOTES, SortField.Type.LONG, true),
            new SortField(PaperFields.PUBLISHED, SortField.Type.LONG, true));

    private final PaperIndex index;
    private final Searchers searchers;
    private final PaperQueryBuilder queries;
    private final int maxChoices;
    private final int maxName;
    /** Autocomplete answers: at most {@code maxChoices} short titles each. */
    private final Cache<SuggestKey, List<Suggestion>> cache =
            Caffeine.newBuilder().maximumSize(2_000).recordStats().build();

    /**
     * @param maxChoices most choices a list holds (and most papers {@link #match} returns)
     * @param maxName    most characters of a choice's shown title
     */
    public TitleSuggestions(
            PaperIndex index, RankingOptions options, SearchThreads threads, int maxChoices, int maxName) {
        this.index = index;
        this.searchers = Searchers.of(index, options, threads);
        this.queries = new PaperQueryBuilder(index.analyzer(), options);
        this.maxChoices = maxChoices;
        this.maxName = maxName;
    }

    /** Default ranking, on the calling thread. */
    public TitleSuggestions(PaperIndex index, int maxChoices, int maxName) {
        this(index, RankingOptions.defaults(), SearchThreads.none(), maxChoices, maxName);
    }

    /**
     * Autocomplete choices for a {@code paper} option: titles containing every typed word as a
     * word prefix (in any order), titles starting with the typed text first, an exactly typed
     * id first of all; ties go to more upvoted, then newer papers. Empty input lists the newest.
     */
    public List<Suggestion> suggest(String typed, int limit) {
        int n = Math.max(1, Math.min(limit, maxChoices));
        String trimmed = cut(sanitized(typed)).strip();
        return index.withSearcher(searcher -> {
            if (!(searcher.getIndexReader() instanceof DirectoryReader reader))
                return suggestions(searcher, trimmed, n);
            // Every keystroke asks again, and members type the same titles: answers are kept per
            // index version, so an ingest or removal (a new version) is never answered from before it.
            return cache.get(new SuggestKey(reader.getVersion(), trimmed, n), k -> {
                try {
                    return suggestions(searcher, trimmed, n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        });
    }

    /** What a member typed, as the title queries read it: no control characters. */
    private static String sanitized(String typed) {
        return UserQueryParser.sanitize(typed == null ? "" : typed);
    }

    /** At most {@value #MAX_TYPED} characters (a title is far shorter). */
    private static String cut(String text) {
        return text.length() > MAX_TYPED ? text.substring(0, MAX_TYPED) : text;
    }

    /**
     * The choices for what was typed (the newest papers when nothing was), built only when not
     * cached; when no title has the typed words, the titles spelled like them.
     */
    private List<Suggestion> suggestions(IndexSearcher searcher, String trimmed, int n) throws IOException {
        TopDocs top = trimmed.isEmpty()
                ? searcher.search(
                        new MatchAllDocsQuery(),
                        n,
                        new Sort(
                                new SortField(PaperFields.PUBLISHED, SortField.Type.LONG, true),
                                new SortField(PaperFields.UPVOTES, SortField.Type.LONG, true)))
                : searcher.search(suggestQuery(trimmed), n, BEST_FIRST);
        if (top.scoreDocs.length == 0 && !trimmed.isEmpty()) {
            Optional<Query> close = mostTitleWords(trimmed, TitleSuggestions::closeTo);
            if (close.isPresent()) top = searcher.search(close.get(), n, BEST_FIRST);
        }
        StoredFields stored = searcher.storedFields();
        Map<String, Suggestion> out = new LinkedHashMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            Suggestion s = suggestion(stored, sd.doc);
            out.putIfAbsent(s.value(), s);
        }
        return List.copyOf(out.values());
    }

    private record SuggestKey(long indexVersion, String typed, int limit) {}

    /** Hit rate of the autocomplete cache. */
    public CacheStats cacheStats() {
        return cache.stats();
    }

    private Query suggestQuery(String typed) {
        BooleanQuery.Builder top = new BooleanQuery.Builder();
        top.add(
                new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(PaperFields.ID, typed))), 100),
                Occur.SHOULD);
        List<String> words = queries.tokens(PaperFields.WORDS, typed);
        if (!words.isEmpty()) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            Set<String> seen = new HashSet<>();
            for (String w : words) {
                String gram = w.length() > PaperFields.MAX_GRAM ? w.substring(0, PaperFields.MAX_GRAM) : w;
                if (seen.add(gram) && seen.size() <= 16) {
                    all.add(new ConstantScoreQuery(wordStart(gram)), Occur.MUST);
                }
            }
            String key = TitleKeys.normalize(typed);
            if (!key.isEmpty()) {
                String start = key.length() > PaperFields.MAX_GRAM ? key.substring(0, PaperFields.MAX_GRAM) : key;
                all.add(new BoostQuery(new ConstantScoreQuery(titleStart(start)), 5), Occur.SHOULD);
                all.add(
                        new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(PaperFields.TITLE_KEY, key))), 20),
                        Occur.SHOULD);
            }
            top.add(all.build(), Occur.SHOULD);
        }
        return top.build();
    }

    /** Titles with a word that starts with {@code gram}: a short one is indexed as it is, a longer one expands over the words. */
    private static Query wordStart(String gram) {
        Term t = new Term(PaperFields.TITLE_PREFIX, gram);
        return gram.length() <= PaperFields.SHORT_GRAM ? new TermQuery(t) : new PrefixQuery(t);
    }

    /**
     * Titles whose normalized key starts with {@code start}: a range of the key's doc values,
     * checked only on papers the other clauses matched (keys are UTF-8, whose bytes never reach
     * 0xFF, so the upper bound is above every key that starts with {@code start}).
     */
    private static Query titleStart(String typed) {
        // a cut that split a surrogate pair would encode as U+FFFD, outside every key's range
        String start = Character.isHighSurrogate(typed.charAt(typed.length() - 1))
                ? typed.substring(0, typed.length() - 1)
                : typed;
        BytesRef lower = new BytesRef(start);
        byte[] upper = java.util.Arrays.copyOf(lower.bytes, lower.length + 1);
        upper[lower.length] = (byte) 0xFF;
        return SortedDocValuesField.newSlowRangeQuery(PaperFields.TITLE_KEY, lower, new BytesRef(upper), true, true);
    }

    /** The paper {@code doc} as a choice: its title as shown, its id as the value. */
    private Suggestion suggestion(StoredFields stored, int doc) throws IOException {
        Document d = stored.document(doc, Set.of(PaperFields.ID, PaperFields.TITLE));
        return new Suggestion(displayName(d.get(PaperFields.TITLE), maxName), d.get(PaperFields.ID));
    }

    /** A title cut to {@code max} characters at a word boundary, marked with "…". */
    static String displayName(String title, int max) {
        String t = title == null ? "" : title.strip().replaceAll("\\s+", " ");
        if (t.isEmpty()) return "(untitled)";
        if (t.length() <= max) return t;
        int cut = t.lastIndexOf(' ', max - 1);
        if (cut < max / 2) cut = max - 1;
        return t.substring(0, cut).strip() + "…";
    }

    /**
     * Resolves what a user typed into a {@code paper} option without picking a choice: the
     * first paper of {@link #match}, which papers tied for the best match share by upvotes,
     * then date; empty when nothing fits.
     */
    public Optional<String> resolve(String typed) {
        return match(typed).best().stream().findFirst().map(Suggestion::value);
    }

    /**
     * The papers whose titles best match what a user typed into a {@code paper} option, all of
     * those tied for the best (up to the most choices a list holds): an exact id or title
     * (normalized), else titles that every typed word starts a word of (autocomplete's rule; a
     * title starting with the typed text ranks above), else titles holding most of the typed
     * words, else titles whose words are close in spelling to the typed ones. Each level is
     * tried only when the one before found nothing, so a misspelling never outranks a real match.
     */
    public TitleMatch match(String typed) {
        String text = cut(sanitized(typed).strip());
        if (text.isEmpty()) return TitleMatch.none();
        List<Step> steps = steps(text);
        return searchers.with(searcher -> {
            for (Step step : steps) {
                TitleMatch found = tiedBest(searcher, step);
                if (!found.best().isEmpty()) return found;
            }
            return TitleMatch.none();
        });
    }

    /** One level of {@link #match} and the query that finds its papers. */
    private record Step(TitleMatch.Level level, Query query) {}

    /** The levels of {@link #match} for {@code text}, best first. */
    private List<Step> steps(String text) {
        String key = TitleKeys.normalize(text);
        Query exact = key.isEmpty()
                ? new TermQuery(new Term(PaperFields.ID, text))
                : new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(PaperFields.ID, text)), Occur.SHOULD)
                        .add(new TermQuery(new Term(PaperFields.TITLE_KEY, key)), Occur.SHOULD)
                        .build();
        List<Step> steps = new ArrayList<>(List.of(
                new Step(TitleMatch.Level.EXACT, exact), new Step(TitleMatch.Level.WORD_STARTS, suggestQuery(text))));
        mostTitleWords(text, w -> new TermQuery(new Term(PaperFields.TITLE, w)))
                .ifPresent(q -> steps.add(new Step(TitleMatch.Level.TITLE_WORDS, q)));
        mostTitleWords(text, TitleSuggestions::closeTo)
                .ifPresent(q -> steps.add(new Step(TitleMatch.Level.SPELLING, q)));
        return steps;
    }

    /**
     * Titles holding most of the typed words (each matched by {@code word}): one shared common
     * word is not "the paper you meant". Empty when analysis leaves no word.
     */
    private Optional<Query> mostTitleWords(String text, Function<String, Query> word) {
        List<String> words = queries.tokens(PaperFields.TITLE, text).stream()
                .distinct()
                .limit(PaperQueryBuilder.MAX_WORDS)
                .toList();
        if (words.isEmpty()) return Optional.empty();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        words.forEach(w -> b.add(word.apply(w), Occur.SHOULD));
        return Optional.of(b.setMinimumNumberShouldMatch((int) Math.max(1, Math.ceil(words.size() * 0.6)))
                .build());
    }

    /**
     * A title word spelled like {@code word}: within one edit for short words, two for longer
     * ones (Lucene's limit), a swap of two letters counting as one. Words of one or two letters
     * must be exact: one edit away is half the dictionary.
     */
    private static Query closeTo(String word) {
        Term t = new Term(PaperFields.TITLE, word);
        int len = word.codePointCount(0, word.length());
        if (len < 3) return new TermQuery(t);
        return new FuzzyQuery(t, len < 6 ? 1 : LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE);
    }

    /** The papers {@code step} finds with the best score, at most the most choices: ties by upvotes, then date. */
    private TitleMatch tiedBest(IndexSearcher searcher, Step step) throws IOException {
        TopDocs top = searcher.search(step.query(), maxChoices, BEST_FIRST, true);
        if (top.scoreDocs.length == 0) return TitleMatch.none();
        float best = top.scoreDocs[0].score;
        StoredFields stored = searcher.storedFields();
        List<Suggestion> tied = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            if (sd.score < best) break;
            tied.add(suggestion(stored, sd.doc));
        }
        return new TitleMatch(step.level(), tied, top.totalHits.value);
    }
}
