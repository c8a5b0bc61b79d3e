package dev.paperclub.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the running bot counts, for {@code GET /metrics} (Prometheus text, written by the
 * Prometheus Java client): commands by name and outcome and their latency, the papers and open
 * votes in the store, feed fetches and posts with their failures, and (once served) the JVM's
 * own figures. Each {@link dev.paperclub.App} has its own registry, so two apps in one JVM (tests)
 * never add to each other's counts. Thread-safe; every method is cheap enough to call on a hot path.
 *
 * <p>Metric names (the contract the README's "Monitoring" lists): {@code paperclub_commands_total},
 * {@code paperclub_command_duration_seconds}, {@code paperclub_papers}, {@code paperclub_votes},
 * {@code paperclub_feed_fetches_total}, {@code paperclub_feed_fetch_failures_total},
 * {@code paperclub_posts_total}, {@code paperclub_post_failures_total}, and the client's {@code jvm_*}.
 */
public final class Metrics {
    private static final Logger log = LoggerFactory.getLogger(Metrics.class);

    /** How a command or a button press ended. */
    public enum Outcome {
        /** Answered as asked. */
        OK,
        /** A rule refused it: not a moderator, not a home server, or a {@code CommandRefusal}. */
        REFUSED,
        /** Understood but not done: bad input, an unknown paper (the member was told why). */
        FAILED,
        /** The member was asked to slow down. */
        RATE_LIMITED,
        /** Something went wrong on the bot's side (logged with a reference). */
        ERROR;

        /** The label value: lower case, as Prometheus labels usually are. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Feed sources and post kinds reported today; each shows 0 from the start rather than appearing later. */
    public static final String FEED_HF_DAILY = "hf-daily";

    public static final String POST_HIGHLIGHT = "highlight";
    public static final String POST_THREAD = "thread";
    public static final String POST_ANNOUNCEMENT = "announcement";
    /** Direct messages to members (their watches' matches). */
    public static final String POST_DIRECT = "direct_message";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AtomicBoolean jvm = new AtomicBoolean();
    private final Counter commands;
    private final Histogram latency;
    private final Counter feedFetches;
    private final Counter feedFailures;
    private final Counter posts;
    private final Counter postFailures;

    public Metrics() {
        commands = Counter.builder()
                .name("paperclub_commands_total")
                .help("Slash commands and button presses answered, by command and outcome")
                .labelNames("command", "outcome")
                .withoutExemplars()
                .register(registry);
        // Both the exposition's classic buckets and the finer native buckets (8 per doubling, about 9% wide)
        // that /admin stats reads its p50/p99 from (CommandLatency; 320 of them span 1 µs to 100 s at that width): one
        // record per command serves both.
        latency = Histogram.builder()
                .name("paperclub_command_duration_seconds")
                .help("Time to answer a slash command or a button press")
                .unit(Unit.SECONDS)
                .nativeInitialSchema(3)
                .nativeMaxNumberOfBuckets(320)
                .withoutExemplars()
                .register(registry);
        feedFetches = Counter.builder()
                .name("paperclub_feed_fetches_total")
                .help("Feed fetches attempted, by feed source")
                .labelNames("source")
                .withoutExemplars()
                .register(registry);
        feedFailures = Counter.builder()
                .name("paperclub_feed_fetch_failures_total")
                .help("Feed fetches that failed, by feed source")
                .labelNames("source")
                .withoutExemplars()
                .register(registry);
        posts = Counter.builder()
                .name("paperclub_posts_total")
                .help("Messages the bot sent outside a reply (highlights, their threads, announcements), by kind")
                .labelNames("kind")
                .withoutExemplars()
                .register(registry);
        postFailures = Counter.builder()
                .name("paperclub_post_failures_total")
                .help("Messages outside a reply that did not go out, by kind")
                .labelNames("kind")
                .withoutExemplars()
                .register(registry);
        feedSource(FEED_HF_DAILY);
        for (String kind : new String[] {POST_HIGHLIGHT, POST_THREAD, POST_ANNOUNCEMENT, POST_DIRECT}) postKind(kind);
    }

    /**
     * Makes a feed source's counters show 0 before its first fetch (a feed added later, such as
     * per-server arXiv feeds, calls this once at start).
     */
    public void feedSource(String source) {
        feedFetches.initLabelValues(source);
        feedFailures.initLabelValues(source);
    }

    /** Makes a post kind's counters show 0 before its first post (direct messages, say). */
    public void postKind(String kind) {
        posts.initLabelValues(kind);
        postFailures.initLabelValues(kind);
    }

    /** The papers and open votes in the store, read at each scrape ({@code counts} must be cheap). */
    public void storeGauges(IntSupplier papers, IntSupplier votes) {
        gauge("paperclub_papers", "Papers in the library (not removed)", papers);
        gauge("paperclub_votes", "Open votes in the current cycles of every server", votes);
    }

    private void gauge(String name, String help, IntSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(cb -> {
                    try {
                        cb.call(value.getAsInt());
                    } catch (RuntimeException e) {
                        // no sample rather than a failed scrape: /healthz says why the store does not answer
                        log.warn("Could not read {} for /metrics: {}", name, e.getMessage());
                    }
                })
                .register(registry);
    }

    /** The JVM's figures (memory, GC, threads, classes, CPU): added once, when the metrics are first served. */
    public void includeJvm() {
        if (jvm.compareAndSet(false, true)) JvmMetrics.builder().register(registry);
    }

    /** A command or button press answered: {@code command} is a bounded name (never user input). */
    public void command(String command, Outcome outcome, long nanos) {
        commands.labelValues(command, outcome.label()).inc();
        latency.observe(nanos / 1e9);
    }

    /** A feed fetch ended; {@code ok} false when it failed (the feed logs why). */
    public void feedFetched(String source, boolean ok) {
        feedFetches.labelValues(source).inc();
        if (!ok) feedFailures.labelValues(source).inc();
    }

    /** A message outside a reply was sent ({@code ok}) or failed; {@code kind} as in {@link #POST_HIGHLIGHT}. */
    public void posted(String kind, boolean ok) {
        posts.labelValues(kind).inc();
        if (!ok) postFailures.labelValues(kind).inc();
    }

    /** The command latency, for {@code /admin stats}: the same histogram {@code /metrics} exposes. */
    public CommandLatency latency() {
        return new CommandLatency(latency);
    }

    /** Writes every metric in the Prometheus text format (version 0.0.4). */
    public void writeText(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }

    /** The content type of {@link #writeText}. */
    public static String textContentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
