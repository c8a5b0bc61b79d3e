package dev.paperclub.search;

import dev.paperclub.ingest.LiveIndexing;
import dev.paperclub.paper.Paper;
import dev.paperclub.store.PaperChange;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Lucene index derived from the store. Every store change carries a sequence
 * number; the index commits the sequence it reflects. Catching up replays the changes after
 * it (upserts and deletes are idempotent), so a crash between the store's commit and the
 * index's commit heals at the next start or the next ingest.
 */
public final class IndexSync implements LiveIndexing {
    private static final Logger log = LoggerFactory.getLogger(IndexSync.class);
    private static final int BATCH = 20_000;
    /** A catch-up of this many changes or more reports its progress. */
    static final int PROGRESS_FROM = 1_000;
    /** Indexing threads for large catch-ups: one per core, at most four. */
    private static final int THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** Papers whose stored vectors are looked up and re-indexed together when filling vectors in. */
    private static final int FILL_BATCH = 1_000;

    /** A vectors burst is large once it re-indexed at least 1/this of the index's papers. */
    static final int SETTLE_SHARE = 4;
    /** Segments the index is merged down to after a large vectors burst. */
    static final int SETTLED_SEGMENTS = 2;

    private final PaperStore papers;
    private final PaperIndex index;
    private final VectorStore vectors;
    /** Papers re-indexed for their vectors since the index was last settled (under this object's lock). */
    private long reindexedForVectors;

    public IndexSync(PaperStore papers, PaperIndex index, VectorStore vectors) {
        this.papers = papers;
        this.index = index;
        this.vectors = vectors;
    }

