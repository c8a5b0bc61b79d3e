package dev.paperclub.util;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The schedulers' lifecycle (highlights, feeds): {@link #tick()} run every {@code period} on an
 * executor that belongs to the wiring, started once, stopped by {@link #close()} (which leaves
 * the executor running), and kept alive when a tick throws, since a scheduled task that throws
 * is never run again. Logs through the scheduler's logger as {@code what}.
 *
 * @param <R> what one tick returns (for tests and logs)
 */
public abstract class PeriodicRoutine<R> implements AutoCloseable {
    private final Logger log;
    private final String what;
    private final ScheduledExecutorService executor;
    private final Duration period;
    private ScheduledFuture<?> future;

    protected PeriodicRoutine(Logger log, String what, ScheduledExecutorService executor, Duration period) {
        this.log = log;
        this.what = what;
        this.executor = executor;
        this.period = period;
    }

    /** One pass, run on the executor once started; tests call it directly with a hand-moved clock. */
    public abstract R tick();

    /** Starts ticking (idempotent); the first tick comes after {@code initialDelay}. */
    public synchronized void start(Duration initialDelay) {
        if (future != null) return;
        future = executor.scheduleWithFixedDelay(
                this::tickSafely, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        log.info("{} started (a tick every {} s)", what, period.toSeconds());
    }

    /** Starts ticking; the first tick comes after 5 s. */
    public void start() {
        start(Duration.ofSeconds(5));
    }

    public synchronized boolean running() {
        return future != null && !future.isDone();
    }

    /** Stops the ticks; the executor belongs to the wiring. */
    @Override
    public synchronized void close() {
        if (future != null) {
            future.cancel(false);
            future = null;
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (Exception | LinkageError | AssertionError e) {
            // a scheduled task that throws is never run again: swallow, log, keep ticking
            log.error("{} tick failed; continuing", what, e);
        }
    }
}
