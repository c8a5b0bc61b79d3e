package dev.paperclub.ingest;

import dev.paperclub.store.PaperChange;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Lets the search index take an input's papers while the transaction that stores them is still
 * open, so that storing and indexing run at the same time instead of one after the other. The
 * index must show none of them before the store commits, and must be as before if the store
 * rolls back.
 */
public interface LiveIndexing {

    /** Indexes nothing while storing: the index catches up after the commit. */
    LiveIndexing NONE = new LiveIndexing() {
        @Override
        public <T> T whileStoring(Function<Consumer<PaperChange>, T> storing) {
            return storing.apply(change -> {});
        }
    };

    /**
     * Runs {@code storing} (one store transaction, which commits or rolls back before it
     * returns) with a consumer that takes every change it makes, in the order it makes them.
     */
    <T> T whileStoring(Function<Consumer<PaperChange>, T> storing);
}
