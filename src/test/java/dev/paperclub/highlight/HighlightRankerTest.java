package dev.paperclub.highlight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.highlight.HighlightRanker.Pick;
import dev.paperclub.store.HighlightStore.Candidate;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented score, its explanations, and the pool rules on the real samples. */
final class HighlightRankerTest {
    @TempDir
    static Path dir;

    static App app;
    static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @BeforeAll
    static void open() throws Exception {
        app = TestApps.open(dir);
        TestApps.ingestAllSamples(app);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    private static HighlightRanker ranker() {
        return new HighlightRanker(app.highlightStore(), app.papers(), app.search());
    }

    @Test
    void theScoreIsTheDocumentedBlendAndExplainsItself() {
        Candidate c = new Candidate("x", "X", TODAY.minusDays(3), 12, Instant.parse("2026-01-01T00:00:00Z"), 2);
        var s = HighlightRanker.score(c, List.of("diffusion"), TODAY);
        double expected = Math.log(13) + 1.5 * 2 + 3.0 * Math.pow(0.5, 3 / 7.0) + 2.0;
        assertEquals(expected, s.score(), 1e-9);
        assertEquals("12 upvotes · 2 votes · new this week · matches “diffusion”", String.join(" · ", s.reasons()));

        Candidate unknownDate = new Candidate("y", "Y", null, 0, Instant.parse("2026-11-25T08:00:00Z"), 0);
        var u = HighlightRanker.score(unknownDate, List.of(), TODAY);
        assertEquals(3.0, u.score(), 1e-9);
        assertEquals(List.of("added today"), u.reasons());
        Candidate old =
                new Candidate("z", "Z", LocalDate.parse("2020-01-01"), 1, Instant.parse("2026-01-01T00:00:00Z"), 1);
        assertEquals(
                List.of("1 upvote", "1 vote"),
                HighlightRanker.score(old, List.of(), TODAY).reasons());
    }

    @Test
    void keywordsAreSplitTrimmedAndDeduplicated() {
        assertEquals(
                List.of("diffusion", "State Space"), HighlightRanker.keywords(" diffusion, ,State Space,DIFFUSION "));
        assertEquals(List.of(), HighlightRanker.keywords(null));
    }

    @Test
    void aKeywordLiftsMatchingPapersByItsWeight() {
        List<Pick> plain = ranker().rank("kw", List.of(), 200, TODAY);
        List<Pick> withKeyword = ranker().rank("kw", List.of("speech"), 10, TODAY);
        Pick matched = withKeyword.stream()
                .filter(p -> p.why().contains("matches “speech”"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(withKeyword.toString()));
        Pick before = plain.stream()
                .filter(p -> p.paper().id().equals(matched.paper().id()))
                .findFirst()
                .orElseThrow();
        assertEquals(before.score() + 2.0, matched.score(), 1e-9);
        assertTrue(plain.indexOf(before) > withKeyword.indexOf(matched));
    }

    @Test
    void votesCountAndTheOrderIsDeterministic() {
        List<Pick> first = ranker().rank("v", List.of(), 5, TODAY);
        String last = ranker().rank("v", List.of(), 200, TODAY).get(150).paper().id();
        for (String u : List.of("a", "b", "c", "d")) app.votes().vote("v", last, u);
        List<Pick> after = ranker().rank("v", List.of(), 5, TODAY);
        assertEquals(last, after.get(0).paper().id(), after.toString());
        assertTrue(after.get(0).why().contains("4 votes"));
        assertEquals(first.subList(0, 4), after.subList(1, 5));
    }

    @Test
    void readRemovedAndAlreadyHighlightedPapersLeaveThePool() {
        List<Pick> top = ranker().rank("p", List.of(), 3, TODAY);
        app.voteStore().markRead("p", top.get(0).paper().id(), "mod", TestApps.NOW);
        app.papers().remove(top.get(1).paper().id(), TestApps.NOW);
        app.indexSync().catchUp();
        app.highlightStore().claim("p", TODAY, "c", TestApps.NOW);
        app.highlightStore()
                .recordPost(
                        "p",
                        TODAY,
                        "m",
                        List.of(new dev.paperclub.store.HighlightStore.Highlighted(
                                top.get(2).paper().id(), "test")));
        try {
            List<String> now = ranker().rank("p", List.of(), 400, TODAY).stream()
                    .map(p -> p.paper().id())
                    .toList();
            for (Pick p : top)
                assertFalse(now.contains(p.paper().id()), p.paper().id());
            assertEquals(app.papers().count() - 2, now.size(), "every other visible paper is still a candidate");
        } finally {
            app.papers().restore(top.get(1).paper().id(), TestApps.NOW);
            app.indexSync().catchUp();
        }
    }
}
