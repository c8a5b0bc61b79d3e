package dev.paperclub;

import dev.paperclub.search.IndexSync;
import dev.paperclub.search.PaperIndex;
import dev.paperclub.search.SemanticModel;
import dev.paperclub.search.VectorWorker;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.VectorStore;
import java.util.function.LongConsumer;

/**
 * What the {@code reindex} verb does to the derived data: rebuild the search index from the
 * store and, with {@code --vectors}, recompute every paper's embedding. {@link App#reindexing()}
 * hands it out.
 */
public final class Reindexing {
    private final PaperStore papers;
    private final PaperIndex index;
    private final IndexSync indexSync;
    private final VectorStore vectors;
    private final SemanticModel semantic;
    private final VectorWorker worker;

    Reindexing(
            PaperStore papers,
            PaperIndex index,
            IndexSync indexSync,
            VectorStore vectors,
            SemanticModel semantic,
            VectorWorker worker) {
        this.papers = papers;
        this.index = index;
        this.indexSync = indexSync;
        this.vectors = vectors;
        this.semantic = semantic;
        this.worker = worker;
    }

    /** The embedding model: its state, and whether semantic search is switched on at all. */
    public SemanticModel semantic() {
        return semantic;
    }

    /**
     * Rebuilds the index from the store, first dropping the stored vectors when {@code withVectors}.
     * Opening the app rebuilt a damaged index already: then only a vector recompute rebuilds again.
     */
    public void rebuild(boolean withVectors, LongConsumer progress) {
        if (withVectors) vectors.deleteModel(semantic.modelId());
        if (withVectors || !index.replacedDamaged()) indexSync.rebuild(progress);
    }

    /** Papers in the library, removed ones excluded. */
    public int count() {
        return papers.count();
    }

    /** Papers still waiting for a vector from the current model. */
    public int pendingVectors() {
        return vectors.pendingCount(semantic.modelId());
    }

    /** The embedding worker: {@code reindex --vectors} drains it and reports its rate. */
    public VectorWorker worker() {
        return worker;
    }
}
