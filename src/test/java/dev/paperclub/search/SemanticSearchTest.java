package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.paperclub.App;
import dev.paperclub.TestApps;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Semantic search through the whole app: the real model, the store's vector cache, the worker, hybrid ranking. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SemanticSearchTest {

    /** Says in other words what no sample paper says, sharing no word with its title or abstract. */
    private static final String CPR =
            """
            {"id":"t-cpr","arxiv_id":null,"title":"Bystander CPR and survival after out-of-hospital cardiac arrest",\
            "abstract":"Patients who collapsed with cardiac arrest outside hospitals lived more often when passers-by \
            performed chest compressions before paramedics arrived.","authors":[],"author_count":null,\
            "organization":null,"published":"2026-01-10","upvotes":null,"url":null,"sources":[]}
            {"id":"t-bees","arxiv_id":null,"title":"The waggle dance of honeybees",\
            "abstract":"Foraging honeybees perform a waggle dance whose angle and duration encode the direction and distance \
            of nectar sources for their nestmates.","authors":[],"author_count":null,"organization":null,\
            "published":"2026-01-11","upvotes":null,"url":null,"sources":[]}
            """;

    private static final String CPR_QUERY = "keeping someone alive once the heart stops beating";

    private App app;

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        app = TestApps.open(dir.resolve("data"));
        TestApps.ingestAllSamples(app);
        TestApps.ingestText(app, "handwritten.jsonl", CPR);
        app.vectorWorker().drain();
    }

    @AfterAll
    void tearDown() {
        app.close();
    }

    private List<String> ids(String query, int limit, SearchMode mode) {
        return app.search().search(SearchQuery.of(query, limit), mode).hits().stream()
                .map(SearchHit::id)
                .toList();
    }

    @Test
    @DisplayName("after ingest the worker gives every paper a vector, visible in stats")
    void vectorsAfterIngest() throws InterruptedException {
        app.vectorWorker().drain();
        Map<String, Object> stats = app.stats();
        assertEquals(stats.get("papers"), stats.get("vectors"), stats.toString());
        assertEquals(0, stats.get("vectors_pending"), stats.toString());
        assertTrue((int) stats.get("papers") > 200, stats.toString());
    }

    @Test
    @DisplayName("a query in other words finds the paper that means it; words alone do not")
    void meaningWithoutSharedWords() {
        assertFalse(ids(CPR_QUERY, 10, SearchMode.LEXICAL).contains("t-cpr"));
        assertTrue(
                ids(CPR_QUERY, 5, SearchMode.HYBRID).contains("t-cpr"),
                ids(CPR_QUERY, 5, SearchMode.HYBRID).toString());
        assertTrue(ids(CPR_QUERY, 5, SearchMode.DENSE).contains("t-cpr"));
        // exclusions and since apply to the fused list
        assertFalse(ids(CPR_QUERY + " -attention", 10, SearchMode.HYBRID).isEmpty());
        assertFalse(
                app
                        .search()
                        .search(new SearchQuery(CPR_QUERY, java.time.LocalDate.of(2026, 2, 1), 10, 0))
                        .hits()
                        .stream()
                        .anyMatch(h -> h.id().equals("t-cpr")));
    }

    @Test
    @DisplayName("a hybrid search counts and pages only papers its words match or that are close in meaning")
    void hybridCountsOnlyMatches() {
        Embedder model = app.semantic().embedder().orElseThrow();
        float floor = RankingOptions.defaults().closeFloor();
        for (String q : List.of("mamba", CPR_QUERY, "protein structure graph")) {
            SearchResults lexical = app.search().search(SearchQuery.of(q, 10), SearchMode.LEXICAL);
            Set<String> words = new java.util.HashSet<>(ids(q, 1000, SearchMode.LEXICAL));
            assertEquals(lexical.totalHits(), words.size(), q);
            SearchResults hybrid = app.search().search(SearchQuery.of(q, 10), SearchMode.HYBRID);
            assertTrue(hybrid.totalHitsExact(), q);
            assertEquals(words.size(), hybrid.wordMatches(), q + ": the words' count is the lexical count");

            // every page, to the last: each paper once, and as many as the count says
            Set<String> seen = new java.util.LinkedHashSet<>();
            for (int offset = 0; ; offset += 3) {
                List<SearchHit> page = app.search()
                        .search(new SearchQuery(q, null, 3, offset), SearchMode.HYBRID)
                        .hits();
                if (page.isEmpty()) break;
                page.forEach(h -> assertTrue(seen.add(h.id()), q + ": " + h.id() + " shown twice"));
            }
            assertEquals(hybrid.totalHits(), seen.size(), q + ": pages end where the count ends");
            assertTrue(seen.containsAll(words), q);

            // what the words do not match is close in meaning, measured independently here
            float[] query = model.embed(q);
            List<String> close = seen.stream().filter(id -> !words.contains(id)).toList();
            assertEquals(close.size(), hybrid.closeInMeaning(), q);
            for (String id : close) {
                var p = app.papers().find(id).orElseThrow();
                float[] v = PaperVectors.embed(model, List.<String[]>of(new String[] {p.title(), p.abstractText()}))
                        .get(0);
                double cosine = 2 * org.apache.lucene.index.VectorSimilarityFunction.COSINE.compare(query, v) - 1;
                assertTrue(cosine >= floor - 1e-4, q + ": " + p.title() + " shown with cosine " + cosine);
            }
        }
        List<String> cpr = ids(CPR_QUERY, 1000, SearchMode.HYBRID);
        assertTrue(cpr.contains("t-cpr"), "the paper that means it is close in meaning: " + cpr);
    }

    @Test
    @DisplayName("with vectors present, a highlight 'matches “X”' only when the paper's text matches X")
    void highlightReasonsAreFacts() {
        var ranker = new dev.paperclub.highlight.HighlightRanker(app.highlightStore(), app.papers(), app.search());
        var picks =
                ranker.rank("g-reasons", List.of("diffusion", "state space"), 10, java.time.LocalDate.of(2026, 11, 25));
        int claims = 0;
        for (var pick : picks) {
            String text = (pick.paper().title() + " " + pick.paper().abstractText()).toLowerCase(java.util.Locale.ROOT);
            for (String reason : pick.reasons()) {
                if (!reason.startsWith("matches ")) continue;
                if (reason.contains("“diffusion”")) {
                    claims++;
                    assertTrue(text.contains("diffus"), pick.paper().title() + " said to match “diffusion”");
                }
                if (reason.contains("“state space”")) {
                    claims++;
                    assertTrue(
                            text.matches("(?s).*state[\\s-]+space.*"),
                            pick.paper().title() + " said to match “state space”");
                }
            }
        }
        assertTrue(claims >= 3, "the samples hold papers on both: " + picks);
    }

    @Test
    @DisplayName("exclusions and since apply to papers close in meaning as to word matches, never switching them off")
    void exclusionsActAlikeOnCloseNeighbours() {
        assertTrue(
                ids(CPR_QUERY + " -attention", 1000, SearchMode.HYBRID).contains("t-cpr"),
                "an exclusion of another word keeps the paper that means the query");
        assertFalse(
                ids(CPR_QUERY + " -compressions", 1000, SearchMode.HYBRID).contains("t-cpr"),
                "an excluded word in the paper excludes it, close in meaning or not");
        assertFalse(ids(CPR_QUERY + " -compressions", 1000, SearchMode.DENSE).contains("t-cpr"));
    }

    @Test
    @DisplayName("hybrid and dense searches that embed the query on a search thread rank as on one thread")
    void embeddingOverlapsRanking() {
        Embedder model = app.semantic().embedder().orElseThrow();
        Set<String> embeddedOn = ConcurrentHashMap.newKeySet();
        Embedder recording = new Embedder() {
            @Override
            public String modelId() {
                return model.modelId();
            }

            @Override
            public int dimension() {
                return model.dimension();
            }

            @Override
            public float[] embed(String text) {
                embeddedOn.add(Thread.currentThread().getName());
                return model.embed(text);
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                return model.embedAll(texts);
            }
        };
        PaperSearch one = new PaperSearch(app.index(), RankingOptions.defaults(), SemanticModel.of(model));
        try (SearchThreads two = SearchThreads.of(2)) {
            PaperSearch overlapped =
                    new PaperSearch(app.index(), RankingOptions.defaults(), SemanticModel.of(recording), two);
            for (String q : List.of(
                    CPR_QUERY,
                    "protein structure graph",
                    "\"graph neural networks\" -zebrafish",
                    "how do insects tell hive mates where the flowers are",
                    "author:nobody-at-all")) {
                for (SearchMode mode : SearchMode.values()) {
                    assertEquals(
                            one.search(SearchQuery.of(q, 10), mode),
                            overlapped.search(SearchQuery.of(q, 10), mode),
                            q + " " + mode);
                }
            }
        }
        // which thread embedded each query depends on timing; SearchThreadsTest pins both cases down
        assertFalse(embeddedOn.isEmpty(), "hybrid and dense searches embed their query");
    }

    @Test
    @DisplayName("a lexical re-index of a paper keeps its vector; a removed paper leaves no vector hit")
    void vectorsFollowThePaper() throws Exception {
        int before = app.index().vectorCount();
        TestApps.ingestText(
                app,
                "again.jsonl",
                CPR.lines().skip(1).findFirst().orElseThrow().replace("\"upvotes\":null", "\"upvotes\":7"));
        assertEquals(before, app.index().vectorCount(), "re-indexed without losing the vector");
        long embedded = app.vectorWorker().embeddedCount();
        app.vectorWorker().drain();
        assertEquals(embedded, app.vectorWorker().embeddedCount(), "only upvotes changed: not embedded again");
        assertEquals(0, app.stats().get("vectors_pending"));

        String bees = "how do insects tell hive mates where the flowers are";
        assertTrue(ids(bees, 3, SearchMode.DENSE).contains("t-bees"));
        assertTrue(app.papers().remove("t-bees", TestApps.NOW));
        app.indexSync().catchUp();
        assertFalse(ids(bees, 50, SearchMode.DENSE).contains("t-bees"));
        assertFalse(ids(bees, 50, SearchMode.HYBRID).contains("t-bees"));
        assertEquals(before - 1, app.index().vectorCount());
        app.papers().restore("t-bees", TestApps.NOW);
        app.indexSync().catchUp();
        assertEquals(before, app.index().vectorCount(), "restored with its cached vector, nothing re-embedded");
    }

    @Test
    @DisplayName("similar papers blend vectors with MoreLikeThis and never include the paper itself")
    void similar() {
        List<SearchHit> hits = app.similar().similar("t-cpr", 5);
        assertFalse(hits.isEmpty());
        assertTrue(hits.stream().noneMatch(h -> h.id().equals("t-cpr")));
    }

    @Test
    @DisplayName("semantic search switched off: lexical, no model, no vectors")
    void disabled(@TempDir Path dir) throws Exception {
        try (App off = App.open(TestApps.config(dir).with("search.semantic.enabled", "false"), TestApps.CLOCK)) {
            TestApps.ingestText(off, "handwritten.jsonl", CPR);
            off.vectorWorker().drain();
            assertEquals(SemanticModel.State.DISABLED, off.semantic().state());
            assertEquals("disabled", off.stats().get("semantic"));
            assertEquals(0, off.index().vectorCount());
            assertEquals(
                    "t-cpr",
                    off.search()
                            .search(SearchQuery.of("cardiac arrest", 1))
                            .hits()
                            .get(0)
                            .id());
            assertTrue(off.search().search(SearchQuery.of(CPR_QUERY, 5)).hits().stream()
                    .noneMatch(h -> h.id().equals("t-cpr")));
        }
    }

    @Test
    @DisplayName("a model whose native library cannot load: one clear log line, lexical search")
    void nativeLibraryMissing(@TempDir Path dir) throws Exception {
        assertFallsBack(
                dir,
                new Embedder.Factory() {
                    @Override
                    public String modelId() {
                        return "broken";
                    }

                    @Override
                    public Embedder load() {
                        throw new UnsatisfiedLinkError("no onnxruntime in java.library.path (simulated)");
                    }
                },
                "UnsatisfiedLinkError");
    }

    @Test
    @DisplayName("a corrupted model file: one clear log line, lexical search")
    void corruptedModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.onnx");
        Files.write(model, "this is not an ONNX model".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path tokenizer = dir.resolve("tokenizer.json");
        try (InputStream in = OnnxEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            Files.copy(in, tokenizer);
        }
        assertFallsBack(
                dir.resolve("app"),
                new Embedder.Factory() {
                    @Override
                    public String modelId() {
                        return "corrupted";
                    }

                    @Override
                    public Embedder load() {
                        new OnnxEmbeddingModel(model, tokenizer, PoolingMode.MEAN); // throws: not a model
                        throw new AssertionError("a garbage model loaded");
                    }
                },
                "model corrupted could not be loaded");
    }

    private static void assertFallsBack(Path dir, Embedder.Factory factory, String expectedInLog) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SemanticModel.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (App broken = App.open(TestApps.config(dir), TestApps.CLOCK, factory)) {
            TestApps.ingestText(broken, "handwritten.jsonl", CPR);
            broken.vectorWorker().drain();
            broken.vectorWorker().drain(); // a second pass does not try (and log) again
            assertEquals(SemanticModel.State.FAILED, broken.semantic().state());
            assertEquals(
                    "t-cpr",
                    broken.search()
                            .search(SearchQuery.of("cardiac arrest", 1))
                            .hits()
                            .get(0)
                            .id());
            assertEquals(0, broken.index().vectorCount());
            List<ILoggingEvent> warnings = appender.list.stream()
                    .filter(e -> e.getLevel() == Level.WARN)
                    .toList();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(
                    warnings.get(0).getFormattedMessage().contains("Semantic search is off"),
                    warnings.get(0).getFormattedMessage());
            assertTrue(
                    warnings.get(0).getFormattedMessage().contains(expectedInLog),
                    warnings.get(0).getFormattedMessage());
        } finally {
            logger.detachAppender(appender);
        }
    }
}
