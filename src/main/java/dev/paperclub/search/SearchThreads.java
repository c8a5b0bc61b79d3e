package dev.paperclub.search;

import dev.paperclub.util.DaemonThreads;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;

/**
 * Lets one search use several cores: the index's segments are split into slices of about equal
 * size, searched at once, and their top hits merged (Lucene's concurrent search; results are the
 * same as searched on one thread). A reading group's searches come one at a time, so a second core
 * would otherwise idle while a search over a million papers takes tens of milliseconds.
 *
 * <p>{@code threads} counts the searching thread itself: Lucene runs slices on the caller too, so
 * the pool holds {@code threads - 1}. Indexes smaller than two slices' worth of papers are searched
 * on the calling thread alone, where handing work over would cost more than it saves.
 */
public final class SearchThreads implements AutoCloseable {

    /** Fewest papers worth a slice of their own. */
    static final int MIN_SLICE_DOCS = 50_000;
    /**
     * Slices per thread. Equal sizes are not equal work (a slice may hold more of a query's
     * common words), so each thread gets two and a thread that finishes early takes the next:
     * measured at a million papers on two cores, four slices beat two and two beat one (the
     * README's benchmark gives the figures).
     */
    static final int SLICES_PER_THREAD = 2;

    private final int threads;
    private final int minSliceDocs;
    private final ExecutorService pool;
    /** Whether {@link #close()} shuts {@link #pool} down (a pool handed in belongs to the caller). */
    private final boolean ownsPool;

    private SearchThreads(int threads, int minSliceDocs, ExecutorService pool, boolean ownsPool) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
        this.threads = threads;
        this.minSliceDocs = minSliceDocs;
        this.pool = threads == 1 ? null : pool;
        this.ownsPool = ownsPool;
    }

    /** Every search on its calling thread only. */
    public static SearchThreads none() {
        return new SearchThreads(1, MIN_SLICE_DOCS, null, false);
    }

    /**
     * Searches spread over {@code threads} threads, the caller's included, the others from
     * {@code pool} (see {@link #pool(int)}), which the caller owns and shuts down.
     */
    public static SearchThreads of(int threads, ExecutorService pool) {
        return new SearchThreads(threads, MIN_SLICE_DOCS, pool, false);
    }

    /** Searches spread over {@code threads} threads on a pool of its own, which {@link #close()} shuts down (tests, tools). */
    public static SearchThreads of(int threads) {
        return of(threads, MIN_SLICE_DOCS);
    }

    /** With a smaller slice floor, so tests can slice a small index. */
    static SearchThreads of(int threads, int minSliceDocs) {
        return new SearchThreads(threads, minSliceDocs, threads == 1 ? null : pool(threads), true);
    }

    /** The pool a search over {@code threads} threads needs: the searching thread is one of them, so one fewer. */
    public static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads - 1), DaemonThreads.named("paperclub-search"));
    }

    /** Threads one search may use, the caller's included. */
    public int threads() {
        return threads;
    }

    /** A searcher over {@code reader} that searches its slices on this pool. */
    IndexSearcher searcher(IndexReader reader) {
        if (pool == null) return new IndexSearcher(reader);
        return new IndexSearcher(reader, pool) {
            @Override
            protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                return balanced(leaves, sliceCount(leaves));
            }
        };
    }

    private int sliceCount(List<LeafReaderContext> leaves) {
        long docs = 0;
        for (LeafReaderContext leaf : leaves) docs += leaf.reader().maxDoc();
        return (int)
                Math.max(1, Math.min(Math.min((long) threads * SLICES_PER_THREAD, leaves.size()), docs / minSliceDocs));
    }

    /**
     * {@code count} slices of nearly equal size: each segment, largest first, joins the smallest
     * slice so far. Lucene's default slicing caps slices at a size instead, which on two cores can
     * leave one core with twice the work of the other.
     */
    static IndexSearcher.LeafSlice[] balanced(List<LeafReaderContext> leaves, int count) {
        List<LeafReaderContext> bySize = new ArrayList<>(leaves);
        bySize.sort(Comparator.comparingInt((LeafReaderContext l) -> l.reader().maxDoc())
                .reversed());
        List<List<LeafReaderContext>> slices = new ArrayList<>();
        long[] sizes = new long[count];
        for (int i = 0; i < count; i++) slices.add(new ArrayList<>());
        for (LeafReaderContext leaf : bySize) {
            int smallest = 0;
            for (int i = 1; i < count; i++) if (sizes[i] < sizes[smallest]) smallest = i;
            slices.get(smallest).add(leaf);
            sizes[smallest] += leaf.reader().maxDoc();
        }
        return slices.stream()
                .filter(s -> !s.isEmpty())
                .map(IndexSearcher.LeafSlice::new)
                .toArray(IndexSearcher.LeafSlice[]::new);
    }

    @Override
    public void close() {
        if (pool != null && ownsPool) pool.shutdownNow();
    }
}
