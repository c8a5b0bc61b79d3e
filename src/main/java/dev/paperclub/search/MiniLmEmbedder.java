package dev.paperclub.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (8-bit quantized, 384 dimensions) run in process by ONNX Runtime through
 * LangChain4j; the model and its tokenizer ship inside a Maven artifact, so nothing is
 * downloaded. Its tokenizer reads the first 128 word pieces of a text. About 23 MB on disk,
 * ~96 MB of heap once loaded.
 */
public final class MiniLmEmbedder implements Embedder {

    /** Changing the model (or how passages are built) must change this id: stored vectors are keyed on it. */
    public static final String MODEL_ID = "all-minilm-l6-v2-q8";

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    private MiniLmEmbedder() {
        // Runs on the caller's thread: the caller's executor is the only thread pool (ONNX Runtime parallelizes inside).
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    }

    /** The factory App wires in. */
    public static Embedder.Factory factory() {
        return new Embedder.Factory() {
            @Override
            public String modelId() {
                return MODEL_ID;
            }

            @Override
            public Embedder load() {
                MiniLmEmbedder e = new MiniLmEmbedder();
                e.embed("warm up"); // loads the native libraries now, not in the first user's query
                return e;
            }
        };
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) segments.add(TextSegment.from(t.isBlank() ? "." : t));
        List<Embedding> out = model.embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(out.size());
        for (Embedding e : out) vectors.add(e.vector());
        return vectors;
    }
}
