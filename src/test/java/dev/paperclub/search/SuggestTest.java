package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.paper.Paper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SuggestTest {

    @TempDir
    Path dir;

    private static final Set<String> IDS =
            Fixtures.all().stream().map(Paper::id).collect(Collectors.toSet());

    private static void assertWellFormed(List<Suggestion> choices) {
        assertTrue(choices.size() <= 25);
        for (Suggestion s : choices) {
            assertTrue(s.name().length() <= 100, s.name());
            assertFalse(s.name().isBlank());
            assertTrue(IDS.contains(s.value()), s.value());
        }
    }

    @Test
    @DisplayName("autocomplete: prefix and infix of title words, ids, at most 25 choices of at most 100 characters")
    void suggest() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(Fixtures.all());
            index.refresh();
            TitleSuggestions search = new TitleSuggestions(index, 25, 100);

            List<Suggestion> empty = search.suggest("", 25);
            assertEquals(25, empty.size());
            assertWellFormed(empty);
            // newest first (2026-06-11: seven papers), ties by upvotes: 118, then 103
            assertEquals(
                    List.of("2606.13681", "2606.13392"),
                    empty.subList(0, 2).stream().map(Suggestion::value).toList());

            for (String typed : List.of("a", "e", "the", "agents", "sparse att", "LLM")) {
                List<Suggestion> s = search.suggest(typed, 100);
                assertWellFormed(s);
            }
            assertEquals("2606.13392", search.suggest("MiniMax", 5).get(0).value());
            assertEquals("2606.13392", search.suggest("sparse att", 5).get(0).value()); // infix
            assertEquals(
                    "2606.13392", search.suggest("attention sparse", 5).get(0).value()); // any order
            assertEquals("2606.10423", search.suggest("2606.10423", 5).get(0).value()); // id typed exactly
            assertEquals("2606.13681", search.suggest("evoar", 5).get(0).value());
            assertTrue(search.suggest("zzzzqqq", 5).isEmpty());

            Suggestion longOne = search.suggest("hierarchical reinforcement", 5).get(0);
            assertEquals(Fixtures.LONG_TITLE, longOne.value());
            assertTrue(longOne.name().endsWith("…") && longOne.name().length() <= 100, longOne.name());
            assertFalse(longOne.name().contains("  "));
        }
    }

    @Test
    @DisplayName(
            "autocomplete: a title starting with what was typed ranks first; typed words of 1-3, 4+ and 21+ letters find the words they start")
    void wordStartsAndTitleStarts() throws Exception {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 1, 2);
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(List.of(
                    // more upvotes and newer: it would lead if the title start did not count
                    Fixtures.paper("2601.00001", "Scaling graph transformers", "A.", List.of(), day.plusDays(1), 900),
                    Fixtures.paper("2601.00002", "Graph transformers at scale", "B.", List.of(), day, 1),
                    Fixtures.paper(
                            "2601.00003",
                            "Pneumonoultramicroscopicsilicovolcanoconiosis in miners",
                            "C.",
                            List.of(),
                            day,
                            5)));
            index.refresh();
            TitleSuggestions search = new TitleSuggestions(index, 25, 100);
            assertEquals(
                    List.of("2601.00002", "2601.00001"),
                    search.suggest("graph trans", 5).stream()
                            .map(Suggestion::value)
                            .toList());
            assertEquals(
                    List.of("2601.00001", "2601.00002"),
                    search.suggest("sca", 5).stream().map(Suggestion::value).toList());
            assertEquals(
                    "2601.00003",
                    search.suggest("pneumonoultramicroscopicsilico", 5).get(0).value());
            assertEquals("2601.00003", search.suggest("pneu min", 5).get(0).value());
            assertTrue(search.suggest("transformerz", 5).isEmpty());
            // typed words are compared on their first 20 letters
            assertEquals(
                    "2601.00003",
                    search.suggest("pneumonoultramicroscXYZ", 5).get(0).value());
            assertTrue(search.suggest("pneumonoultramicroscX", 5).size() == 1);
            assertTrue(search.suggest("pneumonoultramicrosX", 5).isEmpty());
        }
    }

    @Test
    @DisplayName("resolve: exact id, then exact title, then best match, else nothing")
    void resolve() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(Fixtures.all());
            index.refresh();
            TitleSuggestions search = new TitleSuggestions(index, 25, 100);
            assertEquals(Optional.of("2606.13392"), search.resolve("2606.13392"));
            assertEquals(Optional.of("2606.13392"), search.resolve("  minimax SPARSE attention! "));
            assertEquals(Optional.of("2606.13681"), search.resolve("EvoArena memory evolution"));
            assertEquals(Optional.of(Fixtures.PROTEIN_A), search.resolve("Protein Folding with Graph Neural Networks"));
            assertEquals(Optional.of("2606.12243"), search.resolve("speculative decoding verification routing"));
            assertEquals(Optional.empty(), search.resolve("zzzz qqqq"));
            assertEquals(Optional.empty(), search.resolve(""));
        }
    }

    @Test
    @DisplayName("a deleted paper disappears from search, similar, autocomplete and resolve")
    void deleteHidesEverywhere() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(Fixtures.all());
            index.refresh();
            PaperSearch search = new PaperSearch(index);
            SimilarPapers similar = new SimilarPapers(index);
            TitleSuggestions titles = new TitleSuggestions(index, 25, 100);
            assertEquals(
                    Fixtures.PROTEIN_B,
                    similar.similar(Fixtures.PROTEIN_A, 3).get(0).id());
            // asked twice before the change: the second answer is the cached one, which the change must not outlive
            for (int i = 0; i < 2; i++)
                assertEquals("2606.13392", titles.suggest("MiniMax", 25).get(0).value());
            assertEquals(1, titles.cacheStats().hitCount());

            index.delete(List.of(Fixtures.PROTEIN_B, "2606.13392"));
            index.upsert(
                    List.of(Fixtures.paper("2611.00001", "MiniMax Returns", "A new abstract.", List.of(), null, 0)));
            index.refresh();
            assertEquals(
                    List.of("2611.00001"),
                    titles.suggest("MiniMax", 25).stream()
                            .map(Suggestion::value)
                            .toList());

            assertTrue(search.search(SearchQuery.of("MiniMax Sparse Attention", 50)).hits().stream()
                    .noneMatch(h -> h.id().equals("2606.13392")));
            assertTrue(
                    similar.similar(Fixtures.PROTEIN_A, 50).stream().noneMatch(h -> h.id().equals(Fixtures.PROTEIN_B)));
            assertTrue(similar.similar(Fixtures.PROTEIN_B, 5).isEmpty());
            assertTrue(titles.suggest("MiniMax", 25).stream()
                    .noneMatch(s -> s.value().equals("2606.13392")));
            assertTrue(titles.suggest("", 25).stream().noneMatch(s -> s.value().equals("2606.13392")));
            assertTrue(titles.resolve("2606.13392").isEmpty()
                    || !titles.resolve("2606.13392").get().equals("2606.13392"));
            assertTrue(titles.resolve("MiniMax Sparse Attention")
                    .map(id -> !id.equals("2606.13392"))
                    .orElse(true));
        }
    }
}
