package dev.paperclub.feed;

import dev.paperclub.ingest.IngestReport;
import dev.paperclub.store.FeedStore.Feed;
import dev.paperclub.util.PeriodicRoutine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the feeds on their schedule. Every {@link #TICK} it reads the injected clock and
 * fetches each server feed that is due ({@link FeedService#due}: once per highlights day,
 * {@code feeds.lead-minutes} before the server's highlights, from a ledger in the store, so a
 * bot started late fetches once and a restart does not fetch again), then the global HF daily
 * feed, which decides "due and not yet fetched today" itself. A feed that fails records its
 * error and waits its backoff; nothing that goes wrong for one feed stops the others or the
 * scheduler. The executor belongs to the wiring.
 */
public final class FeedScheduler extends PeriodicRoutine<FeedScheduler.Pass> {
    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);
    public static final Duration TICK = Duration.ofSeconds(30);

    /** What one tick fetched: the server feeds' fetches that ran, and the global HF daily fetch when it ran and worked. */
    public record Pass(List<FeedService.Outcome> feeds, List<IngestReport> hfDaily) {}

    private final FeedService feeds;
    private final HfDailyFeed hfDaily;
    private final Clock clock;

    public FeedScheduler(FeedService feeds, HfDailyFeed hfDaily, Clock clock, ScheduledExecutorService executor) {
        super(log, "Feed scheduler", executor, TICK);
        this.feeds = feeds;
        this.hfDaily = hfDaily;
        this.clock = clock;
    }

    /** One pass over the feeds (for tests and logs: what ran). */
    @Override
    public Pass tick() {
        List<FeedService.Outcome> out = new ArrayList<>();
        List<Feed> all;
        try {
            all = feeds.store().all();
        } catch (RuntimeException e) {
            log.error("Feed scheduler cannot read the feeds: {}", e.toString());
            all = List.of();
        }
        for (Feed f : all) {
            try {
                if (feeds.due(f, clock.instant()).isPresent()) out.add(feeds.fetch(f, true));
            } catch (RuntimeException e) {
                log.error("Feed {} of server {} could not be scheduled", f.label(), f.guildId(), e);
            }
        }
        List<IngestReport> hf = List.of();
        try {
            hf = hfDaily.runIfDue(clock.instant()).stream().toList();
        } catch (RuntimeException e) {
            log.warn("HF daily feed failed: {}", e.toString());
        }
        return new Pass(out, hf);
    }
}
