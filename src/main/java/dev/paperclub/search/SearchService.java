package dev.paperclub.search;

import dev.paperclub.search.UserQueryParser.Clause;
import dev.paperclub.search.UserQueryParser.Kind;
import dev.paperclub.search.UserQueryParser.Target;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * Search over a {@link PaperIndex}: ranked search with snippets and "did you mean",
 * similar papers, and autocomplete/resolution of typed paper references.
 *
 * <p>Hybrid ranking (when the {@link SemanticModel} is ready and papers have vectors): the
 * BM25 top {@code candidates} and the query's nearest neighbours by vector are pooled, each
 * candidate is scored both ways, and the two standardized scores are blended linearly,
 * {@code denseWeight} on the vector side (tuned on SciFact train, see {@link RankingOptions}).
 * Papers without a vector yet still rank by BM25. Word queries that match no paper at all stay
 * empty (with "did you mean"), rather than returning whatever is nearest to gibberish.
 *
 * <p>A result is a match: a paper the words match, or a neighbour whose cosine to the query
 * reaches {@link RankingOptions#closeFloor()} ("close in meaning"), never the k nearest
 * whatever their distance; {@link SearchResults} counts the two apart. Neighbours must satisfy
 * the query's constraints (required phrases and fields, exclusions, {@code since}) as word
 * matches do; only the optional words can be stood in for by meaning.
 *
 * <p>Every entry point accepts any user string: malformed syntax degrades to plain words,
 * and nothing a user types can make it throw.
 */
public final class SearchService {

    /** Hits counted exactly up to this many; beyond, the total is a lower bound (keeps WAND skipping). */
    private static final int COUNT_THRESHOLD = 1000;
    /** How deep the first ranking stage goes per hit asked for, before the title boost re-ranks it. */
    private static final int RESCORED_PER_HIT = 2;
    private static final int MIN_RESCORED = 20;
    /** Discord allows 25 autocomplete choices, each name at most 100 characters. */
    public static final int MAX_SUGGESTIONS = 25;
    public static final int MAX_NAME = 100;
    private static final int MAX_TYPED = 200;
    private static final Pattern AGE = Pattern.compile("(\\d{1,4})([dwmy])");
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

    private final PaperIndex index;
    private final PaperAnalyzer analyzer;
    private final RankingOptions options;
    private final PaperQueryBuilder queries;
    private final BM25Similarity similarity;
    private final MarkdownSnippetFormatter formatter = new MarkdownSnippetFormatter();
    private final DirectSpellChecker spell = new DirectSpellChecker();
    private final SemanticModel semantic;
    private final SearchThreads threads;
    /** Autocomplete answers: at most 25 short titles each. */
    private final Cache<SuggestKey, List<Suggestion>> suggestionCache =
            Caffeine.newBuilder().maximumSize(2_000).recordStats().build();

    public SearchService(PaperIndex index, RankingOptions options, SemanticModel semantic, SearchThreads threads) {
        this.index = index;
        this.semantic = semantic;
        this.threads = threads;
        this.analyzer = index.analyzer();
        this.options = options;
        this.queries = new PaperQueryBuilder(analyzer, options);
        this.similarity = new BM25Similarity(options.k1(), options.b());
        // Any indexed word may be a correction: a club's corpus is a few hundred papers, where a
        // frequency threshold of 2 already hid real words ("protein" in two abstracts). Among
        // equally close words the spell checker prefers the more frequent one.
        spell.setThresholdFrequency(1);
    }

    /** Every search on its calling thread. */
    public SearchService(PaperIndex index, RankingOptions options, SemanticModel semantic) {
        this(index, options, semantic, SearchThreads.none());
    }

    /** Lexical search only. */
    public SearchService(PaperIndex index, RankingOptions options) {
        this(index, options, SemanticModel.disabled());
    }

    /** Lexical search only, default ranking. */
    public SearchService(PaperIndex index) {
        this(index, RankingOptions.defaults());
    }

    // ---------------------------------------------------------------- search

    /** Ranked papers with Discord-markdown snippets; zero hits may carry a "did you mean". */
    public SearchResults search(SearchQuery q) {
        return run(q, true, SearchMode.HYBRID);
    }

    /** Like {@link #search(SearchQuery)} in a chosen mode (hybrid and dense fall back to lexical without vectors). */
    public SearchResults search(SearchQuery q, SearchMode mode) {
        return run(q, true, mode);
    }

    /** Ranked ids and scores only (title and snippet empty), no correction: batch runs and evaluation. */
    public List<SearchHit> rank(String text, int limit) {
        return rank(text, limit, SearchMode.HYBRID);
    }

    public List<SearchHit> rank(String text, int limit, SearchMode mode) {
        return run(new SearchQuery(text, null, limit, 0), false, mode).hits();
    }

    private SearchResults run(SearchQuery q, boolean interactive, SearchMode mode) {
        List<Clause> clauses = UserQueryParser.parse(q.text());
        Optional<PaperQueryBuilder.Built> built = queries.build(clauses);
        if (built.isEmpty()) return SearchResults.empty();
        Optional<Query> titleBoost = built.get().titleBoost();
        String meaning = mode == SearchMode.LEXICAL ? "" : semanticText(clauses);
        boolean embed = semantic.canEmbed(meaning);
        return index.withSearcher(shared -> {
            IndexSearcher searcher = searcher(shared);
            Query query = withSince(built.get().query(), q.since());
            if (options.feedbackDocs() > 0 && isBagOfWords(clauses)) {
                query = withSince(expand(searcher, built.get().query(), queries.plainTokens(clauses), q.since()), q.since());
            }
            int n = q.offset() + q.limit();
            int k = Math.max(n, options.candidates());
            TopDocs lex = null;
            Optional<float[]> queryVector = Optional.empty();
            if (embed && mode == SearchMode.DENSE) {
                queryVector = semantic.embedQuery(meaning);
            } else if (embed) {
                // Embedding the query takes one core for a few milliseconds: a search thread does it
                // while this one ranks the words (Lucene runs on the caller what no pool thread has started).
                Query words = query;
                List<Object> both = searcher.getTaskExecutor().invokeAll(List.<Callable<Object>>of(
                        () -> searcher.search(words, new TopScoreDocCollectorManager(k, COUNT_THRESHOLD)),
                        () -> semantic.embedQuery(meaning)));
                lex = (TopDocs) both.get(0);
                @SuppressWarnings("unchecked") Optional<float[]> vector = (Optional<float[]>) both.get(1);
                queryVector = vector;
            }
            Found found;
            if (queryVector.isEmpty()) {
                // lexical, or the model was released while this query was embedded (shutting down)
                TopDocs top = lex;
                if (top == null) {
                    int pool = titleBoost.isEmpty() ? n : Math.max(RESCORED_PER_HIT * n, MIN_RESCORED);
                    top = searcher.search(query, new TopScoreDocCollectorManager(pool, COUNT_THRESHOLD));
                }
                found = new Found(withTitleBoost(searcher, top, titleBoost, n), top.totalHits.value,
                        top.totalHits.relation == TotalHits.Relation.EQUAL_TO, 0, true);
            } else if (lex != null && lex.totalHits.value == 0) {
                // words that match no paper at all: nothing is "close" to gibberish, and "did you mean" gets its turn
                found = new Found(new ScoreDoc[0], 0, true, 0, true);
            } else {
                Query filter = constraintsOf(built.get(), q.since());
                TopDocs dense = searcher.search(new KnnFloatVectorQuery(PaperFields.VECTOR, queryVector.get(), k, filter), k);
                float floor = similarityScore(options.closeFloor());
                ScoreDoc[] near = dense.scoreDocs;
                // More neighbours above the floor may lie beyond the k fetched when even the k-th is above it.
                boolean allNearCounted = near.length < k || near[near.length - 1].score < floor;
                if (lex == null) {
                    ScoreDoc[] close = Arrays.stream(near).filter(sd -> sd.score >= floor).toArray(ScoreDoc[]::new);
                    found = new Found(close, 0, true, close.length, allNearCounted);
                } else {
                    // a neighbour outside the lexical top k is scored by the whole query, title boost included
                    Query whole = titleBoost.isEmpty() ? query : new BooleanQuery.Builder()
                            .add(query, Occur.MUST).add(titleBoost.get(), Occur.SHOULD).build();
                    ScoreDoc[] lexRanked = withTitleBoost(searcher, lex, titleBoost, k);
                    Fused fused = blend(searcher, whole, lexRanked, near, queryVector.get(), options.denseWeight());
                    // A result is a match: the words match it, or it is close in meaning. The neighbours
                    // below the floor still shaped the standardization of the blend (as on SciFact), but are not shown.
                    ScoreDoc[] shown = Arrays.stream(fused.ranked())
                            .filter(sd -> fused.wordMatches().contains(sd.doc) || fused.similarity(sd.doc) >= floor)
                            .toArray(ScoreDoc[]::new);
                    int close = 0;
                    for (ScoreDoc sd : shown) if (!fused.wordMatches().contains(sd.doc)) close++;
                    found = new Found(shown, lex.totalHits.value, lex.totalHits.relation == TotalHits.Relation.EQUAL_TO,
                            close, allNearCounted);
                }
            }
            ScoreDoc[] ranked = found.ranked();
            long totalHits = found.words() + found.close();
            ScoreDoc[] page = Arrays.copyOfRange(ranked, Math.min(q.offset(), ranked.length), Math.min(n, ranked.length));
            List<SearchHit> hits = new ArrayList<>(page.length);
            if (interactive) {
                String[] snippets = snippets(searcher, clauses, page);
                StoredFields stored = searcher.storedFields();
                for (int i = 0; i < page.length; i++) {
                    Document d = stored.document(page[i].doc, Set.of(PaperFields.ID, PaperFields.TITLE));
                    hits.add(new SearchHit(d.get(PaperFields.ID), d.get(PaperFields.TITLE), page[i].score, snippets[i]));
                }
            } else {
                List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
                for (ScoreDoc sd : page) {
                    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
                    SortedDocValues ids = DocValues.getSorted(leaf.reader(), PaperFields.ID);
                    String id = ids.advanceExact(sd.doc - leaf.docBase) ? ids.lookupOrd(ids.ordValue()).utf8ToString() : "";
                    hits.add(new SearchHit(id, "", sd.score, ""));
                }
            }
            String correction = interactive && totalHits == 0 ? correction(searcher, q) : "";
            return new SearchResults(found.words(), found.wordsExact(), hits, correction, found.close(), found.closeExact());
        });
    }

    /**
     * Which of {@code ids} the query's words match (by the same analysis and syntax as search,
     * phrases as phrases), whatever their rank: a reason such as "matches “diffusion”" is then a
     * fact about the paper's text, never a neighbour in meaning.
     */
    public Set<String> matching(String text, Collection<String> ids) {
        if (ids.isEmpty()) return Set.of();
        Optional<PaperQueryBuilder.Built> built = queries.build(UserQueryParser.parse(text));
        if (built.isEmpty()) return Set.of();
        List<BytesRef> terms = ids.stream().distinct().map(BytesRef::new).toList();
        Query among = new BooleanQuery.Builder()
                .add(built.get().query(), Occur.MUST)
                .add(new TermInSetQuery(PaperFields.ID, terms), Occur.FILTER)
                .build();
        return index.withSearcher(shared -> {
            IndexSearcher searcher = searcher(shared);
            Set<String> out = new HashSet<>();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(among, terms.size()).scoreDocs) {
                out.add(stored.document(sd.doc, Set.of(PaperFields.ID)).get(PaperFields.ID));
            }
            return out;
        });
    }

    /**
     * The best {@code n} of {@code firstPass} once the title boost is added to their scores.
     * Ranking in two stages scores exactly as one query holding the title clauses would, for every
     * paper in the first pass; only a paper outside it that the title boost alone would lift into
     * the top {@code n} is missed, hence a first pass {@value #RESCORED_PER_HIT}x as deep. On SciFact
     * train, asking for 10 this way gave nDCG@10 0.7037 against 0.7029 for the top 10 of an exact
     * ranking (49 of 809 top-10 lists differ in a paper at the bottom). With the title clauses in
     * the query, every search paid for twice the terms: on a million papers the query alone went from
     * p99 35 ms to 21 ms.
     */
    private static ScoreDoc[] withTitleBoost(IndexSearcher searcher, TopDocs firstPass, Optional<Query> titleBoost, int n)
            throws IOException {
        if (titleBoost.isEmpty() || firstPass.scoreDocs.length == 0) {
            return firstPass.scoreDocs.length <= n ? firstPass.scoreDocs : Arrays.copyOf(firstPass.scoreDocs, n);
        }
        return new QueryRescorer(titleBoost.get()) {
            @Override
            protected float combine(float firstPassScore, boolean secondPassMatches, float secondPassScore) {
                return secondPassMatches ? firstPassScore + secondPassScore : firstPassScore;
            }
        }.rescore(searcher, firstPass, n).scoreDocs;
    }

    /** What the model reads of a query: its positive words and phrases, without syntax or author names. */
    private static String semanticText(List<Clause> clauses) {
        StringBuilder b = new StringBuilder();
        for (Clause c : clauses) {
            if (c.negated() || c.target() == Target.AUTHOR) continue;
            if (b.length() > 0) b.append(' ');
            b.append(c.text());
        }
        return b.toString();
    }

    /** What one search found: its ranking of every result, how many there are and how many are close in meaning only. */
    private record Found(ScoreDoc[] ranked, long words, boolean wordsExact, long close, boolean closeExact) {}

    /**
     * What a neighbour by meaning must satisfy: the query's required clauses and exclusions and
     * {@code since}, not its optional words (which meaning may stand in for); null when nothing
     * restricts it. Exclusions and filters thereby act alike with and without vectors.
     */
    private static Query constraintsOf(PaperQueryBuilder.Built built, LocalDate since) {
        if (since == null) return built.constraints().orElse(null);
        Query date = LongPoint.newRangeQuery(PaperFields.PUBLISHED, since.toEpochDay(), Long.MAX_VALUE);
        return built.constraints().<Query>map(c -> new BooleanQuery.Builder()
                .add(c, Occur.FILTER).add(date, Occur.FILTER).build()).orElse(date);
    }

    /** Lucene scores a cosine vector match as (1 + cosine) / 2. */
    private static float similarityScore(float cosine) {
        return (1 + cosine) / 2;
    }

    /**
     * Blends both scores of every candidate: the union of the lexical top k and the nearest k
     * neighbours, each scored on both sides exactly — BM25 for a neighbour the lexical top k
     * missed (0 when it does not match), cosine for a lexical hit outside the neighbours (the
     * lowest candidate's when it has no vector yet) — then standardized over the union
     * (z-scores) and blended, {@code denseWeight} on the vector side.
     */
    /**
     * A blended ranking, with which candidates the lexical query matches and each candidate's
     * vector similarity (as Lucene scores it, NaN without a vector).
     */
    record Fused(ScoreDoc[] ranked, Set<Integer> wordMatches, Map<Integer, Float> similarities) {
        float similarity(int doc) {
            return similarities.getOrDefault(doc, Float.NaN);
        }
    }

    static Fused blend(IndexSearcher searcher, Query lexicalQuery, ScoreDoc[] lexical, ScoreDoc[] dense,
                       float[] queryVector, float denseWeight) throws IOException {
        Map<Integer, Float> lex = new HashMap<>();
        Set<Integer> matched = new HashSet<>();
        for (ScoreDoc sd : lexical) {
            lex.put(sd.doc, sd.score);
            matched.add(sd.doc);
        }
        Map<Integer, Float> vec = new HashMap<>();
        for (ScoreDoc sd : dense) vec.put(sd.doc, sd.score);
        int[] docs = java.util.stream.IntStream.concat(Arrays.stream(lexical).mapToInt(sd -> sd.doc),
                Arrays.stream(dense).mapToInt(sd -> sd.doc)).distinct().sorted().toArray();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Weight weight = null;
        int leafIndex = -1;
        DocIdSetIterator matches = null;
        Scorer scorer = null;
        FloatVectorValues vectors = null;
        for (int doc : docs) {
            int li = ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext leaf = leaves.get(li);
            if (li != leafIndex) {
                leafIndex = li;
                if (weight == null && lex.size() < docs.length) {
                    weight = searcher.createWeight(searcher.rewrite(lexicalQuery), ScoreMode.COMPLETE, 1f);
                }
                scorer = weight == null ? null : weight.scorer(leaf);
                matches = scorer == null ? null : scorer.iterator();
                vectors = leaf.reader().getFloatVectorValues(PaperFields.VECTOR);
            }
            int local = doc - leaf.docBase;
            if (!lex.containsKey(doc)) {
                float score = 0;
                if (matches != null && (matches.docID() >= local || matches.advance(local) != DocIdSetIterator.NO_MORE_DOCS)
                        && matches.docID() == local) {
                    score = scorer.score();
                    matched.add(doc);
                }
                lex.put(doc, score);
            }
            if (!vec.containsKey(doc) && vectors != null && (vectors.docID() == local
                    || (vectors.docID() < local && vectors.advance(local) == local))) {
                vec.put(doc, VectorSimilarityFunction.COSINE.compare(queryVector, vectors.vectorValue()));
            }
        }
        Map<Integer, Float> similarities = Map.copyOf(vec);
        // A candidate without a vector yet ranks as the least similar one.
        float vecFloor = vec.isEmpty() ? 0 : Collections.min(vec.values());
        float[] l = new float[docs.length];
        float[] d = new float[docs.length];
        for (int i = 0; i < docs.length; i++) {
            l[i] = lex.get(docs[i]);
            d[i] = vec.getOrDefault(docs[i], vecFloor);
        }
        standardize(l);
        standardize(d);
        ScoreDoc[] out = new ScoreDoc[docs.length];
        for (int i = 0; i < docs.length; i++) out[i] = new ScoreDoc(docs[i], (1 - denseWeight) * l[i] + denseWeight * d[i]);
        Arrays.sort(out, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return new Fused(out, matched, similarities);
    }

    /** In place: (x - mean) / standard deviation; all zeros when the scores do not vary. */
    private static void standardize(float[] xs) {
        double mean = 0;
        for (float x : xs) mean += x;
        mean /= Math.max(1, xs.length);
        double var = 0;
        for (float x : xs) var += (x - mean) * (x - mean);
        double sd = Math.sqrt(var / Math.max(1, xs.length));
        for (int i = 0; i < xs.length; i++) xs[i] = sd > 0 ? (float) ((xs[i] - mean) / sd) : 0f;
    }

    /** A per-call searcher over the shared reader, so this service's BM25 parameters and threads apply. */
    private IndexSearcher searcher(IndexSearcher shared) {
        IndexSearcher s = threads.searcher(shared.getIndexReader());
        s.setSimilarity(similarity);
        return s;
    }

    private static Query withSince(Query q, LocalDate since) {
        if (since == null) return q;
        return new BooleanQuery.Builder()
                .add(q, Occur.MUST)
                .add(LongPoint.newRangeQuery(PaperFields.PUBLISHED, since.toEpochDay(), Long.MAX_VALUE), Occur.FILTER)
                .build();
    }

    private static boolean isBagOfWords(List<Clause> clauses) {
        return clauses.stream().allMatch(c -> c.kind() == Kind.WORD && c.target() == Target.ANY && !c.negated());
    }

    /**
     * RM3-style pseudo-relevance feedback: the top documents of a first pass vote for
     * expansion terms, weighted by document score and term frequency, and the expansion is
     * mixed with the original query.
     */
    private Query expand(IndexSearcher searcher, Query original, List<String> queryTokens, LocalDate since) throws IOException {
        TopDocs first = searcher.search(withSince(original, since), options.feedbackDocs());
        if (first.scoreDocs.length == 0) return original;
        float scoreSum = 0;
        for (ScoreDoc sd : first.scoreDocs) scoreSum += sd.score;
        Map<String, Double> weights = new HashMap<>();
        StoredFields stored = searcher.storedFields();
        Set<String> fields = Set.of(PaperFields.TITLE, PaperFields.ABSTRACT);
        int docCount = searcher.getIndexReader().numDocs();
        for (ScoreDoc sd : first.scoreDocs) {
            Document d = stored.document(sd.doc, fields);
            Map<String, Integer> tf = new HashMap<>();
            int len = 0;
            for (String t : queries.tokens(PaperFields.TEXT, d.get(PaperFields.TITLE) + " " + d.get(PaperFields.ABSTRACT))) {
                tf.merge(t, 1, Integer::sum);
                len++;
            }
            if (len == 0) continue;
            double docWeight = sd.score / scoreSum;
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                weights.merge(e.getKey(), docWeight * e.getValue() / len, Double::sum);
            }
        }
        // Terms in a large share of the corpus carry no topic; digits alone are mostly noise.
        IndexReader reader = searcher.getIndexReader();
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            String t = e.getKey();
            if (t.length() < 2 || t.chars().allMatch(Character::isDigit)) continue;
            if (reader.docFreq(new Term(PaperFields.TEXT, t)) > docCount / 10) continue;
            ranked.add(e);
        }
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<Map.Entry<String, Double>> kept = ranked.subList(0, Math.min(options.feedbackTerms(), ranked.size()));
        double norm = kept.stream().mapToDouble(Map.Entry::getValue).sum();
        if (norm <= 0) return original;
        BooleanQuery.Builder expansion = new BooleanQuery.Builder();
        for (Map.Entry<String, Double> e : kept) {
            float w = (float) ((1 - options.originalWeight()) * e.getValue() / norm);
            expansion.add(new BoostQuery(new TermQuery(new Term(PaperFields.TEXT, e.getKey())), w), Occur.SHOULD);
        }
        // The original query sums one BM25 score per query word, so scale it to unit mass like the expansion.
        float ow = options.originalWeight() / Math.max(1, queryTokens.size());
        return new BooleanQuery.Builder()
                .add(new BoostQuery(original, ow), Occur.SHOULD)
                .add(expansion.build(), Occur.SHOULD)
                .build();
    }

    private String[] snippets(IndexSearcher searcher, List<Clause> clauses, ScoreDoc[] page) throws IOException {
        String[] out = new String[page.length];
        if (page.length == 0) return out;
        Optional<Query> hq = queries.highlightQuery(clauses);
        if (hq.isPresent()) {
            // Highlighting re-analyses each abstract; with search threads the page is split among them.
            int parts = Math.min(page.length, threads.threads());
            List<Callable<String[]>> tasks = new ArrayList<>(parts);
            for (int i = 0; i < parts; i++) {
                ScoreDoc[] part = Arrays.copyOfRange(page, i * page.length / parts, (i + 1) * page.length / parts);
                tasks.add(() -> highlight(searcher, hq.get(), part));
            }
            int at = 0;
            for (String[] found : searcher.getTaskExecutor().invokeAll(tasks)) { // in task order
                System.arraycopy(found, 0, out, at, found.length);
                at += found.length;
            }
        }
        StoredFields stored = searcher.storedFields();
        for (int i = 0; i < page.length; i++) {
            if (out[i] == null) {
                String abs = stored.document(page[i].doc, Set.of(PaperFields.ABSTRACT)).get(PaperFields.ABSTRACT);
                out[i] = MarkdownSnippetFormatter.lead(abs == null ? "" : abs);
            }
        }
        return out;
    }

    private String[] highlight(IndexSearcher searcher, Query query, ScoreDoc[] docs) throws IOException {
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(formatter)
                .withMaxNoHighlightPassages(0)
                .withHandleMultiTermQuery(true)
                .withHighlightPhrasesStrictly(true)
                .build();
        return highlighter.highlight(PaperFields.ABSTRACT, query, new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), docs), 3);
    }

    /**
     * "Did you mean": each word missing from the index's own vocabulary is replaced by its
     * closest frequent neighbour; offered only if the corrected query finds something.
     */
    private String correction(IndexSearcher searcher, SearchQuery q) throws IOException {
        String text = UserQueryParser.sanitize(q.text());
        IndexReader reader = searcher.getIndexReader();
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        int pos = 0;
        while (m.find()) {
            String word = m.group();
            String lower = word.toLowerCase(Locale.ROOT);
            out.append(text, pos, m.start());
            pos = m.end();
            String replacement = word;
            boolean fieldName = m.end() < text.length() && text.charAt(m.end()) == ':'; // title:, author:
            if (!fieldName && reader.docFreq(new Term(PaperFields.WORDS, lower)) == 0) {
                SuggestWord[] s = spell.suggestSimilar(new Term(PaperFields.WORDS, lower), 1, reader,
                        SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
                if (s.length > 0) {
                    replacement = s[0].string;
                    changed = true;
                }
            }
            out.append(replacement);
        }
        out.append(text.substring(pos));
        if (!changed) return "";
        String corrected = out.toString();
        Optional<PaperQueryBuilder.Built> cq = queries.build(UserQueryParser.parse(corrected));
        if (cq.isEmpty() || searcher.count(withSince(cq.get().query(), q.since())) == 0) return "";
        return corrected;
    }

    // ---------------------------------------------------------------- since

    /**
     * Parses a {@code since} option: an ISO date ({@code 2024-01-31}) or an age counted back
     * from today: {@code 7d}, {@code 2w}, {@code 3m} (months), {@code 1y}.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static LocalDate parseSince(String s, Clock clock) {
        String v = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
        if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + s + "' is not a real date; use YYYY-MM-DD, e.g. 2024-01-31");
            }
        }
        Matcher m = AGE.matcher(v);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            LocalDate today = LocalDate.now(clock);
            return switch (m.group(2)) {
                case "d" -> today.minusDays(n);
                case "w" -> today.minusWeeks(n);
                case "m" -> today.minusMonths(n);
                default -> today.minusYears(n);
            };
        }
        throw new IllegalArgumentException("since must be a date like 2024-01-31 or an age like 7d, 2w, 3m or 1y; got '"
                + (s == null ? "" : s.strip()) + "'");
    }

    // ---------------------------------------------------------------- similar

    /** Papers most like the given one by title and abstract, itself excluded; empty for an unknown id. */
    public List<SearchHit> similar(String paperId, int limit) {
        if (paperId == null || limit < 1) return List.of();
        int n = Math.min(limit, 100);
        return index.withSearcher(shared -> {
            IndexSearcher searcher = searcher(shared);
            TopDocs self = searcher.search(new TermQuery(new Term(PaperFields.ID, paperId)), 1);
            if (self.scoreDocs.length == 0) return List.of();
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(analyzer);
            // The combined field, as ranking uses it: read from the stored title and abstract.
            mlt.setFieldNames(new String[] {PaperFields.TEXT});
            // Defaults (minTermFreq 2, minDocFreq 5) find nothing in a club's few hundred papers.
            mlt.setMinTermFreq(1);
            // A term only this paper has cannot lead to a neighbour but would win on idf.
            mlt.setMinDocFreq(2);
            mlt.setMaxDocFreqPct(50);
            mlt.setMaxQueryTerms(30);
            mlt.setMinWordLen(2);
            mlt.setBoost(true);
            int selfDoc = self.scoreDocs[0].doc;
            Document selfFields = searcher.storedFields().document(selfDoc, Set.of(PaperFields.TITLE, PaperFields.ABSTRACT));
            Query like = mlt.like(PaperFields.TEXT, new java.io.StringReader(
                    PaperIndex.combinedText(selfFields.get(PaperFields.TITLE), selfFields.get(PaperFields.ABSTRACT))));
            Query notSelf = new TermQuery(new Term(PaperFields.ID, paperId));
            Query query = new BooleanQuery.Builder()
                    .add(like, Occur.MUST)
                    .add(notSelf, Occur.MUST_NOT)
                    .build();
            Optional<float[]> vector = semantic.enabled() ? vectorOf(searcher, selfDoc) : Optional.empty();
            if (vector.isEmpty()) return toHits(searcher, searcher.search(query, n).scoreDocs);
            // Nearest neighbours by vector blended with MoreLikeThis, as search blends them with BM25.
            int k = Math.max(n, options.candidates());
            TopDocs byWords = searcher.search(query, k);
            Query others = new BooleanQuery.Builder()
                    .add(new MatchAllDocsQuery(), Occur.FILTER)
                    .add(notSelf, Occur.MUST_NOT)
                    .build();
            TopDocs byMeaning = searcher.search(new KnnFloatVectorQuery(PaperFields.VECTOR, vector.get(), k, others), k);
            ScoreDoc[] fused = blend(searcher, query, byWords.scoreDocs, byMeaning.scoreDocs, vector.get(), options.denseWeight()).ranked();
            return toHits(searcher, Arrays.copyOf(fused, Math.min(n, fused.length)));
        });
    }

    private static Optional<float[]> vectorOf(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(PaperFields.VECTOR);
        int local = doc - leaf.docBase;
        if (values == null || values.advance(local) != local) return Optional.empty();
        return Optional.of(values.vectorValue().clone());
    }

    private static List<SearchHit> toHits(IndexSearcher searcher, ScoreDoc[] docs) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(docs.length);
        for (ScoreDoc sd : docs) {
            Document d = stored.document(sd.doc, Set.of(PaperFields.ID, PaperFields.TITLE));
            hits.add(new SearchHit(d.get(PaperFields.ID), d.get(PaperFields.TITLE), sd.score, ""));
        }
        return hits;
    }

    // ---------------------------------------------------------------- autocomplete

    /**
     * Autocomplete choices for a {@code paper} option: titles containing every typed word as a
     * word prefix (in any order), titles starting with the typed text first, an exactly typed
     * id first of all; ties go to more upvoted, then newer papers. Empty input lists the newest.
     */
    public List<Suggestion> suggest(String typed, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_SUGGESTIONS));
        String text = UserQueryParser.sanitize(typed == null ? "" : typed);
        if (text.length() > MAX_TYPED) text = text.substring(0, MAX_TYPED);
        String trimmed = text.strip();
        return index.withSearcher(searcher -> {
            if (!(searcher.getIndexReader() instanceof DirectoryReader reader)) return suggestions(searcher, trimmed, n);
            // Every keystroke asks again, and members type the same titles: answers are kept per
            // index version, so an ingest or removal (a new version) is never answered from before it.
            return suggestionCache.get(new SuggestKey(reader.getVersion(), trimmed, n), k -> {
                try {
                    return suggestions(searcher, trimmed, n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        });
    }

    /**
     * The choices for what was typed (the newest papers when nothing was), built only when not
     * cached; when no title has the typed words, the titles spelled like them.
     */
    private List<Suggestion> suggestions(IndexSearcher searcher, String trimmed, int n) throws IOException {
        TopDocs top = trimmed.isEmpty()
                ? searcher.search(new MatchAllDocsQuery(), n, new Sort(new SortField(PaperFields.PUBLISHED, SortField.Type.LONG, true),
                        new SortField(PaperFields.UPVOTES, SortField.Type.LONG, true)))
                : searcher.search(suggestQuery(trimmed), n, BEST_FIRST);
        if (top.scoreDocs.length == 0 && !trimmed.isEmpty()) {
            Optional<Query> close = mostTitleWords(trimmed, SearchService::closeTo);
            if (close.isPresent()) top = searcher.search(close.get(), n, BEST_FIRST);
        }
        StoredFields stored = searcher.storedFields();
        Map<String, Suggestion> out = new LinkedHashMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            Document d = stored.document(sd.doc, Set.of(PaperFields.ID, PaperFields.TITLE));
            String id = d.get(PaperFields.ID);
            out.putIfAbsent(id, new Suggestion(displayName(d.get(PaperFields.TITLE)), id));
        }
        return List.copyOf(out.values());
    }

    private record SuggestKey(long indexVersion, String typed, int limit) {}

    /** Title matches best first; equally good ones by upvotes, then the newer. */
    private static final Sort BEST_FIRST = new Sort(SortField.FIELD_SCORE,
            new SortField(PaperFields.UPVOTES, SortField.Type.LONG, true),
            new SortField(PaperFields.PUBLISHED, SortField.Type.LONG, true));

    /** Hit rate of the autocomplete cache. */
    public CacheStats suggestionCacheStats() {
        return suggestionCache.stats();
    }

    private Query suggestQuery(String typed) {
        BooleanQuery.Builder top = new BooleanQuery.Builder();
        top.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(PaperFields.ID, typed))), 100), Occur.SHOULD);
        List<String> words = queries.tokens(PaperFields.WORDS, typed);
        if (!words.isEmpty()) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            Set<String> seen = new HashSet<>();
            for (String w : words) {
                String gram = w.length() > PaperFields.MAX_GRAM ? w.substring(0, PaperFields.MAX_GRAM) : w;
                if (seen.add(gram) && seen.size() <= 16) {
                    all.add(new ConstantScoreQuery(new TermQuery(new Term(PaperFields.TITLE_PREFIX, gram))), Occur.MUST);
                }
            }
            String key = TitleKeys.normalize(typed);
            if (!key.isEmpty()) {
                String start = key.length() > PaperFields.MAX_GRAM ? key.substring(0, PaperFields.MAX_GRAM) : key;
                all.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(PaperFields.TITLE_START, start))), 5), Occur.SHOULD);
                all.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(PaperFields.TITLE_KEY, key))), 20), Occur.SHOULD);
            }
            top.add(all.build(), Occur.SHOULD);
        }
        return top.build();
    }

    /** A title cut to Discord's 100 characters at a word boundary, marked with "…". */
    static String displayName(String title) {
        String t = title == null ? "" : title.strip().replaceAll("\\s+", " ");
        if (t.isEmpty()) return "(untitled)";
        if (t.length() <= MAX_NAME) return t;
        int cut = t.lastIndexOf(' ', MAX_NAME - 1);
        if (cut < MAX_NAME / 2) cut = MAX_NAME - 1;
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
     * those tied for the best (up to {@value #MAX_SUGGESTIONS}): an exact id or title
     * (normalized), else titles that every typed word starts a word of (autocomplete's rule; a
     * title starting with the typed text ranks above), else titles holding most of the typed
     * words, else titles whose words are close in spelling to the typed ones. Each level is
     * tried only when the one before found nothing, so a misspelling never outranks a real match.
     */
    public TitleMatch match(String typed) {
        String text = UserQueryParser.sanitize(typed == null ? "" : typed).strip();
        if (text.length() > MAX_TYPED) text = text.substring(0, MAX_TYPED);
        if (text.isEmpty()) return TitleMatch.none();
        String key = TitleKeys.normalize(text);
        Query exact = key.isEmpty() ? new TermQuery(new Term(PaperFields.ID, text))
                : new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(PaperFields.ID, text)), Occur.SHOULD)
                        .add(new TermQuery(new Term(PaperFields.TITLE_KEY, key)), Occur.SHOULD)
                        .build();
        List<Step> steps = new ArrayList<>(List.of(
                new Step(TitleMatch.Level.EXACT, exact), new Step(TitleMatch.Level.WORD_STARTS, suggestQuery(text))));
        mostTitleWords(text, w -> new TermQuery(new Term(PaperFields.TITLE, w)))
                .ifPresent(q -> steps.add(new Step(TitleMatch.Level.TITLE_WORDS, q)));
        mostTitleWords(text, SearchService::closeTo).ifPresent(q -> steps.add(new Step(TitleMatch.Level.SPELLING, q)));
        return index.withSearcher(shared -> {
            IndexSearcher searcher = searcher(shared);
            for (Step step : steps) {
                TitleMatch found = tiedBest(searcher, step, MAX_SUGGESTIONS);
                if (!found.best().isEmpty()) return found;
            }
            return TitleMatch.none();
        });
    }

    /** One level of {@link #match} and the query that finds its papers. */
    private record Step(TitleMatch.Level level, Query query) {}

    /**
     * Titles holding most of the typed words (each matched by {@code word}): one shared common
     * word is not "the paper you meant". Empty when analysis leaves no word.
     */
    private Optional<Query> mostTitleWords(String text, java.util.function.Function<String, Query> word) {
        List<String> words = queries.tokens(PaperFields.TITLE, text).stream().distinct().limit(PaperQueryBuilder.MAX_WORDS).toList();
        if (words.isEmpty()) return Optional.empty();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        words.forEach(w -> b.add(word.apply(w), Occur.SHOULD));
        return Optional.of(b.setMinimumNumberShouldMatch((int) Math.max(1, Math.ceil(words.size() * 0.6))).build());
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

    /** The papers {@code step} finds with the best score, at most {@code n}: ties by upvotes, then date. */
    private static TitleMatch tiedBest(IndexSearcher searcher, Step step, int n) throws IOException {
        TopDocs top = searcher.search(step.query(), n, BEST_FIRST, true);
        if (top.scoreDocs.length == 0) return TitleMatch.none();
        float best = top.scoreDocs[0].score;
        StoredFields stored = searcher.storedFields();
        List<Suggestion> tied = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            if (sd.score < best) break;
            Document d = stored.document(sd.doc, Set.of(PaperFields.ID, PaperFields.TITLE));
            tied.add(new Suggestion(displayName(d.get(PaperFields.TITLE)), d.get(PaperFields.ID)));
        }
        return new TitleMatch(step.level(), tied, top.totalHits.value);
    }

}