    /**
     * At start: catch up, and rebuild when the index cannot be trusted (new in place of a
     * damaged one, ahead of the store, or counts differ). {@code modelId} is the embedding
     * model semantic search uses ("" when it is off: the index keeps the model it has). The
     * model is adopted before anything is built, so every document written here takes the
     * vector the store holds for it: vectors are data, and a restored database, a repaired
     * index or a new index layout keep semantic search without embedding anything again. Only
     * an index that carries another model's vectors is rebuilt for the model change itself.
     */
    public synchronized void reconcile(String modelId, LongConsumer progress) {
        long storeSeq = papers.changeSequence();
        try {
            String previousModel = index.vectorModel();
            boolean newModel = !modelId.isEmpty() && !modelId.equals(previousModel);
            boolean otherModelsVectors = newModel && index.vectorCount() > 0;
            if (newModel) index.adoptVectorModel(modelId);
            if (index.replacedDamaged()) {
                rebuild(progress); // opening the index has said why
                return;
            }
            if (!index.schemaCurrent()) {
                log.info("The index was written by an older version of PaperClub; rebuilding it from the store");
                rebuild(progress);
                return;
            }
            if (index.committedSequence() > storeSeq) {
                log.warn(
                        "The index is ahead of the store (index {} > store {}): it belongs to another database; rebuilding",
                        index.committedSequence(),
                        storeSeq);
                rebuild(progress);
                return;
            }
            if (otherModelsVectors) {
                log.info("The index holds vectors of model '{}', not '{}': rebuilding it", previousModel, modelId);
                rebuild(progress);
                return;
            }
            int replayed = catchUp(progress);
            if (replayed > 0) log.info("Index caught up with {} store changes", replayed);
            int indexed = index.count();
            int stored = papers.count();
            if (indexed != stored) {
                log.warn("The index holds {} papers but the store {}; rebuilding", indexed, stored);
                rebuild(progress);
                return;
            }
            int filled = fillVectors();
            if (filled > 0) log.info("{} papers took the vectors the database holds for them", filled);
            // the model is recorded even when no document has a vector yet
            else if (newModel) index.commit(index.committedSequence());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #reconcile(String, LongConsumer)} keeping the index's vector model. */
    public void reconcile(LongConsumer progress) {
        reconcile("", progress);
    }

    /**
     * Re-indexes the papers whose document lacks a vector that the store holds for the index's
     * model, and commits; returns how many. Such documents come from an index built while
     * semantic search was off, or from a stop between saving vectors and indexing them.
     */
    private int fillVectors() throws IOException {
        String model = index.vectorModel();
        if (model.isEmpty() || index.vectorCount() >= vectors.count(model)) return 0;
        List<String> lacking = index.idsWithoutVector();
        int filled = 0;
        for (int from = 0; from < lacking.size(); from += FILL_BATCH) {
            Set<String> have =
                    vectors.having(model, lacking.subList(from, Math.min(lacking.size(), from + FILL_BATCH)));
            index.upsert(papers.findAll(have));
            filled += have.size();
        }
        if (filled > 0) {
            index.commit(index.committedSequence());
            index.refresh();
        }
        return filled;
    }

    /**
     * Re-indexes these papers as the store has them now, picking up their vectors from the
     * store's cache, and commits. Under this object's lock, so it never interleaves with a
     * catch-up: whichever runs second indexes the newer version with its vector. After a large
     * burst of these, {@link #vectorsCaughtUp()} merges the index down.
     */
    public synchronized void applyVectors(Collection<String> ids) {
        try {
            index.upsert(papers.findAll(ids));
            index.commit(index.committedSequence());
            reindexedForVectors += ids.size();
        } catch (IOException e) {
            throw new UncheckedIOException("updating the search index failed: " + e.getMessage(), e);
        }
    }

    /**
     * Told when no paper waits for a vector any more (the embedding worker found none): when
     * the papers re-indexed for their vectors since the last settling are a large share of the
     * index ({@link #SETTLE_SHARE}) and the index has more than {@link #SETTLED_SEGMENTS}
     * segments, merges it down. Each vectors write flushed a segment of its own with a vector
     * graph of its own, and every hybrid search walks every graph: the benchmark's vectors pass
     * over 100,000 papers (20 writes of 5,000) left 13-18 segments even after the merges it
     * started had finished.
     */
    public void vectorsCaughtUp() {
        boolean settle;
        synchronized (this) {
            try {
                settle = reindexedForVectors > 0
                        && !index.vectorModel().isEmpty()
                        && reindexedForVectors >= Math.max(1, index.count() / SETTLE_SHARE)
                        && index.segmentCount() > SETTLED_SEGMENTS;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (settle) settleVectors();
    }

    /**
     * Merges the index down to {@link #SETTLED_SEGMENTS} segments after a large vectors burst
     * (outside this object's lock, so ingests go on meanwhile), then commits it, so the merged
     * index is what later starts open.
     */
    private void settleVectors() {
        long t0 = System.nanoTime();
        try {
            index.mergeDown(SETTLED_SEGMENTS);
            int segments;
            // Under the lock: an ingest indexing its papers while they are stored (whileStoring)
            // must finish first, or this refresh would show its uncommitted papers to searches.
            synchronized (this) {
                index.commit(index.committedSequence());
                reindexedForVectors = 0;
                segments = index.segmentCount(); // refreshes
            }
            log.info(
                    "Merged the index to {} segments after a vectors burst in {} ms",
                    segments,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (org.apache.lucene.util.ThreadInterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the last commit stands
        } catch (IOException | RuntimeException e) {
            // searches stay correct, only slower; the next burst tries again
            log.warn("Merging the index after new vectors failed: {}", e.toString());
        }
    }

    /** Makes everything applied so far visible to searches now (instead of at the next background refresh). */
    public void refresh() {
        try {
            index.refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies every store change newer than the index's commit; returns how many. */
    public synchronized int catchUp() {
        return catchUp(n -> {});
    }

    /**
     * Indexes the papers {@code storing} stores while its transaction is open, on {@link #THREADS}
     * threads beside it, and commits the index once the store has committed: storing and indexing
     * overlap instead of following each other, and the changes are not read back from the store.
     * Searches see none of them before the index commits (the background refresh is paused, and
     * nothing else commits the index meanwhile: this holds the lock every commit here takes). If
     * the store rolls back, the papers taken are put back as the store has them. If indexing
     * fails after the store committed, the index catches up from the store as before.
     */
    @Override
    public synchronized <T> T whileStoring(Function<Consumer<PaperChange>, T> storing) {
        try (PaperIndex.Loader loader = index.load(THREADS)) {
            T result;
            try {
                result = storing.apply(loader::add);
            } catch (RuntimeException | Error e) {
                loader.awaitParts();
                putBack(loader.ids(), e);
                throw e;
            }
            if (loader.firstSequence() == 0) return result; // nothing changed
            try {
                loader.finish(papers::findAll);
                // changes stored before this transaction that the index had not caught up with
                catchUp(n -> {}, loader.firstSequence() - 1);
                index.commit(loader.lastSequence());
                index.refresh();
            } catch (IOException | RuntimeException e) {
                log.warn("Indexing an input while it was stored failed ({}); catching up from the store", e.toString());
            }
            return result;
        }
    }

    /** After a rolled-back store transaction: the index takes these papers back as the store has them. */
    private void putBack(Set<String> ids, Throwable cause) {
        try {
            List<String> all = new ArrayList<>(ids);
            for (int from = 0; from < all.size(); from += FILL_BATCH) {
                List<String> part = all.subList(from, Math.min(all.size(), from + FILL_BATCH));
                List<Paper> stored = papers.findAll(part);
                Set<String> present = new java.util.HashSet<>();
                for (Paper p : stored) present.add(p.id());
                index.upsert(stored);
                index.delete(part.stream().filter(id -> !present.contains(id)).toList());
            }
        } catch (IOException | RuntimeException e) {
            // The writer keeps papers the store does not have, and any later commit would keep them:
            // the next start rebuilds the index from the store instead.
            cause.addSuppressed(e);
            index.distrust();
            log.error(
                    "Restoring the index after a rolled-back ingest failed ({}); it is rebuilt from the database at the next start",
                    e.toString());
        }
    }

    /**
     * As {@link #catchUp()}, telling {@code progress} how many changes are applied when the
     * catch-up is long (at least {@link #PROGRESS_FROM} changes): 0 first, then after each batch.
     * A short one takes well under a second and is not worth a word.
     */
    public synchronized int catchUp(LongConsumer progress) {
        return catchUp(progress, Long.MAX_VALUE);
    }

    /** As {@link #catchUp(LongConsumer)}, applying only the changes up to the sequence {@code upTo}. */
    private int catchUp(LongConsumer progress, long upTo) {
        int total = 0;
        boolean reporting = false;
        try {
            while (true) {
                List<PaperChange> changes = papers.changesSince(index.committedSequence(), upTo, BATCH);
                if (changes.isEmpty()) break;
                if (total == 0 && changes.size() >= PROGRESS_FROM) {
                    reporting = true;
                    progress.accept(0);
                }
                List<Paper> upserts = new ArrayList<>();
                List<String> deletes = new ArrayList<>();
                for (PaperChange c : changes) {
                    if (c.removed()) deletes.add(c.paper().id());
                    else upserts.add(c.paper());
                }
                index.delete(deletes);
                index.upsertBulk(upserts, THREADS);
                index.commit(changes.get(changes.size() - 1).seq());
                total += changes.size();
                if (reporting) progress.accept(total);
            }
            if (total > 0) index.refresh();
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("updating the search index failed: " + e.getMessage(), e);
        }
    }

    /** Rebuilds the index from every visible paper. */
    public synchronized void rebuild(LongConsumer progress) {
        long seq = papers.changeSequence();
        try {
            // Stream in pages: the store hands papers over without holding them all.
            Iterator<Paper> it = new PagedIterator(papers);
            index.rebuild(it, seq, progress);
            catchUp(); // changes made during the rebuild
        } catch (IOException e) {
            throw new UncheckedIOException("rebuilding the search index failed: " + e.getMessage(), e);
        }
    }

    /** Iterates visible papers page by page (by id) so a rebuild never holds the corpus in memory. */
    private static final class PagedIterator implements Iterator<Paper> {
        private final PaperStore papers;
        private List<Paper> page = List.of();
        private int pos;
        private String after = "";
        private boolean done;

        PagedIterator(PaperStore papers) {
            this.papers = papers;
        }

        @Override
        public boolean hasNext() {
            if (pos < page.size()) return true;
            if (done) return false;
            page = papers.pageAfter(after, 2_000);
            pos = 0;
            if (page.isEmpty()) {
                done = true;
                return false;
            }
            after = page.get(page.size() - 1).id();
            return true;
        }

        @Override
        public Paper next() {
            if (!hasNext()) throw new NoSuchElementException();
            return page.get(pos++);
        }
    }
}
