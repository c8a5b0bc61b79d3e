package dev.paperclub.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding model as the rest of the bot sees it: maybe disabled by configuration, maybe
 * still loading, maybe unable to load (no native library for this platform, a damaged
 * model) — in every case but "ready" search is lexical, and a failed load is said once, in
 * one log line. Query vectors are cached by text.
 */
public final class SemanticModel {
    private static final Logger log = LoggerFactory.getLogger(SemanticModel.class);

    /** Where the model is. */
    public enum State {
        DISABLED,
        NOT_LOADED,
        READY,
        FAILED
    }

    private final Embedder.Factory factory;
    private final boolean enabled;
    private final Cache<String, float[]> queryVectors =
            Caffeine.newBuilder().maximumSize(2_000).recordStats().build();
    private volatile Embedder embedder;
    private volatile State state;
    private volatile String failure = "";
    private volatile boolean closing;

    public SemanticModel(Embedder.Factory factory, boolean enabled) {
        this.factory = factory;
        this.enabled = enabled;
        this.state = enabled ? State.NOT_LOADED : State.DISABLED;
    }

    /** Semantic search switched off: everything lexical, nothing loaded. */
    public static SemanticModel disabled() {
        return new SemanticModel(
                new Embedder.Factory() {
                    @Override
                    public String modelId() {
                        return "";
                    }

                    @Override
                    public Embedder load() {
                        throw new IllegalStateException("disabled");
                    }
                },
                false);
    }

    /** A model that is already loaded (tests, evaluation). */
    public static SemanticModel of(Embedder embedder) {
        SemanticModel m = new SemanticModel(
                new Embedder.Factory() {
                    @Override
                    public String modelId() {
                        return embedder.modelId();
                    }

                    @Override
                    public Embedder load() {
                        return embedder;
                    }
                },
                true);
        m.embedder = embedder;
        m.state = State.READY;
        return m;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The configured model's id (empty when disabled). */
    public String modelId() {
        return enabled ? factory.modelId() : "";
    }

    public State state() {
        return state;
    }

    /**
     * Loads the model if it is enabled and not yet tried; blocks meanwhile (a few seconds).
     * A failure is logged once and leaves the bot lexical.
     */
    public synchronized Optional<Embedder> load() {
        if (state == State.NOT_LOADED) {
            long t0 = System.nanoTime();
            try {
                embedder = factory.load();
                state = State.READY;
                log.info(
                        "Semantic search ready: embedding model {} loaded in {} ms",
                        factory.modelId(),
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception | LinkageError e) {
                if (closing || Thread.currentThread().isInterrupted() || interrupted(e)) {
                    // Shut down while loading: not a broken model, and nothing to tell the operator.
                    log.debug("Loading the embedding model was interrupted: {}", e.toString());
                    return Optional.empty();
                }
                // UnsatisfiedLinkError (no native library for this platform), ExceptionInInitializerError, a bad model
                // file…
                Throwable shown = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
                failure = shown.getClass().getSimpleName()
                        + (shown.getMessage() == null ? "" : ": " + firstLine(shown.getMessage()));
                state = State.FAILED;
                log.warn(
                        "Semantic search is off, searching by keywords only: the embedding model {} could not be loaded ({})",
                        factory.modelId(),
                        failure);
            }
        }
        return Optional.ofNullable(state == State.READY ? embedder : null);
    }

    /** The app is shutting down: a load cut short now is not a broken model. */
    public void close() {
        closing = true;
    }

    /** Frees the model's native session; call once nothing embeds any more (after {@link #close()}). */
    public synchronized void release() {
        Embedder e = embedder;
        if (state != State.READY || !(e instanceof AutoCloseable c)) return;
        state = State.FAILED;
        failure = "closed";
        embedder = null;
        try {
            c.close();
        } catch (Exception ex) {
            log.debug("Closing the embedding model: {}", ex.toString());
        }
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof java.io.InterruptedIOException
                    || t instanceof java.nio.channels.ClosedByInterruptException) return true;
            // the native libraries register shutdown hooks while loading: during JVM shutdown that fails
            if (t instanceof IllegalStateException
                    && String.valueOf(t.getMessage()).contains("Shutdown in progress")) return true;
        }
        return false;
    }

    /** The loaded model, without waiting for a load in progress. */
    public Optional<Embedder> embedder() {
        return Optional.ofNullable(state == State.READY ? embedder : null);
    }

    /** Whether {@link #embedQuery} would give {@code text} a vector now (the model is loaded, the text not blank). */
    public boolean canEmbed(String text) {
        return state == State.READY && text != null && !text.isBlank();
    }

    /** The query's vector when the model is ready; empty otherwise (and for blank text). */
    public Optional<float[]> embedQuery(String text) {
        Embedder e = embedder; // release() may clear it meanwhile
        if (!canEmbed(text) || e == null) return Optional.empty();
        return Optional.of(queryVectors.get(text.strip(), e::embed));
    }

    /** Figures for stats: the state, why it failed, cache hit rate. */
    public Map<String, Object> stats() {
        return Map.of(
                "state",
                state.name().toLowerCase(java.util.Locale.ROOT) + (failure.isEmpty() ? "" : " (" + failure + ")"),
                "query_cache_hit_rate",
                queryVectors.stats().hitRate());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
