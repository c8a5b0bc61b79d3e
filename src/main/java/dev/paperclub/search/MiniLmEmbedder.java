package dev.paperclub.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.paperclub.util.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * all-MiniLM-L6-v2 (8-bit quantized, 384 dimensions) run in process by ONNX Runtime; the
 * model and its tokenizer ship inside a Maven artifact, so nothing is downloaded. Its
 * tokenizer reads the first 128 word pieces of a text.
 *
 * <p>The ONNX session is ours rather than LangChain4j's default one: one intra-op thread and
 * no spin-waiting, so a query embedding costs one core for a few milliseconds and never
 * leaves threads spinning after it. Throughput comes from running {@code threads} texts at
 * once on the one (thread-safe) session instead.
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {

    /** Changing the model or how papers are cut into windows changes this id: stored vectors are keyed on it. */
    public static final String MODEL_ID = "all-minilm-l6-v2-q8/" + PaperVectors.SCHEME;

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final OrtSession session;
    private final Encoder model;
    private final int threads;
    /** Runs {@code threads} texts at once for {@link #embedAll}; null: one at a time on the caller. */
    private final ExecutorService pool;
    /** Whether {@link #close()} shuts {@link #pool} down (a pool handed in belongs to the caller). */
    private final boolean ownsPool;

    private MiniLmEmbedder(int threads, ExecutorService pool, boolean ownsPool) throws OrtException, IOException {
        this.threads = threads;
        this.pool = threads <= 1 ? null : pool;
        this.ownsPool = ownsPool;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(resource(MODEL), options);
        }
        try (InputStream tokenizer = MiniLmEmbedder.class.getResourceAsStream(TOKENIZER)) {
            if (tokenizer == null) throw new IOException(TOKENIZER + " is missing from the jar");
            this.model = new Encoder(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN));
        }
    }

    /**
     * The factory App wires in.
     *
     * @param threads texts embedded at once by {@link #embedAll} (each on one core); queries
     *                always run on the caller's thread
     * @param pool    where those texts run (at least {@code threads} threads; unused when
     *                {@code threads} is 1), owned and shut down by the caller
     */
    public static Embedder.Factory factory(int threads, ExecutorService pool) {
        if (threads < 1) throw new IllegalArgumentException("threads must be positive");
        return factory(() -> new MiniLmEmbedder(threads, pool, false));
    }

    /** All of the machine's cores, on a pool of its own that {@link #close()} shuts down: batch work (evaluation, benchmarks). */
    public static Embedder.Factory factory() {
        int threads = Runtime.getRuntime().availableProcessors();
        return factory(() -> new MiniLmEmbedder(threads, threads <= 1 ? null : pool(threads), true));
    }

    /** Low-priority daemon threads for batch embedding, so that answering members comes first. */
    public static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(
                threads, DaemonThreads.lowPriority(DaemonThreads.numbered("paperclub-embed")));
    }

    private interface Loader {
        MiniLmEmbedder load() throws OrtException, IOException;
    }

    private static Embedder.Factory factory(Loader loader) {
        return new Embedder.Factory() {
            @Override
            public String modelId() {
                return MODEL_ID;
            }

            @Override
            public Embedder load() throws Exception {
                MiniLmEmbedder e = loader.load();
                e.embed("warm up"); // loads the tokenizer's native library now, not in the first user's query
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
        return model.embed(TextSegment.from(text.isBlank() ? "." : text))
                .content()
                .vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (pool == null || texts.size() < 2) return embedSequentially(texts);
        int chunk = (texts.size() + threads - 1) / threads;
        List<Future<List<float[]>>> parts = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += chunk) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + chunk));
            parts.add(pool.submit(() -> embedSequentially(part)));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        try {
            for (Future<List<float[]>> f : parts) out.addAll(f.get());
        } catch (InterruptedException e) {
            parts.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("embedding interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return out;
    }

    private List<float[]> embedSequentially(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            if (Thread.currentThread().isInterrupted()) throw new IllegalStateException("embedding interrupted");
            out.add(embed(t));
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        if (pool != null && ownsPool) pool.shutdownNow();
        session.close();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MiniLmEmbedder.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException(name + " is missing from the jar");
            return in.readAllBytes();
        }
    }

    /** LangChain4j's tokenization, pooling and normalization over our session, one text per call. */
    private static final class Encoder extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Encoder(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }
}
