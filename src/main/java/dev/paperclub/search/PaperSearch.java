package dev.paperclub.search;

import dev.paperclub.search.UserQueryParser.Clause;
import dev.paperclub.search.UserQueryParser.Kind;
import dev.paperclub.search.UserQueryParser.Target;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * Ranked paper search ({@code /search}) with Discord-markdown snippets and "did you mean", and
 * which papers a query's words match ({@link #matching}).
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
public final class PaperSearch {

    /** Hits counted exactly up to this many; beyond, the total is a lower bound (keeps WAND skipping). */
    private static final int COUNT_THRESHOLD = 1000;
    /** How deep the first ranking stage goes per hit asked for, before the title boost re-ranks it. */
    private static final int RESCORED_PER_HIT = 2;

    private static final int MIN_RESCORED = 20;
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

    private final Searchers searchers;
    private final PaperAnalyzer analyzer;
    private final RankingOptions options;
    private final PaperQueryBuilder queries;
    private final MarkdownSnippetFormatter formatter = new MarkdownSnippetFormatter();
    private final DirectSpellChecker spell = new DirectSpellChecker();
    private final SemanticModel semantic;

    public PaperSearch(PaperIndex index, RankingOptions options, SemanticModel semantic, SearchThreads threads) {
        this.searchers = Searchers.of(index, options, threads);
        this.semantic = semantic;
        this.analyzer = index.analyzer();
        this.options = options;
        this.queries = new PaperQueryBuilder(analyzer, options);
        // Any indexed word may be a correction: a club's corpus is a few hundred papers, where a
        // frequency threshold of 2 already hid real words ("protein" in two abstracts). Among
        // equally close words the spell checker prefers the more frequent one.
        spell.setThresholdFrequency(1);
    }

    /** Every search on its calling thread. */
    public PaperSearch(PaperIndex index, RankingOptions options, SemanticModel semantic) {
        this(index, options, semantic, SearchThreads.none());
    }

    /** Lexical search only. */
    public PaperSearch(PaperIndex index, RankingOptions options) {
        this(index, options, SemanticModel.disabled());
    }

