package dev.paperclub.highlight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.command.Echo;
import dev.paperclub.highlight.HighlightRanker.Pick;
import dev.paperclub.search.Embedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team's taste in highlights, through the real wiring (votes and read marks in SQLite, vectors
 * stored by the vector worker) with a small stand-in embedding model whose vectors follow two
 * topics, so which papers are close is known.
 */
final class TeamTasteTest {
    static final String GUILD = "g1";
    static final String READ = "2611.00010";
    /** Two candidates equal in everything the other terms see; the far one wins the id tie-break. */
    static final String FAR = "2611.00001";

    static final String CLOSE = "2611.00002";
    static final String READ_TITLE = "Mamba: *selective* state spaces";

    @TempDir
    Path dir;

    /** Vectors on two topic axes (state spaces, proteins) plus a constant: unit length, deterministic. */
    private static final class TopicEmbedder implements Embedder {
        @Override
        public String modelId() {
            return "topics-3";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public float[] embed(String text) {
            String t = text.toLowerCase(Locale.ROOT);
            float[] v = {t.contains("state space") ? 1f : 0f, t.contains("protein") ? 1f : 0f, 0.3f};
            double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            for (int i = 0; i < 3; i++) v[i] /= (float) norm;
            return v;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (String s : texts) out.add(embed(s));
            return out;
        }

        Embedder.Factory factory() {
            return new Embedder.Factory() {
                @Override
                public String modelId() {
                    return TopicEmbedder.this.modelId();
                }

                @Override
                public Embedder load() {
                    return TopicEmbedder.this;
                }
            };
        }
    }

    private static String paper(String id, String title, String abstractText) {
        return "{\"id\":\"" + id + "\",\"arxiv_id\":\"" + id + "\",\"title\":\"" + title + "\",\"abstract\":\""
                + abstractText + "\",\"authors\":[\"A\"],\"published\":\"2026-11-24\",\"upvotes\":4,"
                + "\"sources\":[\"test\"]}\n";
    }

    private App open(boolean semantic) {
        return App.open(
                TestApps.config(dir).with("search.semantic.enabled", String.valueOf(semantic)),
                TestApps.CLOCK,
                new TopicEmbedder().factory());
    }

    private static Pick pick(List<Pick> picks, String id) {
        return picks.stream()
                .filter(p -> p.paper().id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + picks));
    }

    private static int rank(List<Pick> picks, String id) {
        for (int i = 0; i < picks.size(); i++) if (picks.get(i).paper().id().equals(id)) return i;
        throw new AssertionError(id + " not in " + picks);
    }

    @Test
    @DisplayName("a paper close to what the team read outranks an otherwise equal one and says why; "
            + "with semantic search off the term is absent")
    void closeToTheTeamsReadsRanksHigher() throws Exception {
        try (App app = open(true)) {
            TestApps.ingestText(
                    app,
                    "taste.jsonl",
                    paper(READ, READ_TITLE, "We model sequences with selective state space layers.")
                            + paper(FAR, "Folding proteins", "A protein structure model trained on folding data.")
                            + paper(CLOSE, "Long sequences", "Structured state space models for long sequences."));
            app.vectorWorker().drain();
            app.voteStore().markRead(GUILD, READ, "111", TestApps.NOW);

            List<Pick> picks = app.highlights().preview(GUILD).picks();
            assertTrue(rank(picks, CLOSE) < rank(picks, FAR), picks.toString());
            Pick close = pick(picks, CLOSE);
            Pick far = pick(picks, FAR);
            assertEquals(far.score() + TeamTaste.WEIGHT, close.score(), 1e-6, "the same vector earns the full weight");
            assertTrue(close.why().contains("close to *" + Echo.of(READ_TITLE) + "*, which you read"), close.why());
            assertFalse(far.why().contains("close to"), far.why());
            // a paper voted for (not read) counts too, and says so
            app.voteStore().vote("g2", READ, "222", TestApps.NOW, 0);
            assertTrue(
                    pick(app.highlights().preview("g2").picks(), CLOSE).why().endsWith("which you voted for"),
                    app.highlights().preview("g2").picks().toString());
            // another server read nothing: no taste there
            assertFalse(app.highlights().preview("g3").picks().stream()
                    .anyMatch(p -> p.why().contains("close to")));
        }
        try (App app = open(false)) {
            List<Pick> picks = app.highlights().preview(GUILD).picks();
            assertTrue(rank(picks, FAR) < rank(picks, CLOSE), "without vectors the tie-break decides: " + picks);
            assertEquals(pick(picks, FAR).score(), pick(picks, CLOSE).score(), 1e-9);
            assertFalse(picks.stream().anyMatch(p -> p.why().contains("close to")), picks.toString());
        }
    }

    @Test
    @DisplayName("closeness counts only above the threshold and reaches the full weight for the same vector")
    void theTermIsDocumented() {
        assertEquals(0, TeamTaste.closeness(TeamTaste.THRESHOLD), 1e-12);
        assertEquals(0, TeamTaste.closeness(0.1), 1e-12);
        assertEquals(1, TeamTaste.closeness(1.0), 1e-12);
        TeamTaste taste =
                new TeamTaste(List.of(new TeamTaste.Liked("a", "A ".repeat(100), true)), List.of(new float[] {1, 0}));
        assertTrue(taste.closest("a", new float[] {1, 0}).isEmpty(), "a paper is not close to itself");
        TeamTaste.Match m = taste.closest("b", new float[] {1, 0}).orElseThrow();
        assertEquals(TeamTaste.WEIGHT, m.term(), 1e-9);
        assertTrue(Echo.plain(m.reason()).length() < 120, "a long title is cut: " + m.reason());
    }
}
