package dev.paperclub.session;

import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.ChannelGateway.PostException;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.Reply;
import dev.paperclub.highlight.HighlightService;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.SessionStore;
import dev.paperclub.store.SessionStore.Session;
import dev.paperclub.util.PeriodicRoutine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each session's reminder in its server's highlights channel {@code sessions.reminder-minutes}
 * before the start, once: the ledger ({@code session_reminders}) holds one row per session and
 * start time, claimed before the post and given back if the post fails. Starts are instants, so a
 * reminder is the same real time ahead across a DST change. A reminder that fell due while the bot
 * was down is posted at the next tick if the session has not begun; once it has begun the reminder
 * is recorded as skipped and never posted (a reminder after the start would mislead). A new time
 * is reminded again; a canceled session is not.
 */
public final class SessionReminders extends PeriodicRoutine<List<String>> {
    private static final Logger log = LoggerFactory.getLogger(SessionReminders.class);
    public static final Duration TICK = Duration.ofSeconds(30);
    /** After a failed post, wait this long before trying that reminder again (a refused post must not repeat all day). */
    static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    private final SessionStore store;
    private final SessionService sessions;
    private final PaperStore papers;
    private final HighlightService highlights;
    private final ChannelGateway gateway;
    private final Clock clock;
    private final Duration before;
    private final Map<Long, Instant> retryAt = new ConcurrentHashMap<>();

    public SessionReminders(
            SessionStore store,
            SessionService sessions,
            PaperStore papers,
            HighlightService highlights,
            ChannelGateway gateway,
            Clock clock,
            ScheduledExecutorService executor,
            Duration before) {
        super(log, "Session reminders", executor, TICK);
        this.store = store;
        this.sessions = sessions;
        this.papers = papers;
        this.highlights = highlights;
        this.gateway = gateway;
        this.clock = clock;
        this.before = before;
    }

    /** Posts the reminders due now; returns the ids of the channels posted in, one per reminder, for tests and logs. */
    @Override
    public List<String> tick() {
        if (before.isZero()) return List.of();
        Instant now = clock.instant();
        List<String> posted = new ArrayList<>();
        for (Session s : store.remindersDue(now, before)) {
            if (!s.startsAt().isAfter(now)) {
                if (store.claimReminder(s, "skipped", now))
                    log.info(
                            "Session {} in server {} began at {} before its reminder could be posted; not posting it late",
                            s.id(),
                            s.guildId(),
                            s.startsAt());
                continue;
            }
            Instant retry = retryAt.get(s.id());
            if (retry != null && now.isBefore(retry)) continue;
            String channel = highlights.schedule(s.guildId()).channelId();
            if (channel == null) continue; // posted once a channel is set, if still before the start
            if (!store.claimReminder(s, "posted", now)) continue;
            try {
                gateway.post(channel, message(s, now));
                retryAt.remove(s.id());
                posted.add(channel);
            } catch (PostException | RuntimeException e) {
                store.releaseReminder(s);
                retryAt.put(s.id(), now.plus(RETRY_AFTER));
                log.warn(
                        "Reminder of session {} in server {} could not be posted in {}: {}; trying again after {}",
                        s.id(),
                        s.guildId(),
                        channel,
                        e.getMessage(),
                        RETRY_AFTER);
            }
        }
        return posted;
    }

    private Reply message(Session s, Instant now) {
        String title =
                papers.findAnyPaper(s.paperId()).map(PaperCards::boldTitle).orElse("`" + s.paperId() + "`");
        long minutes =
                Math.max(1, Duration.between(now, s.startsAt()).plusSeconds(30).toMinutes());
        String in = minutes >= 120 && minutes % 60 == 0
                ? PaperCards.plural(minutes / 60, "hour")
                : PaperCards.plural(minutes, "minute");
        return Reply.text("⏰ **Reminder:** the reading session on " + title + " starts in " + in + " — "
                + sessions.describe(s) + ".");
    }
}
