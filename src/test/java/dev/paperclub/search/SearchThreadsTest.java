package dev.paperclub.search;

import dev.paperclub.paper.Paper;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SearchThreadsTest {

    private PaperIndex index;
    private final SearchThreads two = SearchThreads.of(2, 1);

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        index = PaperIndex.open(dir);
        List<Paper> all = Fixtures.all();
        // Three commits: at least three segments, of unequal size (a background refresh may cut one more).
        int[] cuts = {0, 6, 20, all.size()};
        for (int i = 0; i + 1 < cuts.length; i++) {
            index.upsert(all.subList(cuts[i], cuts[i + 1]));
            index.commit(i + 1);
        }
        index.refresh();
        assertTrue(index.withSearcher(s -> s.getIndexReader().leaves().size()) >= 3);
    }

    @AfterAll
    void tearDown() throws Exception {
        two.close();
        index.close();
    }

    @Test
    @DisplayName("a search spread over two threads ranks, scores and counts exactly as on one")
    void sameResultsOnTwoThreads() {
        // Two threads take up to four slices, here one per segment.
        index.withSearcher(s -> {
            assertEquals(Math.min(4, s.getIndexReader().leaves().size()), two.searcher(s.getIndexReader()).getSlices().length);
            return null;
        });
        SearchService one = new SearchService(index, RankingOptions.defaults());
        SearchService spread = new SearchService(index, RankingOptions.defaults(), SemanticModel.disabled(), two);
        List<String> queries = new ArrayList<>(List.of("protein structure graph", "language model reasoning benchmark",
                "\"graph neural networks\" -zebrafish", "title:protein", "transformer*", "vision video generation"));
        for (Paper p : Fixtures.all()) queries.add(p.title());
        for (String q : queries) {
            for (LocalDate since : Arrays.asList(null, LocalDate.of(2026, 5, 2))) {
                SearchResults expected = one.search(new SearchQuery(q, since, 10, 0));
                SearchResults actual = spread.search(new SearchQuery(q, since, 10, 0));
                assertEquals(expected, actual, q + " since " + since);
            }
        }
        assertFalse(one.search(SearchQuery.of("protein structure graph", 10)).hits().isEmpty(), "the queries must find papers");
    }

    @Test
    @DisplayName("work handed to the pool runs there while the caller goes on; the caller runs it if the pool is busy")
    void asyncRunsOnThePoolOrTheCaller() throws Exception {
        String caller = Thread.currentThread().getName();
        CountDownLatch started = new CountDownLatch(1);
        SearchThreads.Pending<String> free = two.async(() -> {
            started.countDown();
            return Thread.currentThread().getName();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "a free pool thread takes the work");
        assertNotEquals(caller, free.join());

        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        SearchThreads.Pending<String> blocker = two.async(() -> {
            busy.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "blocker";
        });
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        // the pool's one thread is busy: joining runs the queued work here instead of waiting for it
        assertEquals(caller, two.<String>async(() -> Thread.currentThread().getName()).join());
        release.countDown();
        assertEquals("blocker", blocker.join());

        RuntimeException failure = assertThrows(IllegalStateException.class,
                () -> SearchThreads.none().async(() -> { throw new IllegalStateException("model released"); }).join());
        assertEquals("model released", failure.getMessage(), "a failure is rethrown as it was thrown");
        assertEquals(caller, SearchThreads.none().<String>async(() -> Thread.currentThread().getName()).join());
    }

    @Test
    @DisplayName("slices hold every segment once and are as even as whole segments allow")
    void balancedSlices() {
        index.withSearcher(s -> {
            List<LeafReaderContext> leaves = s.getIndexReader().leaves();
            IndexSearcher.LeafSlice[] slices = SearchThreads.balanced(leaves, 2);
            assertEquals(2, slices.length);
            Set<LeafReaderContext> seen = new HashSet<>();
            long[] sizes = new long[slices.length];
            int largest = 0;
            for (int i = 0; i < slices.length; i++) {
                for (LeafReaderContext leaf : slices[i].leaves) {
                    assertTrue(seen.add(leaf), "a segment in two slices");
                    sizes[i] += leaf.reader().maxDoc();
                    largest = Math.max(largest, leaf.reader().maxDoc());
                }
            }
            assertEquals(Set.copyOf(leaves), seen);
            assertTrue(Math.abs(sizes[0] - sizes[1]) <= largest, Arrays.toString(sizes));
            return null;
        });
    }

    @Test
    @DisplayName("an index too small to be worth splitting is searched on the calling thread")
    void smallIndexIsOneSlice() {
        try (SearchThreads defaults = SearchThreads.of(2)) {
            assertEquals(1, (int) index.withSearcher(s -> defaults.searcher(s.getIndexReader()).getSlices().length));
        }
    }
}