    /** Lexical search only, default ranking. */
    public PaperSearch(PaperIndex index) {
        this(index, RankingOptions.defaults());
    }

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
        String meaning = mode == SearchMode.LEXICAL ? "" : semanticText(clauses);
        boolean embed = semantic.canEmbed(meaning);
        return searchers.with(searcher -> {
            Ranking ranking = new Ranking(searcher, q, clauses, built.get());
            Found found = !embed
                    ? ranking.lexical(null)
                    : mode == SearchMode.DENSE ? ranking.dense(meaning) : ranking.hybrid(meaning);
            return ranking.results(found, interactive);
        });
    }

    /** What one search found: its ranking of every result, how many there are and how many are close in meaning only. */
    private record Found(ScoreDoc[] ranked, long words, boolean wordsExact, long close, boolean closeExact) {
        static final Found NONE = new Found(new ScoreDoc[0], 0, true, 0, true);
    }

    /**
     * The query's nearest neighbours by vector, the score ({@code floor}) from which one is close
     * in meaning, and whether every close one is among them.
     */
    private record Neighbours(ScoreDoc[] docs, float floor, boolean allCloseCounted) {}

    /** One search on one searcher: its query, depth and the ways to rank it. */
    private final class Ranking {
        private final IndexSearcher searcher;
        private final SearchQuery q;
        private final List<Clause> clauses;
        private final PaperQueryBuilder.Built built;
        /** The words' query, {@code since} applied. */
        private final Query query;
        /** Results asked for, from the first: the page's end. */
        private final int n;
        /** Candidates on each side of a blend. */
        private final int k;

        Ranking(IndexSearcher searcher, SearchQuery q, List<Clause> clauses, PaperQueryBuilder.Built built)
                throws IOException {
            this.searcher = searcher;
            this.q = q;
            this.clauses = clauses;
            this.built = built;
            this.query = wordQuery();
            this.n = q.offset() + q.limit();
            this.k = Math.max(n, options.candidates());
        }

        /** The words' query within {@code since}; a bag of words expanded by feedback (RM3) when that is on. */
        private Query wordQuery() throws IOException {
            Query words = built.query();
            if (options.feedbackDocs() > 0 && isBagOfWords(clauses)) {
                words = expand(searcher, words, queries.plainTokens(clauses), q.since());
            }
            return withSince(words, q.since());
        }

        /**
         * Ranked by words only: {@code top} when the words are already ranked (a hybrid search whose
         * vector is missing), else a first pass deep enough for the title boost to re-rank.
         */
        Found lexical(TopDocs top) throws IOException {
            if (top == null) {
                int pool = built.titleBoost().isEmpty() ? n : Math.max(RESCORED_PER_HIT * n, MIN_RESCORED);
                top = searcher.search(query, new TopScoreDocCollectorManager(pool, COUNT_THRESHOLD));
            }
            return new Found(
                    withTitleBoost(searcher, top, built.titleBoost(), n),
                    top.totalHits.value,
                    exact(top.totalHits),
                    0,
                    true);
        }

        /** Ranked by meaning only: the neighbours close in meaning; by words when the model was released meanwhile. */
        Found dense(String meaning) throws IOException {
            Optional<float[]> vector = semantic.embedQuery(meaning);
            if (vector.isEmpty())
                return lexical(null); // the model was released while this query was embedded (shutting down)
            Neighbours near = neighbours(vector.get());
            ScoreDoc[] close = Arrays.stream(near.docs())
                    .filter(sd -> sd.score >= near.floor())
                    .toArray(ScoreDoc[]::new);
            return new Found(close, 0, true, close.length, near.allCloseCounted());
        }

        /** Ranked by words and meaning blended. */
        Found hybrid(String meaning) throws IOException {
            // Embedding the query takes one core for a few milliseconds: a search thread does it
            // while this one ranks the words (Lucene runs on the caller what no pool thread has started).
            List<Object> both = searcher.getTaskExecutor()
                    .invokeAll(List.<Callable<Object>>of(
                            () -> searcher.search(query, new TopScoreDocCollectorManager(k, COUNT_THRESHOLD)),
                            () -> semantic.embedQuery(meaning)));
            TopDocs lex = (TopDocs) both.get(0);
            @SuppressWarnings("unchecked")
            Optional<float[]> vector = (Optional<float[]>) both.get(1);
            if (vector.isEmpty())
                return lexical(lex); // the model was released while this query was embedded (shutting down)
            // words that match no paper at all: nothing is "close" to gibberish, and "did you mean" gets its turn
            if (lex.totalHits.value == 0) return Found.NONE;
            return blended(lex, vector.get());
        }

        /** The lexical top k and the neighbours blended, shown when the words match or the meaning is close. */
        private Found blended(TopDocs lex, float[] vector) throws IOException {
            Neighbours near = neighbours(vector);
            // a neighbour outside the lexical top k is scored by the whole query, title boost included
            Optional<Query> titleBoost = built.titleBoost();
            Query whole = titleBoost.isEmpty()
                    ? query
                    : new BooleanQuery.Builder()
                            .add(query, Occur.MUST)
                            .add(titleBoost.get(), Occur.SHOULD)
                            .build();
            ScoreDoc[] lexRanked = withTitleBoost(searcher, lex, titleBoost, k);
            HybridBlend.Fused fused =
                    HybridBlend.blend(searcher, whole, lexRanked, near.docs(), vector, options.denseWeight());
            // A result is a match: the words match it, or it is close in meaning. The neighbours
            // below the floor still shaped the standardization of the blend, but are not shown.
            ScoreDoc[] shown = Arrays.stream(fused.ranked())
                    .filter(sd -> fused.wordMatches().contains(sd.doc) || fused.similarity(sd.doc) >= near.floor())
                    .toArray(ScoreDoc[]::new);
            long close = Arrays.stream(shown)
                    .filter(sd -> !fused.wordMatches().contains(sd.doc))
                    .count();
            return new Found(shown, lex.totalHits.value, exact(lex.totalHits), close, near.allCloseCounted());
        }

        /** The query's k nearest neighbours that satisfy its constraints. */
        private Neighbours neighbours(float[] vector) throws IOException {
            Query filter = constraintsOf(built, q.since());
            ScoreDoc[] near =
                    searcher.search(new KnnFloatVectorQuery(PaperFields.VECTOR, vector, k, filter), k).scoreDocs;
            float floor = similarityScore(options.closeFloor());
            // More neighbours above the floor may lie beyond the k fetched when even the k-th is above it.
            boolean allCounted = near.length < k || near[near.length - 1].score < floor;
            return new Neighbours(near, floor, allCounted);
        }

        /** The page asked for, with titles and snippets for a member (or ids only), and "did you mean" when nothing was found. */
        SearchResults results(Found found, boolean interactive) throws IOException {
            ScoreDoc[] ranked = found.ranked();
            ScoreDoc[] page =
                    Arrays.copyOfRange(ranked, Math.min(q.offset(), ranked.length), Math.min(n, ranked.length));
            List<SearchHit> hits = interactive ? shown(page) : ids(page);
            String correction = interactive && found.words() + found.close() == 0 ? correction(searcher, q) : "";
            return new SearchResults(
                    found.words(), found.wordsExact(), hits, correction, found.close(), found.closeExact());
        }

        /** Hits with title and snippet. */
        private List<SearchHit> shown(ScoreDoc[] page) throws IOException {
            String[] snippets = snippets(searcher, clauses, page);
            StoredFields stored = searcher.storedFields();
            List<SearchHit> hits = new ArrayList<>(page.length);
            for (int i = 0; i < page.length; i++) {
                Document d = stored.document(page[i].doc, Set.of(PaperFields.ID, PaperFields.TITLE));
                hits.add(new SearchHit(d.get(PaperFields.ID), d.get(PaperFields.TITLE), page[i].score, snippets[i]));
            }
            return hits;
        }

        /** Hits with id and score only, read from doc values (no stored fields). */
        private List<SearchHit> ids(ScoreDoc[] page) throws IOException {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            List<SearchHit> hits = new ArrayList<>(page.length);
            for (ScoreDoc sd : page) hits.add(new SearchHit(idOf(leaves, sd.doc), "", sd.score, ""));
            return hits;
        }
    }

    /** The paper id of {@code doc}, read from doc values (no stored fields); "" when it has none. */
    private static String idOf(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedDocValues ids = DocValues.getSorted(leaf.reader(), PaperFields.ID);
        return ids.advanceExact(doc - leaf.docBase)
                ? ids.lookupOrd(ids.ordValue()).utf8ToString()
                : "";
    }

    private static boolean exact(TotalHits total) {
        return total.relation == TotalHits.Relation.EQUAL_TO;
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
        return searchers.with(searcher -> {
            Set<String> out = new HashSet<>();
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (ScoreDoc sd : searcher.search(among, terms.size()).scoreDocs) out.add(idOf(leaves, sd.doc));
            return out;
        });
    }

    /**
     * The best {@code n} of {@code firstPass} once the title boost is added to their scores.
     * Ranking in two stages scores exactly as one query holding the title clauses would, for every
     * paper in the first pass; only a paper outside it that the title boost alone would lift into
     * the top {@code n} is missed, hence a first pass {@value #RESCORED_PER_HIT}x as deep. On SciFact
     * this ranked as well as the exact ranking, while title clauses inside the query made every
     * search pay for twice the terms (the README gives the figures).
     */
    private static ScoreDoc[] withTitleBoost(
            IndexSearcher searcher, TopDocs firstPass, Optional<Query> titleBoost, int n) throws IOException {
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

    /**
     * What a neighbour by meaning must satisfy: the query's required clauses and exclusions and
     * {@code since}, not its optional words (which meaning may stand in for); null when nothing
     * restricts it. Exclusions and filters thereby act alike with and without vectors.
     */
    private static Query constraintsOf(PaperQueryBuilder.Built built, LocalDate since) {
        if (since == null) return built.constraints().orElse(null);
        Query date = LongPoint.newRangeQuery(PaperFields.PUBLISHED, since.toEpochDay(), Long.MAX_VALUE);
        return built.constraints()
                .<Query>map(c -> new BooleanQuery.Builder()
                        .add(c, Occur.FILTER)
                        .add(date, Occur.FILTER)
                        .build())
                .orElse(date);
    }

    /** Lucene scores a cosine vector match as (1 + cosine) / 2. */
    private static float similarityScore(float cosine) {
        return (1 + cosine) / 2;
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
    private Query expand(IndexSearcher searcher, Query original, List<String> queryTokens, LocalDate since)
            throws IOException {
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
            for (String t :
                    queries.tokens(PaperFields.TEXT, d.get(PaperFields.TITLE) + " " + d.get(PaperFields.ABSTRACT))) {
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
            int parts = Math.min(page.length, searchers.threads().threads());
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
                String abs = stored.document(page[i].doc, Set.of(PaperFields.ABSTRACT))
                        .get(PaperFields.ABSTRACT);
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
        return highlighter.highlight(
                PaperFields.ABSTRACT,
                query,
                new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), docs),
                3);
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
                SuggestWord[] s = spell.suggestSimilar(
                        new Term(PaperFields.WORDS, lower), 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
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
}
