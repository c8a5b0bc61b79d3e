package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.paper.Paper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TaskExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

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
            assertEquals(
                    Math.min(4, s.getIndexReader().leaves().size()),
                    two.searcher(s.getIndexReader()).getSlices().length);
            return null;
        });
        PaperSearch one = new PaperSearch(index, RankingOptions.defaults());
        PaperSearch spread = new PaperSearch(index, RankingOptions.defaults(), SemanticModel.disabled(), two);
        List<String> queries = new ArrayList<>(List.of(
                "protein structure graph",
                "language model reasoning benchmark",
                "\"graph neural networks\" -zebrafish",
                "title:protein",
                "transformer*",
                "vision video generation"));
        for (Paper p : Fixtures.all()) queries.add(p.title());
        for (String q : queries) {
            for (LocalDate since : Arrays.asList(null, LocalDate.of(2026, 5, 2))) {
                SearchResults expected = one.search(new SearchQuery(q, since, 10, 0));
                SearchResults actual = spread.search(new SearchQuery(q, since, 10, 0));
                assertEquals(expected, actual, q + " since " + since);
            }
        }
        assertFalse(
                one.search(SearchQuery.of("protein structure graph", 10)).hits().isEmpty(),
                "the queries must find papers");
    }

    @Test
    @DisplayName(
            "two tasks handed to the search threads run at once, the caller taking one; with the pool busy the caller runs both")
    void secondTaskRunsOnThePoolOrTheCaller() throws Exception {
        // How PaperSearch overlaps a query's embedding with ranking its words: invokeAll(words, embedding).
        String caller = Thread.currentThread().getName();
        TaskExecutor tasks =
                index.withSearcher(s -> two.searcher(s.getIndexReader()).getTaskExecutor());
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<String> free = tasks.invokeAll(List.<Callable<String>>of(
                () -> {
                    // the first task waits for the second to start: they can only both finish on two threads at once
                    assertTrue(secondStarted.await(10, TimeUnit.SECONDS), "a free pool thread takes one of the tasks");
                    return Thread.currentThread().getName();
                },
                () -> {
                    secondStarted.countDown();
                    return Thread.currentThread().getName();
                }));
        assertNotEquals(free.get(0), free.get(1), "the two tasks ran at once");
        assertTrue(free.contains(caller), "the caller works too: " + free);

        // Keep the pool's one thread busy from another thread, then hand over two more tasks.
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(2);
        Callable<String> blocker = () -> {
            busy.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return "blocker";
        };
        CompletableFuture<List<String>> blocking = CompletableFuture.supplyAsync(() -> {
            try {
                return tasks.invokeAll(List.of(blocker, blocker));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertTrue(busy.await(10, TimeUnit.SECONDS), "the pool thread and the other caller are both busy");
        Callable<String> where = () -> Thread.currentThread().getName();
        // the pool's one thread is busy: the caller runs both instead of waiting in the pool's queue
        assertEquals(List.of(caller, caller), tasks.invokeAll(List.of(where, where)));
        release.countDown();
        assertEquals(List.of("blocker", "blocker"), blocking.get(10, TimeUnit.SECONDS));

        TaskExecutor oneThread = index.withSearcher(
                s -> SearchThreads.none().searcher(s.getIndexReader()).getTaskExecutor());
        RuntimeException failure = assertThrows(
                IllegalStateException.class,
                () -> oneThread.invokeAll(List.<Callable<String>>of(() -> {
                    throw new IllegalStateException("model released");
                })));
        assertEquals("model released", failure.getMessage(), "a failure is rethrown as it was thrown");
        assertEquals(List.of(caller, caller), oneThread.invokeAll(List.of(where, where)));
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
            assertEquals(1, (int) index.withSearcher(
                    s -> defaults.searcher(s.getIndexReader()).getSlices().length));
        }
    }
}
