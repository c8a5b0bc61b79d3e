package dev.paperclub.feed;

import dev.paperclub.ingest.IngestReport;
import dev.paperclub.util.PeriodicRoutine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the feeds on their schedule. Every {@link #TICK} it reads the injected clock and asks
 * each feed whether its fetch is due; the feed decides "due and not yet fetched today" itself
 * and remembers its last fetch, so a bot started late the same day fetches once and a restart
 * does not fetch again. A feed that fails is logged and tried again on a later tick; nothing
 * that goes wrong stops the scheduler. The executor belongs to the wiring.
 */
public final class FeedScheduler extends PeriodicRoutine<List<IngestReport>> {
    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);
    public static final Duration TICK = Duration.ofSeconds(30);

    private final HfDailyFeed hfDaily;
    private final Clock clock;

    public FeedScheduler(HfDailyFeed hfDaily, Clock clock, ScheduledExecutorService executor) {
        super(log, "Feed scheduler", executor, TICK);
        this.hfDaily = hfDaily;
        this.clock = clock;
    }

    /** One pass over the feeds; returns the reports of the fetches that ran and succeeded (for tests and logs). */
    @Override
    public List<IngestReport> tick() {
        Instant now = clock.instant();
        try {
            return hfDaily.runIfDue(now).stream().toList();
        } catch (RuntimeException e) {
            log.warn("HF daily feed failed: {}", e.toString());
            return List.of();
        }
    }
}
