package dev.paperclub.search;

import java.util.List;

/** A sentence-embedding model: text in, unit-length vector out. Implementations are thread-safe. */
public interface Embedder {

    /** Identifies the model's weights: vectors of different ids never meet in one index. */
    String modelId();

    int dimension();

    float[] embed(String text);

    /** One vector per text, in order; batching is the implementation's business. */
    List<float[]> embedAll(List<String> texts);

    /** Builds an {@link Embedder}; loading may fail (missing native library, damaged model). */
    interface Factory {
        /** Known without loading the model, so the index can check its vectors at start. */
        String modelId();

        Embedder load() throws Exception;
    }
}
