package dev.paperclub.search;

import dev.paperclub.store.VectorStore;
import dev.paperclub.store.VectorStore.Embedded;
import dev.paperclub.store.VectorStore.Pending;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills in vectors in the background: loads the model, then repeatedly takes a batch of
 * papers without a current vector, embeds them, saves the vectors in the store's cache and
 * re-indexes those papers (which picks the vectors up). Lexical search works throughout;
 * papers gain semantic ranking as their vectors land. Woken after every ingest.
 *
 * <p>Runs on the single-thread executor it is given (owned by the wiring). Nothing runs until
 * {@link #start()}: short-lived CLI verbs never pay for the model.
 */
public final class VectorWorker {
    private static final Logger log = LoggerFactory.getLogger(VectorWorker.class);
    /** Papers embedded, saved and committed together: a commit per batch, not per paper. */
    static final int BATCH = 128;
    /** Papers embedded at a time within a batch: at shutdown, all but the chunk in flight is kept. */
    static final int CHUNK = 16;

    private final SemanticModel model;
    private final VectorStore store;
    private final IndexSync sync;
    private final ExecutorService executor;
    private final AtomicBoolean started = new AtomicBoolean();
    /** A pass is queued and has not begun: further wake-ups are covered by it. */
    private final AtomicBoolean queued = new AtomicBoolean();

    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong embedNanos = new AtomicLong();
    private volatile Future<?> last;

    public VectorWorker(SemanticModel model, VectorStore store, IndexSync sync, ExecutorService executor) {
        this.model = model;
        this.store = store;
        this.sync = sync;
        this.executor = executor;
    }

    /** Starts background embedding (loading the model first); later {@link #wake()} calls queue passes. */
    public void start() {
        if (!model.enabled()) return;
        if (started.compareAndSet(false, true)) wake();
    }

    /** New or changed papers: queue a pass, unless one is already queued. No-op before {@link #start()}. */
    public void wake() {
        if (!started.get() || !queued.compareAndSet(false, true)) return;
        try {
            last = executor.submit(() -> {
                queued.set(false);
                pass();
            });
        } catch (RejectedExecutionException e) {
            queued.set(false); // shutting down
        }
    }

    /** Starts if needed and waits until every visible paper has a vector (or the model failed to load). For tests and reindex. */
    public void drain() throws InterruptedException {
        start();
        if (!model.enabled()) return;
        // A pass queued behind the current one covers everything ingested so far; wait for it.
        queued.set(false);
        wake();
        Future<?> f = last;
        if (f == null) return;
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
        }
        // drained means searchable: do not leave the new vectors to the next background refresh
        sync.refresh();
    }

    /** Papers embedded by this process and the mean rate, for stats. */
    public long embeddedCount() {
        return embedded.get();
    }

    public double papersPerSecond() {
        long n = embedNanos.get();
        return n == 0 ? 0 : embedded.get() / (n / 1e9);
    }

    private void pass() {
        Optional<Embedder> loaded = model.load();
        if (loaded.isEmpty()) return;
        Embedder embedder = loaded.get();
        String modelId = embedder.modelId();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Pending> batch = store.pending(modelId, BATCH);
                if (batch.isEmpty()) {
                    sync.vectorsCaughtUp();
                    return;
                }
                List<Embedded> out = embed(embedder, batch);
                // Saved even when interrupted (with the interrupt set aside, so the writes are not cut short):
                // a short session still keeps the vectors it paid for.
                boolean interrupted = Thread.interrupted();
                try {
                    if (!out.isEmpty()) {
                        List<String> saved = store.save(modelId, out);
                        embedded.addAndGet(out.size());
                        if (!saved.isEmpty()) sync.applyVectors(saved);
                    }
                } finally {
                    if (interrupted) Thread.currentThread().interrupt();
                }
                if (interrupted) {
                    log.info(
                            "Embedding paused for shutdown after {} papers this run; the rest continue at the next start",
                            embedded.get());
                    return;
                }
            }
        } catch (RuntimeException e) {
            // The next ingest or start retries; a closed index or database means we are shutting down.
            log.warn("Embedding papers stopped: {}", e.getMessage());
        }
    }

    /** Embeds {@code batch} {@value #CHUNK} papers at a time, stopping after the chunk in flight when interrupted. */
    private List<Embedded> embed(Embedder embedder, List<Pending> batch) {
        List<Embedded> out = new ArrayList<>(batch.size());
        for (int from = 0; from < batch.size() && !Thread.currentThread().isInterrupted(); from += CHUNK) {
            List<Pending> part = batch.subList(from, Math.min(batch.size(), from + CHUNK));
            long t0 = System.nanoTime();
            List<float[]> vectors;
            try {
                vectors = PaperVectors.embed(
                        embedder,
                        part.stream()
                                .map(p -> new String[] {p.title(), p.abstractText()})
                                .toList());
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) throw e;
                break; // shutting down: the caller keeps what is embedded
            }
            embedNanos.addAndGet(System.nanoTime() - t0);
            for (int i = 0; i < part.size(); i++) {
                Pending p = part.get(i);
                out.add(new Embedded(p.id(), p.seq(), p.text(), vectors.get(i)));
            }
        }
        return out;
    }
}
