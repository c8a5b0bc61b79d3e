package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.paper.Paper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class PaperSearchTest {

    private PaperIndex index;
    private PaperSearch search;
    private SimilarPapers similar;
    private TitleSuggestions titles;
    private final Map<String, Paper> byId =
            Fixtures.all().stream().collect(Collectors.toMap(Paper::id, Function.identity()));

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        // With the blend on: every behaviour below must hold for hybrid ranking too.
        Embedder embedder = MiniLmEmbedder.factory().load();
        Map<String, float[]> vectors = new java.util.HashMap<>();
        List<Paper> all = Fixtures.all();
        List<float[]> computed = PaperVectors.embed(
                embedder,
                all.stream()
                        .map(p -> new String[] {p.title(), p.abstractText()})
                        .toList());
        for (int i = 0; i < all.size(); i++) vectors.put(all.get(i).id(), computed.get(i));
        index = PaperIndex.open(dir);
        index.useVectors((model, ids) ->
                ids.stream().filter(vectors::containsKey).collect(Collectors.toMap(Function.identity(), vectors::get)));
        index.adoptVectorModel(embedder.modelId());
        index.upsert(all);
        index.commit(1);
        index.refresh();
        assertEquals(all.size(), index.vectorCount());
        SemanticModel semantic = SemanticModel.of(embedder);
        search = new PaperSearch(index, RankingOptions.defaults(), semantic);
        similar = new SimilarPapers(index, RankingOptions.defaults(), semantic, SearchThreads.none());
        titles = new TitleSuggestions(index, 25, 100);
    }

    @AfterAll
    void tearDown() throws Exception {
        index.close();
    }

    private List<String> ids(String query, int limit) {
        return search.search(SearchQuery.of(query, limit)).hits().stream()
                .map(SearchHit::id)
                .toList();
    }

    private String text(String id) {
        Paper p = byId.get(id);
        return (p.title() + " " + p.abstractText()).toLowerCase(Locale.ROOT);
    }

    @Test
    @DisplayName("every paper's title finds that paper first")
    void titleFindsPaper() {
        for (Paper p : Fixtures.all()) {
            assertEquals(p.id(), ids(p.title(), 3).get(0), p.title());
        }
    }

    @Test
    @DisplayName(
            "the title boost, applied to the first stage's best matches, scores as one query holding the title clauses")
    void titleBoostInTwoStages() {
        RankingOptions ranking = RankingOptions.defaults();
        PaperSearch lexical = new PaperSearch(index, ranking);
        PaperQueryBuilder builder = new PaperQueryBuilder(index.analyzer(), ranking);
        PaperSearch noBoost = new PaperSearch(index, ranking.withTitleBoost(0f));
        int boosted = 0;
        for (String q : List.of(
                "protein structure graph neural networks",
                "agents web browsing benchmark",
                "sparse attention for long context",
                "zebrafish markdown")) {
            org.apache.lucene.search.BooleanQuery.Builder whole = new org.apache.lucene.search.BooleanQuery.Builder();
            for (String t : builder.tokens(PaperFields.TEXT, q)) {
                whole.add(
                        new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(PaperFields.TEXT, t)),
                        org.apache.lucene.search.BooleanClause.Occur.SHOULD);
                whole.add(
                        new org.apache.lucene.search.BoostQuery(
                                new org.apache.lucene.search.TermQuery(
                                        new org.apache.lucene.index.Term(PaperFields.TITLE, t)),
                                ranking.titleBoost()),
                        org.apache.lucene.search.BooleanClause.Occur.SHOULD);
            }
            List<SearchHit> hits =
                    lexical.search(SearchQuery.of(q, 5), SearchMode.LEXICAL).hits();
            List<String> expected = index.withSearcher(shared -> {
                org.apache.lucene.search.IndexSearcher s =
                        new org.apache.lucene.search.IndexSearcher(shared.getIndexReader());
                s.setSimilarity(new org.apache.lucene.search.similarities.BM25Similarity(ranking.k1(), ranking.b()));
                List<String> out = new java.util.ArrayList<>();
                for (org.apache.lucene.search.ScoreDoc sd : s.search(whole.build(), 5).scoreDocs) {
                    out.add(s.storedFields().document(sd.doc).get(PaperFields.ID)
                            + String.format(Locale.ROOT, "@%.4f", sd.score));
                }
                return out;
            });
            assertEquals(
                    expected,
                    hits.stream()
                            .map(h -> h.id() + String.format(Locale.ROOT, "@%.4f", h.score()))
                            .toList(),
                    q);
            float unboosted = noBoost.search(SearchQuery.of(q, 1), SearchMode.LEXICAL)
                    .hits()
                    .get(0)
                    .score();
            if (hits.get(0).score() > unboosted + 1e-3) boosted++;
        }
        assertTrue(boosted > 0, "the title boost changed no top score");
    }

    @Test
    @DisplayName("a distinctive word finds its paper first")
    void distinctiveWords() {
        assertEquals("2606.10423", ids("WebChallenger", 5).get(0));
        assertEquals("2606.12282", ids("deadpan piano", 5).get(0));
        assertEquals("2606.13392", ids("minimax sparse attention", 5).get(0));
    }

    @Test
    @DisplayName("a quoted phrase is required as a phrase")
    void phrase() {
        List<String> hits = ids("\"sparse attention\"", 50);
        assertTrue(hits.contains("2606.13392"));
        hits.forEach(id -> assertTrue(text(id).contains("sparse attention"), id));
    }

    @Test
    @DisplayName("-word and -\"phrase\" exclude")
    void exclusion() {
        List<String> with = ids("protein structure", 50);
        assertTrue(with.containsAll(List.of(Fixtures.PROTEIN_A, Fixtures.PROTEIN_B)));
        List<String> without = ids("protein structure -folding", 50);
        assertFalse(without.contains(Fixtures.PROTEIN_A));
        assertFalse(without.contains(Fixtures.PROTEIN_B)); // both mention folding
        List<String> noPhrase = ids("protein -\"residue contact\"", 50);
        assertFalse(noPhrase.contains(Fixtures.PROTEIN_B));
        assertTrue(noPhrase.isEmpty() || noPhrase.stream().noneMatch(id -> text(id).contains("residue contact")));
    }

    @Test
    @DisplayName("title: restricts to titles, author: to authors")
    void fieldPrefixes() {
        List<String> agents = ids("title:agents", 50);
        assertFalse(agents.isEmpty());
        agents.forEach(
                id -> assertTrue(byId.get(id).title().toLowerCase(Locale.ROOT).contains("agent"), id));

        assertEquals(List.of(Fixtures.LECUN), ids("author:\"Yann LeCun\"", 10));
        assertEquals(List.of(Fixtures.LECUN), ids("author:lecun", 10));
        Set<String> kocielnik = Fixtures.all().stream()
                .filter(p -> p.authors().contains("Rafal Kocielnik"))
                .map(Paper::id)
                .collect(Collectors.toSet());
        assertFalse(kocielnik.isEmpty());
        assertEquals(kocielnik, Set.copyOf(ids("author:\"Rafal Kocielnik\"", 50)));
        assertTrue(ids("author:\"LeCun Yann\"", 10).isEmpty());
    }

    @Test
    @DisplayName("a trailing * matches word prefixes, also across stemming")
    void prefix() {
        List<String> distill = ids("distill*", 50);
        assertTrue(distill.containsAll(List.of("2606.12575", "2606.09304")), distill.toString());
        assertTrue(ids("title:entangle*", 10).contains(Fixtures.OLD));
        // "language" is indexed as the stem "languag": the prefix must still match
        assertTrue(ids("language*", 50).contains("2606.11409"));
    }

    @Test
    @DisplayName("since keeps papers published on or after the day")
    void since() {
        LocalDate since = LocalDate.of(2026, 6, 10);
        SearchResults r = search.search(new SearchQuery("agents", since, 50, 0));
        assertFalse(r.hits().isEmpty());
        r.hits().forEach(h -> assertFalse(byId.get(h.id()).published().isBefore(since), h.id()));
        assertTrue(search.search(new SearchQuery("quantum entanglement photons", LocalDate.of(2021, 1, 1), 10, 0))
                .hits()
                .isEmpty());
        assertEquals(
                Fixtures.OLD,
                search.search(new SearchQuery("quantum entanglement photons", LocalDate.of(2019, 1, 1), 10, 0))
                        .hits()
                        .get(0)
                        .id());
    }

    @Test
    @DisplayName("offset pages through the same ranking")
    void paging() {
        List<String> all = ids("agents", 10);
        List<String> second = search.search(new SearchQuery("agents", null, 5, 5)).hits().stream()
                .map(SearchHit::id)
                .toList();
        assertEquals(all.subList(5, Math.min(10, all.size())), second);
    }

    static Stream<String> hostile() {
        return Stream.of(
                "\"",
                "(",
                ")",
                "title:",
                "author:",
                "*",
                "-",
                "--",
                "+",
                "*:*",
                "title:*",
                "-\"",
                "\"\"",
                "a".repeat(10_000),
                "attention ".repeat(1_000),
                "a,".repeat(5_000),
                "🚀🔥 attention",
                "مرحبا بالعالم",
                "שלום attention",
                "\u0000",
                "attention\u0000sparse",
                "AND OR NOT",
                "\\",
                "~",
                "^",
                "attention~2",
                "attention^10",
                "title:(foo",
                "{!lucene}",
                "[a TO z]",
                "/regex/",
                "?",
                "\uD800",
                "x*",
                "ab*",
                "\"unclosed phrase",
                "-\"title:",
                "author:\"\"",
                "NOT attention",
                "title:\"\"",
                "   ",
                "");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    @DisplayName("hostile input never throws")
    void hostileQueries(String q) {
        SearchResults r = search.search(SearchQuery.of(q, 10));
        assertNotNull(r);
        assertTrue(r.totalHits() >= 0);
        r.hits().forEach(h -> assertNotNull(h.snippet()));
        assertNotNull(titles.suggest(q, 25));
        assertNotNull(titles.resolve(q));
        assertNotNull(similar.similar(q, 5));
    }

    @Test
    @DisplayName("only exclusions, only stop words or only syntax give an empty result")
    void emptyQueries() {
        for (String q : List.of("-attention", "the of and", "*:*", "\"", "-", "*", "AND OR NOT", "title:", "")) {
            SearchResults r = search.search(SearchQuery.of(q, 10));
            assertEquals(0, r.totalHits(), q);
            assertTrue(r.hits().isEmpty(), q);
        }
    }

    @Test
    @DisplayName("snippets bold the matches and keep to 300 visible characters")
    void snippets() {
        for (String q :
                List.of("sparse attention", "options", "agents memory", "\"self-supervised learning\"", "distill*")) {
            SearchResults r = search.search(SearchQuery.of(q, 10));
            assertFalse(r.hits().isEmpty(), q);
            for (SearchHit h : r.hits()) {
                assertTrue(visible(h.snippet()).length() <= 300, h.snippet());
                assertFalse(h.snippet().isBlank());
            }
            assertTrue(r.hits().get(0).snippet().contains("**"), r.hits().get(0).snippet());
        }
        SearchHit longHit = search.search(SearchQuery.of("options", 1)).hits().get(0);
        assertEquals(Fixtures.LONG_TITLE, longHit.id());
        assertTrue(longHit.snippet().contains("**options**"), longHit.snippet());
    }

    @Test
    @DisplayName("markdown in an abstract is escaped, matches are bold")
    void markdownEscaped() {
        SearchHit h = search.search(SearchQuery.of("zebrafish", 1)).hits().get(0);
        assertEquals(Fixtures.MARKDOWN, h.id());
        assertTrue(h.snippet().contains("**zebrafish**"), h.snippet());
        assertTrue(h.snippet().contains("\\*novel\\*"), h.snippet());
        assertTrue(h.snippet().contains("score\\_function"), h.snippet());
        assertTrue(h.snippet().contains("\\`code\\`"), h.snippet());
    }

    @Test
    @DisplayName("a hit matched only by author gets the start of its abstract")
    void leadSnippet() {
        SearchHit h = search.search(SearchQuery.of("author:lecun", 1)).hits().get(0);
        assertTrue(h.snippet().startsWith("Energy-based models"), h.snippet());
        assertFalse(h.snippet().contains("**"));
    }

    @Test
    @DisplayName("zero hits suggest a corrected spelling from the index's own words")
    void didYouMean() {
        SearchResults r = search.search(SearchQuery.of("protien foldng", 5));
        assertEquals(0, r.totalHits());
        assertEquals("protein folding", r.didYouMean().orElseThrow());
        assertTrue(
                search.search(SearchQuery.of("protein folding", 5)).didYouMean().isEmpty());
        assertTrue(search.search(SearchQuery.of("qqqqxxxx", 5)).didYouMean().isEmpty());
        // a field name is syntax, not a misspelt word
        assertEquals(
                "title:protein folding",
                search.search(SearchQuery.of("title:protien foldng", 5))
                        .didYouMean()
                        .orElseThrow());
    }

    @Test
    @DisplayName("similar finds the topical neighbour and never the paper itself")
    void similar() {
        List<SearchHit> hits = similar.similar(Fixtures.PROTEIN_A, 5);
        assertFalse(hits.isEmpty());
        assertEquals(Fixtures.PROTEIN_B, hits.get(0).id());
        assertTrue(hits.stream().noneMatch(h -> h.id().equals(Fixtures.PROTEIN_A)));
        for (Paper p : Fixtures.hfPapers()) {
            assertTrue(similar.similar(p.id(), 10).stream().noneMatch(h -> h.id().equals(p.id())), p.id());
        }
        assertTrue(similar.similar("no-such-paper", 5).isEmpty());
    }

    static String visible(String snippet) {
        return snippet.replace("**", "").replaceAll("\\\\(.)", "$1");
    }
}
