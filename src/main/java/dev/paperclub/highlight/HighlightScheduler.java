package dev.paperclub.highlight;

import dev.paperclub.highlight.HighlightService.PostResult;
import dev.paperclub.highlight.HighlightService.Schedule;
import dev.paperclub.store.GuildSettings;
import dev.paperclub.store.GuildSettingsStore;
import dev.paperclub.util.PeriodicRoutine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each server's daily highlights on time. Every {@link #TICK} it looks at each server
 * with a channel and an enabled schedule, computes the local date and the post instant in the
 * server's zone from the injected clock, and posts when that instant has passed and the day
 * is not in the ledger yet. Because the decision is "due and not yet posted today" rather
 * than "the clock just crossed the time", a bot started late the same day still posts once,
 * a time skipped by spring-forward posts at the first valid instant, and a time repeated by
 * fall-back posts once. A failed post is recorded with its attempts, and the next attempt waits
 * {@link HighlightService#nextAttempt} (5 min, then four times longer each time, at most 8 h);
 * an unexpected error waits {@code retryBackoff}. Nothing that goes wrong for one server stops
 * the others or the scheduler. It only posts: the feeds that bring papers run on their own
 * schedule ({@code feed.FeedScheduler}).
 */
public final class HighlightScheduler extends PeriodicRoutine<List<PostResult>> {
    private static final Logger log = LoggerFactory.getLogger(HighlightScheduler.class);
    public static final Duration TICK = Duration.ofSeconds(30);
    /** Nothing new to post: look again later in the day (an ingest may bring papers). */
    static final Duration NOTHING_NEW_BACKOFF = Duration.ofMinutes(30);

    private final HighlightService service;
    private final GuildSettingsStore settings;
    private final Clock clock;
    private final Duration retryBackoff;
    private final Map<String, Instant> retryAt = new ConcurrentHashMap<>();

    public HighlightScheduler(
            HighlightService service,
            GuildSettingsStore settings,
            Clock clock,
            ScheduledExecutorService executor,
            Duration retryBackoff) {
        super(log, "Highlights scheduler", executor, TICK);
        this.service = service;
        this.settings = settings;
        this.clock = clock;
        this.retryBackoff = retryBackoff;
    }

    /** One pass over every server; returns the posts attempted (for tests and logs). */
    @Override
    public List<PostResult> tick() {
        Instant now = clock.instant();
        List<GuildSettings> all;
        try {
            all = settings.all();
        } catch (RuntimeException e) {
            log.error("Highlights scheduler cannot read server settings: {}", e.toString());
            return List.of();
        }
        List<PostResult> results = new java.util.ArrayList<>();
        for (GuildSettings g : all) {
            try {
                PostResult r = tick(g, now);
                if (r != null) results.add(r);
            } catch (RuntimeException e) {
                retryAt.put(g.guildId(), now.plus(retryBackoff));
                log.error("Highlights for server {} failed; retrying after {}", g.guildId(), retryBackoff, e);
            }
        }
        return results;
    }

    private PostResult tick(GuildSettings g, Instant now) {
        if (g.channelId() == null) return null;
        Schedule s = service.schedule(g);
        if (!s.enabled()) return null;
        LocalDate day = now.atZone(s.zone()).toLocalDate();
        if (now.isBefore(HighlightService.dueAt(day, s.time(), s.zone()))) return null;
        Instant wait = retryAt.get(g.guildId());
        if (wait != null && now.isBefore(wait)) return null;
        if (service.postedOn(g.guildId(), day)) return null;
        // failures back off from the recorded attempts, so a restart does not reset the wait
        Optional<Instant> retry = service.retryNotBefore(g.guildId());
        if (retry.isPresent() && now.isBefore(retry.get())) return null;
        PostResult r = service.post(s, day, "scheduled");
        switch (r.outcome()) {
            case POSTED, ALREADY_POSTED, NO_CHANNEL, FAILED -> retryAt.remove(g.guildId());
            case NOTHING_NEW -> retryAt.put(g.guildId(), now.plus(NOTHING_NEW_BACKOFF));
            default -> throw new IllegalStateException("unexpected outcome " + r.outcome());
        }
        return r;
    }
}
