package dev.paperclub.feed;

import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.IngestReport;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.ingest.UrlFetcher;
import dev.paperclub.metrics.Metrics;
import dev.paperclub.store.MetaStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional daily fetch of the Hugging Face daily papers API ({@code feeds.hf-daily.*}):
 * once a local day (in {@code highlights.timezone}) at or after {@code feeds.hf-daily.time},
 * through the same guarded {@link UrlFetcher} and {@link IngestService} as any URL. The date
 * of the last successful fetch is kept in the store, so a restart does not fetch again; a
 * failed fetch is retried after a backoff. {@link FeedScheduler} runs it on its schedule, and
 * each successful fetch serves the servers subscribed to hf-daily ({@link FeedService#hfArrived}).
 */
public final class HfDailyFeed {
    private static final Logger log = LoggerFactory.getLogger(HfDailyFeed.class);
    static final String LAST_FETCH = "feeds.hf-daily.last-fetch";

    /** The feed's configuration. */
    public record Settings(boolean enabled, String url, LocalTime time, ZoneId zone) {}

    private final Settings settings;
    private final UrlFetcher fetcher;
    private final IngestService ingest;
    private final MetaStore meta;
    private final Duration retryBackoff;
    private final Metrics metrics;
    /** Told of each successful fetch: the servers subscribed to hf-daily take their arrivals from it. */
    private final BiConsumer<IngestReport, Instant> fetched;

    private volatile Instant retryAt = Instant.MIN;

    public HfDailyFeed(
            Settings settings,
            UrlFetcher fetcher,
            IngestService ingest,
            MetaStore meta,
            Duration retryBackoff,
            Metrics metrics,
            BiConsumer<IngestReport, Instant> fetched) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.ingest = ingest;
        this.meta = meta;
        this.retryBackoff = retryBackoff;
        this.metrics = metrics;
        this.fetched = fetched;
    }

    /** The local date of the last successful fetch, if any. */
    public Optional<LocalDate> lastFetch() {
        return meta.get(LAST_FETCH).map(LocalDate::parse);
    }

    /** Fetches and ingests when today's fetch is due; the report when it ran and succeeded. */
    public synchronized Optional<IngestReport> runIfDue(Instant now) {
        if (!settings.enabled() || now.isBefore(retryAt)) return Optional.empty();
        ZonedDateTime local = now.atZone(settings.zone());
        LocalDate today = local.toLocalDate();
        if (local.toLocalTime().isBefore(settings.time())) return Optional.empty();
        if (lastFetch().filter(d -> !d.isBefore(today)).isPresent()) return Optional.empty();
        boolean ok = false;
        try {
            IngestReport report = ingest.ingest(fetcher.fetch(settings.url()), IngestOptions.DEFAULT);
            meta.put(LAST_FETCH, today.toString());
            retryAt = Instant.MIN;
            ok = true;
            log.info("HF daily feed for {}: {}", today, report.summaryLine());
            fetched.accept(report, now);
            return Optional.of(report);
        } catch (IngestException e) {
            retryAt = now.plus(retryBackoff);
            log.warn("HF daily feed fetch failed, retrying after {}: {}", retryAt, e.getMessage());
            return Optional.empty();
        } finally {
            // a store failure (thrown on to the scheduler, which logs it) is a failed fetch too
            metrics.feedFetched(Metrics.FEED_HF_DAILY, ok);
        }
    }
}
