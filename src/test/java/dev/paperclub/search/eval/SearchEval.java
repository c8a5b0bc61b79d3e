package dev.paperclub.search.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperclub.cli.TrecRun;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.AnalysisOptions;
import dev.paperclub.search.Embedder;
import dev.paperclub.search.MiniLmEmbedder;
import dev.paperclub.search.PaperIndex;
import dev.paperclub.search.PaperSearch;
import dev.paperclub.search.PaperVectors;
import dev.paperclub.search.RankingOptions;
import dev.paperclub.search.SearchHit;
import dev.paperclub.search.SearchMode;
import dev.paperclub.search.SearchQuery;
import dev.paperclub.search.SemanticModel;
import dev.paperclub.search.TitleSuggestions;
import dev.paperclub.search.eval.TrecMetrics.Scored;
import dev.paperclub.util.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.index.VectorSimilarityFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Relevance and latency benchmark on BEIR SciFact (train split), not a test.
 *
 * <p>Usage: see the README ({@code --help} lists the options); it runs from the test class path.
 * Indexes the corpus through {@link PaperIndex} in a temp dir, runs the judged queries
 * through {@link PaperSearch#rank}, and prints nDCG@10 and recall@100 with trec_eval
 * {@code -c} semantics next to a SQLite FTS5 baseline, with query latency percentiles.
 */
public final class SearchEval {

    private record Doc(String id, String title, String text) {}

    private record Query(String id, String text) {}

    private record Config(String name, AnalysisOptions analysis, RankingOptions ranking) {}

    private record Outcome(
            double ndcg10, double recall100, double p50Ms, double p99Ms, Map<String, List<Scored>> runs) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Doc> corpus;
    private final List<Query> queries;
    private final Map<String, Map<String, Integer>> qrels;
    private final int hits;
    private final Map<AnalysisOptions, PaperIndex> indexes = new HashMap<>();
    private final List<Path> tempDirs = new ArrayList<>();

    private SearchEval(List<Doc> corpus, List<Query> queries, Map<String, Map<String, Integer>> qrels, int hits) {
        this.corpus = corpus;
        this.queries = queries;
        this.qrels = qrels;
        this.hits = hits;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }

    /** The command line: the data directory, then what to evaluate. */
    @Command(
            name = "SearchEval",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description =
                    "Search quality on BEIR SciFact (nDCG@10, recall@100, trec_eval -c semantics) beside SQLite FTS5.")
    static final class Cli implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "SCIFACT_DIR",
                description = "corpus.jsonl, queries-SPLIT.jsonl (or queries.jsonl), qrels/SPLIT.tsv")
        Path dir;

        @Option(names = "--split", defaultValue = "train", description = "qrels split (default: ${DEFAULT-VALUE})")
        String split;

        @Option(
                names = "--hits",
                defaultValue = "1000",
                description = "hits ranked per query (default: ${DEFAULT-VALUE})")
        int hits;

        @Option(names = "--ablate", description = "one change at a time from plain BM25 to the shipped defaults")
        boolean ablate;

        @Option(names = "--sweep", description = "the BM25 k1 x b grid, with and without the title boost")
        boolean sweep;

        @Option(names = "--no-fts", description = "skip the SQLite FTS5 baseline")
        boolean noFts;

        @Option(names = "--run", paramLabel = "OUT", description = "write the last configuration's TREC run here")
        Path run;

        @Option(names = "--suggest-bench", description = "time autocomplete over 100,000 generated titles")
        boolean suggestBench;

        @Option(
                names = "--semantic",
                description = "embed the corpus and evaluate dense and hybrid ranking, and the close-in-meaning floor")
        boolean semantic;

        @Option(names = "--k1", description = "BM25 k1")
        Float k1;

        @Option(names = "--b", description = "BM25 b")
        Float b;

        @Option(names = "--title-boost", description = "weight of the title field")
        Float titleBoost;

        @Option(names = "--phrase", paramLabel = "W:SLOP", description = "bigram phrase boost")
        String phrase;

        @Option(names = "--rm3", paramLabel = "D:T:W", description = "RM3 feedback docs, terms, original weight")
        String rm3;

        @Option(names = "--stemmer", description = "porter, kstem or none")
        AnalysisOptions.Stemmer stemmer;

        @Option(names = "--no-stop", description = "keep stop words")
        boolean noStop;

        @Override
        public Integer call() throws Exception {
            List<Doc> corpus = readCorpus(dir.resolve("corpus.jsonl"));
            Map<String, Map<String, Integer>> qrels =
                    readQrels(dir.resolve("qrels").resolve(split + ".tsv"));
            // This project's copy names queries per split; BEIR's own layout has one queries.jsonl.
            Path queryFile = dir.resolve("queries-" + split + ".jsonl");
            List<Query> queries = readQueries(Files.exists(queryFile) ? queryFile : dir.resolve("queries.jsonl"));
            System.out.printf(
                    Locale.ROOT,
                    "SciFact %s: %d docs, %d judged queries, %d hits per query%n",
                    split,
                    corpus.size(),
                    qrels.size(),
                    hits);

            SearchEval eval = new SearchEval(corpus, queries, qrels, hits);
            try {
                List<Config> configs = ablate ? ablations() : sweep ? sweep() : List.of(fromOptions());
                Outcome last = null;
                for (Config c : configs) {
                    last = eval.evaluate(c);
                    print(c.name(), last);
                }
                if (run != null && last != null) eval.writeRun(run, last);
                if (semantic) eval.semantic(configs.get(configs.size() - 1));
                if (!noFts) print("sqlite fts5 (porter, bm25)", eval.fts5());
                if (!configs.isEmpty()) eval.interactiveLatency(configs.get(configs.size() - 1));
                if (suggestBench) eval.suggestBench(100_000);
            } finally {
                eval.close();
            }
            return 0;
        }

        private Config fromOptions() {
            RankingOptions r = RankingOptions.defaults();
            if (k1 != null || b != null) r = r.withBm25(k1 != null ? k1 : r.k1(), b != null ? b : r.b());
            if (titleBoost != null) r = r.withTitleBoost(titleBoost);
            if (phrase != null) {
                String[] p = phrase.split(":");
                r = r.withPhrase(Float.parseFloat(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 3);
            }
            if (rm3 != null) {
                String[] p = rm3.split(":");
                r = r.withFeedback(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Float.parseFloat(p[2]));
            }
            AnalysisOptions a = AnalysisOptions.defaults();
            if (stemmer != null || noStop)
                a = new AnalysisOptions(stemmer != null ? stemmer : AnalysisOptions.Stemmer.PORTER, !noStop);
            return new Config("paperclub " + describe(a, r), a, r);
        }
    }

    /** One change at a time from plain BM25 (Anserini's setup) to the shipped defaults. */
    private static List<Config> ablations() {
        AnalysisOptions porter = AnalysisOptions.defaults();
        RankingOptions shipped = RankingOptions.defaults();
        RankingOptions anserini = new RankingOptions(0.9f, 0.4f, 0f, 0f, 0, 0, 10, 0.5f);
        RankingOptions lucene = anserini.withBm25(1.2f, 0.75f);
        List<Config> list = new ArrayList<>();
        list.add(new Config("bm25 k1=1.2 b=0.75 (Lucene default)", porter, lucene));
        list.add(new Config("bm25 k1=0.9 b=0.4 (Anserini flat)", porter, anserini));
        list.add(new Config("  kstem", new AnalysisOptions(AnalysisOptions.Stemmer.KSTEM, true), anserini));
        list.add(new Config("  no stemming", new AnalysisOptions(AnalysisOptions.Stemmer.NONE, true), anserini));
        list.add(new Config("  no stop words", new AnalysisOptions(AnalysisOptions.Stemmer.PORTER, false), anserini));
        list.add(new Config("  + title boost 0.2", porter, anserini.withTitleBoost(0.2f)));
        list.add(new Config("  + title boost 0.5", porter, anserini.withTitleBoost(0.5f)));
        list.add(new Config("  + phrase bigrams 0.1 slop 3", porter, anserini.withPhrase(0.1f, 3)));
        list.add(new Config("  + phrase bigrams 0.3 slop 3", porter, anserini.withPhrase(0.3f, 3)));
        list.add(new Config("  + rm3 10 docs 10 terms 0.5", porter, anserini.withFeedback(10, 10, 0.5f)));
        list.add(new Config("  + rm3 5 docs 20 terms 0.7", porter, anserini.withFeedback(5, 20, 0.7f)));
        list.add(new Config(
                "  + title 0.2 + phrase bigrams 0.1 slop 1",
                porter,
                anserini.withTitleBoost(0.2f).withPhrase(0.1f, 1)));
        list.add(new Config("shipped defaults", porter, shipped));
        return list;
    }

    /** The BM25 grid behind the chosen k1/b, with and without the title boost. */
    private static List<Config> sweep() {
        List<Config> list = new ArrayList<>();
        for (float tb : new float[] {0f, 0.2f}) {
            for (float k1 : new float[] {0.9f, 1.2f, 1.5f}) {
                for (float b : new float[] {0.4f, 0.6f, 0.75f, 0.9f}) {
                    RankingOptions r = RankingOptions.defaults().withBm25(k1, b).withTitleBoost(tb);
                    list.add(new Config(describe(AnalysisOptions.defaults(), r), AnalysisOptions.defaults(), r));
                }
            }
        }
        return list;
    }

    private static String describe(AnalysisOptions a, RankingOptions r) {
        return String.format(
                Locale.ROOT,
                "[%s%s k1=%.2f b=%.2f title=%.2f phrase=%.2f/%d rm3=%d/%d/%.2f]",
                a.stemmer().name().toLowerCase(Locale.ROOT),
                a.stopWords() ? "+stop" : "",
                r.k1(),
                r.b(),
                r.titleBoost(),
                r.phraseBoost(),
                r.phraseSlop(),
                r.feedbackDocs(),
                r.feedbackTerms(),
                r.originalWeight());
    }

    private Outcome evaluate(Config c) throws IOException {
        PaperSearch service = new PaperSearch(index(c.analysis()), c.ranking());
        for (Query q : queries) service.rank(q.text(), hits); // warm-up: JIT, page cache
        long[] nanos = new long[queries.size()];
        Map<String, List<Scored>> runs = new LinkedHashMap<>();
        int i = 0;
        for (Query q : queries) {
            long t0 = System.nanoTime();
            List<SearchHit> found = service.rank(q.text(), hits);
            nanos[i++] = System.nanoTime() - t0;
            runs.put(
                    q.id(),
                    found.stream().map(h -> new Scored(h.id(), h.score())).toList());
        }
        return score(runs, nanos);
    }

    private Outcome score(Map<String, List<Scored>> runs, long[] nanos) {
        double ndcg = 0;
        double recall = 0;
        for (Map.Entry<String, Map<String, Integer>> e : qrels.entrySet()) {
            List<Scored> run = runs.getOrDefault(e.getKey(), List.of());
            ndcg += TrecMetrics.ndcg(run, e.getValue(), 10);
            recall += TrecMetrics.recall(run, e.getValue(), 100);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Outcome(
                ndcg / qrels.size(),
                recall / qrels.size(),
                percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6,
                runs);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static void print(String name, Outcome o) {
        System.out.printf(
                Locale.ROOT,
                "%-48s nDCG@10 %.4f  recall@100 %.4f  p50 %.2f ms  p99 %.2f ms%n",
                name,
                o.ndcg10(),
                o.recall100(),
                o.p50Ms(),
                o.p99Ms());
    }

    private PaperIndex index(AnalysisOptions options) throws IOException {
        PaperIndex existing = indexes.get(options);
        if (existing != null) return existing;
        Path dir = Files.createTempDirectory("scifact-index");
        tempDirs.add(dir);
        PaperIndex index = PaperIndex.open(dir, options);
        indexes.put(options, index);
        long t0 = System.nanoTime();
        index.rebuild(corpus.stream().map(SearchEval::toPaper).iterator(), 1, n -> {});
        System.out.printf(
                Locale.ROOT,
                "  (indexed %d docs with %s in %.1f s, %.1f MB)%n",
                index.count(),
                options,
                (System.nanoTime() - t0) / 1e9,
                index.sizeBytes() / 1e6);
        return index;
    }

    private static Paper toPaper(Doc d) {
        return new Paper(
                d.id(),
                null,
                d.title(),
                d.text(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                List.of("scifact"),
                null,
                null);
    }

    /**
     * Lexical, dense and hybrid on the same queries: embeds the corpus with the shipped model
     * into a second index (vectors from an in-memory map through the index's vector lookup),
     * then sweeps the dense weight. The weight is tuned here, on train; the test split is
     * never looked at.
     */
    private void semantic(Config c) throws IOException {
        Embedder embedder;
        try {
            embedder = MiniLmEmbedder.factory().load();
        } catch (Exception e) {
            System.out.println("semantic: the embedding model could not be loaded: " + e);
            return;
        }
        Map<String, float[]> vectors = new HashMap<>();
        long t0 = System.nanoTime();
        int batch = 128;
        for (int from = 0; from < corpus.size(); from += batch) {
            List<Doc> part = corpus.subList(from, Math.min(corpus.size(), from + batch));
            List<float[]> out = PaperVectors.embed(
                    embedder,
                    part.stream().map(d -> new String[] {d.title(), d.text()}).toList());
            for (int i = 0; i < part.size(); i++) vectors.put(part.get(i).id(), out.get(i));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "  (embedded %d docs in %.1f s: %.0f docs/s)%n",
                corpus.size(),
                secs,
                corpus.size() / secs);
        Path dir = Files.createTempDirectory("scifact-vectors");
        tempDirs.add(dir);
        PaperIndex index = PaperIndex.open(dir, c.analysis());
        index.useVectors((model, ids) -> {
            Map<String, float[]> m = new HashMap<>();
            for (String id : ids) {
                float[] v = vectors.get(id);
                if (v != null) m.put(id, v);
            }
            return m;
        });
        index.adoptVectorModel(embedder.modelId());
        index.rebuild(corpus.stream().map(SearchEval::toPaper).iterator(), 1, n -> {});
        try {
            SemanticModel model = SemanticModel.of(embedder);
            print("lexical (bm25)", evaluate(new PaperSearch(index, c.ranking(), model), SearchMode.LEXICAL));
            print(
                    "dense (" + embedder.modelId() + ")",
                    evaluate(new PaperSearch(index, c.ranking(), model), SearchMode.DENSE));
            closeFloorCalibration(model, vectors);
            for (float floor : new float[] {-1f, 0.3f, 0.325f, 0.35f, 0.4f, 0.5f}) {
                RankingOptions r = c.ranking().withCloseFloor(floor);
                String shipped = floor == RankingOptions.defaults().closeFloor() ? " (shipped)" : "";
                print(
                        String.format(Locale.ROOT, "hybrid close-in-meaning floor %.3f%s", floor, shipped),
                        evaluate(new PaperSearch(index, r, model), SearchMode.HYBRID));
                print(
                        String.format(Locale.ROOT, "dense close-in-meaning floor %.3f%s", floor, shipped),
                        evaluate(new PaperSearch(index, r, model), SearchMode.DENSE));
            }
            float[] weights = {0.2f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f, 0.6f};
            for (int k : new int[] {100, 200}) {
                for (float w : weights) {
                    RankingOptions r = c.ranking().withFusion(w, k);
                    print(
                            String.format(
                                    Locale.ROOT,
                                    "hybrid w=%.2f k=%d%s",
                                    w,
                                    k,
                                    w == RankingOptions.defaults().denseWeight()
                                                    && k
                                                            == RankingOptions.defaults()
                                                                    .candidates()
                                            ? " (shipped)"
                                            : ""),
                            evaluate(new PaperSearch(index, r, model), SearchMode.HYBRID));
                }
            }
            // A fresh model wrapper: an empty query cache, so each query is embedded (the JIT is warm by now).
            long[] nanos = timeInteractive(new PaperSearch(index, c.ranking(), SemanticModel.of(embedder)));
            System.out.printf(
                    Locale.ROOT,
                    "interactive hybrid search (10 hits + snippets, uncached query embedding): p50 %.2f ms  p99 %.2f ms%n",
                    percentile(nanos, 0.5) / 1e6,
                    percentile(nanos, 0.99) / 1e6);
        } finally {
            index.close();
        }
    }

    /**
     * The evidence for the "close in meaning" floor: the cosine between each judged query and each
     * of its relevant abstracts, against the cosine between it and abstracts judged for other
     * queries only (a sample of what a neighbour that is not relevant looks like).
     */
    private void closeFloorCalibration(SemanticModel model, Map<String, float[]> vectors) {
        List<Double> relevant = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        List<String> judgedDocs = qrels.values().stream()
                .flatMap(m -> m.keySet().stream())
                .distinct()
                .sorted()
                .toList();
        for (Query q : queries) {
            Map<String, Integer> rel = qrels.get(q.id());
            if (rel == null) continue;
            Optional<float[]> qv = model.embedQuery(q.text());
            if (qv.isEmpty()) continue;
            for (String doc : judgedDocs) {
                float[] dv = vectors.get(doc);
                if (dv == null) continue;
                double cos = 2 * VectorSimilarityFunction.COSINE.compare(qv.get(), dv) - 1;
                if (rel.getOrDefault(doc, 0) > 0) relevant.add(cos);
                else other.add(cos);
            }
        }
        Collections.sort(relevant);
        Collections.sort(other);
        System.out.printf(
                Locale.ROOT,
                "close-in-meaning floor evidence: cosine(query, abstract) over %d relevant pairs:"
                        + " p5 %.3f p10 %.3f p25 %.3f p50 %.3f; over %d pairs not judged relevant: p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f%n",
                relevant.size(),
                at(relevant, 0.05),
                at(relevant, 0.10),
                at(relevant, 0.25),
                at(relevant, 0.50),
                other.size(),
                at(other, 0.50),
                at(other, 0.90),
                at(other, 0.99),
                at(other, 0.999));
        // The floor is where Youden's J (share of relevant pairs kept minus share of the others kept) is highest.
        double best = Double.NaN;
        double bestJ = -1;
        for (int i = 0; i <= 12; i++) {
            double floor = 0.25 + 0.025 * i;
            double keptRelevant =
                    relevant.stream().filter(x -> x >= floor).count() / (double) Math.max(1, relevant.size());
            double keptOther = other.stream().filter(x -> x >= floor).count() / (double) Math.max(1, other.size());
            double j = keptRelevant - keptOther;
            if (j > bestJ) {
                bestJ = j;
                best = floor;
            }
            System.out.printf(
                    Locale.ROOT,
                    "  floor %.3f keeps %.1f%% of relevant pairs and %.2f%% of the others (J %.3f)%n",
                    floor,
                    100 * keptRelevant,
                    100 * keptOther,
                    j);
        }
        System.out.printf(
                Locale.ROOT,
                "  highest J at floor %.3f (shipped: %.3f)%n",
                best,
                RankingOptions.defaults().closeFloor());
    }

    private static double at(List<Double> sorted, double p) {
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    /** Ranks 100 per query (what recall@100 needs; the bot's page sizes sit below the 100 candidates too). */
    private Outcome evaluate(PaperSearch service, SearchMode mode) {
        int hits = 100;
        for (Query q : queries) service.rank(q.text(), hits, mode);
        long[] nanos = new long[queries.size()];
        Map<String, List<Scored>> runs = new LinkedHashMap<>();
        int i = 0;
        for (Query q : queries) {
            long t0 = System.nanoTime();
            List<SearchHit> found = service.rank(q.text(), hits, mode);
            nanos[i++] = System.nanoTime() - t0;
            runs.put(
                    q.id(),
                    found.stream().map(h -> new Scored(h.id(), h.score())).toList());
        }
        return score(runs, nanos);
    }

    /** Each query searched once as the bot does it (one page of 10 with snippets), sorted times in ns. */
    private long[] timeInteractive(PaperSearch service) {
        long[] nanos = new long[queries.size()];
        int i = 0;
        for (Query q : queries) {
            long t0 = System.nanoTime();
            service.search(SearchQuery.of(q.text(), 10));
            nanos[i++] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** Search as the bot does it: one page of 10 with snippets. */
    private void interactiveLatency(Config c) throws IOException {
        PaperSearch service = new PaperSearch(index(c.analysis()), c.ranking());
        for (Query q : queries) service.search(SearchQuery.of(q.text(), 10));
        long[] nanos = timeInteractive(service);
        System.out.printf(
                Locale.ROOT,
                "interactive search (10 hits + snippets), %s: p50 %.2f ms  p99 %.2f ms%n",
                c.name().strip(),
                percentile(nanos, 0.5) / 1e6,
                percentile(nanos, 0.99) / 1e6);
    }

    private void writeRun(Path out, Outcome o) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, List<Scored>> e : o.runs().entrySet()) {
                TrecRun.write(
                        w,
                        e.getKey(),
                        e.getValue().stream()
                                .map(s -> new SearchHit(s.docId(), "", (float) s.score(), ""))
                                .toList());
            }
        }
        System.out.println("wrote TREC run " + out);
    }

    // ------------------------------------------------------------ SQLite FTS5 baseline

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

    private Outcome fts5() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body, tokenize='porter')");
            }
            db.setAutoCommit(false);
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO t(id, title, body) VALUES (?, ?, ?)")) {
                for (Doc d : corpus) {
                    ins.setString(1, d.id());
                    ins.setString(2, d.title());
                    ins.setString(3, d.text());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            db.commit();
            try (PreparedStatement q =
                    db.prepareStatement("SELECT id, bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT " + hits)) {
                Function<Query, List<Scored>> run = query -> ftsSearch(q, query.text());
                queries.forEach(run::apply);
                long[] nanos = new long[queries.size()];
                Map<String, List<Scored>> runs = new LinkedHashMap<>();
                int i = 0;
                for (Query query : queries) {
                    long t0 = System.nanoTime();
                    List<Scored> found = run.apply(query);
                    nanos[i++] = System.nanoTime() - t0;
                    runs.put(query.id(), found);
                }
                return score(runs, nanos);
            }
        }
    }

    /** The query's words, each quoted (so FTS5 syntax in them is inert), OR-ed. */
    private static List<Scored> ftsSearch(PreparedStatement q, String text) {
        LinkedHashSet<String> words = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) words.add("\"" + m.group() + "\"");
        if (words.isEmpty()) return List.of();
        try {
            q.setString(1, String.join(" OR ", words));
            List<Scored> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(new Scored(rs.getString(1), -rs.getDouble(2)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("FTS5 query failed for: " + text, e);
        }
    }

    // ------------------------------------------------------------ autocomplete latency

    /** Autocomplete p50/p99 over synthetic titles spliced from the corpus's titles. */
    private void suggestBench(int titles) throws IOException {
        Path dir = Files.createTempDirectory("suggest-index");
        tempDirs.add(dir);
        Random rnd = new Random(42);
        List<String> base =
                corpus.stream().map(Doc::title).filter(t -> t.length() > 20).toList();
        List<Paper> papers = new ArrayList<>(titles);
        for (int i = 0; i < titles; i++) {
            String a = base.get(rnd.nextInt(base.size()));
            String b = base.get(rnd.nextInt(base.size()));
            String title = a.substring(0, a.length() / 2) + b.substring(b.length() / 2);
            papers.add(new Paper(
                    "s" + i,
                    null,
                    title,
                    "",
                    List.of(),
                    null,
                    null,
                    LocalDate.of(2020, 1, 1).plusDays(rnd.nextInt(2000)),
                    rnd.nextInt(200),
                    null,
                    List.of(),
                    null,
                    null));
        }
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.rebuild(papers.iterator(), 1, n -> {});
            TitleSuggestions service = new TitleSuggestions(index, 25, 100);
            List<String> typed = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String t = papers.get(rnd.nextInt(papers.size())).title();
                int from = rnd.nextInt(3) == 0 ? Math.max(0, t.indexOf(' ', rnd.nextInt(t.length())) + 1) : 0;
                int len = 1 + rnd.nextInt(25);
                typed.add(i % 50 == 0 ? "" : t.substring(from, Math.min(t.length(), from + len)));
            }
            typed.forEach(s -> service.suggest(s, 25));
            long[] nanos = new long[typed.size()];
            for (int i = 0; i < typed.size(); i++) {
                long t0 = System.nanoTime();
                service.suggest(typed.get(i), 25);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "autocomplete over %,d titles: p50 %.2f ms  p99 %.2f ms  (index %.1f MB)%n",
                    titles,
                    percentile(nanos, 0.5) / 1e6,
                    percentile(nanos, 0.99) / 1e6,
                    index.sizeBytes() / 1e6);
        }
    }

    // ------------------------------------------------------------ data

    private static List<Doc> readCorpus(Path file) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                JsonNode n = JSON.readTree(line);
                docs.add(new Doc(
                        n.get("_id").asText(),
                        n.path("title").asText(""),
                        n.path("text").asText("")));
            }
        }
        return docs;
    }

    private static List<Query> readQueries(Path file) throws IOException {
        List<Query> qs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                JsonNode n = JSON.readTree(line);
                qs.add(new Query(n.get("_id").asText(), n.path("text").asText("")));
            }
        }
        return qs;
    }

    /** BEIR qrels: a header line, then {@code query-id corpus-id score}, tab-separated, CRLF. */
    private static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.skip(1).map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
                String[] f = l.split("\t");
                qrels.computeIfAbsent(f[0], k -> new HashMap<>())
                        .merge(f[1], Integer.parseInt(f[2].strip()), Math::max);
            });
        }
        return qrels;
    }

    private void close() throws IOException {
        for (PaperIndex index : indexes.values()) index.close();
        for (Path dir : tempDirs) FileTrees.delete(dir);
    }
}
