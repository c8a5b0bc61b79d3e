package dev.paperclub.highlight;

import dev.paperclub.highlight.HighlightChannel.Entry;
import dev.paperclub.highlight.HighlightChannel.Post;
import dev.paperclub.highlight.HighlightChannel.PostFailure;
import dev.paperclub.highlight.HighlightRanker.Pick;
import dev.paperclub.paper.Paper;
import dev.paperclub.store.AuditStore;
import dev.paperclub.store.GuildSettings;
import dev.paperclub.store.GuildSettingsStore;
import dev.paperclub.store.HighlightStore;
import dev.paperclub.store.HighlightStore.Failure;
import dev.paperclub.store.HighlightStore.Highlighted;
import dev.paperclub.summary.SummaryService;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's daily highlights: what the next post would hold ({@link #preview}) and the post
 * itself ({@link #post}). The day is claimed in the ledger before anything is sent, so two
 * posters (the scheduler and a moderator) can never both post on one local day; a post that
 * fails gives the day back so a later attempt can succeed.
 *
 * <p>Posting is checked before it is tried (the bot's permissions in the channel), and every
 * failure is recorded with its reason (shown in {@code /highlights} and {@code /admin schedule},
 * audited) so the scheduler can back off from it ({@link #nextAttempt}). A paper Discord refuses
 * is left out of the post and of the server's later picks; the others still go out.
 */
public final class HighlightService {
    private static final Logger log = LoggerFactory.getLogger(HighlightService.class);

    /** The configured defaults a server's own settings override. */
    public record Defaults(LocalTime time, ZoneId zone, int count, boolean threads) {}

    /** A server's effective schedule; {@code channelId} is null until one is set. */
    public record Schedule(
            String guildId,
            String channelId,
            LocalTime time,
            ZoneId zone,
            int count,
            boolean enabled,
            List<String> keywords) {
        public Schedule {
            keywords = List.copyOf(keywords);
        }

        /** "09:00 Europe/Berlin, 3 papers". */
        public String describe() {
            return time + " " + zone.getId() + ", " + count + (count == 1 ? " paper" : " papers");
        }
    }

    /** What the next post would hold, or why there would be none. */
    public record Preview(
            Schedule schedule,
            LocalDate day,
            boolean postedToday,
            Instant nextPost,
            List<Pick> picks,
            List<String> problems) {
        public Preview {
            picks = List.copyOf(picks);
            problems = List.copyOf(problems);
        }
    }

    /** How a post attempt ended. */
    public enum Outcome {
        POSTED,
        ALREADY_POSTED,
        NOTHING_NEW,
        NO_CHANNEL,
        FAILED
    }

    /** The result of {@link #post}; {@code message} is a sentence for logs and moderators. */
    public record PostResult(Outcome outcome, String message, LocalDate day, List<Pick> picks, String messageId) {
        public PostResult {
            picks = List.copyOf(picks);
        }
    }

    /** The first retry after a failed post; each failure in a row waits four times longer, up to {@link #MAX_RETRY}. */
    public static final Duration FIRST_RETRY = Duration.ofMinutes(5);
    /**
     * The longest wait: a post that keeps failing is tried about three times a day once the waits
     * have grown (Discord temporarily bans bots that make many refused requests).
     */
    public static final Duration MAX_RETRY = Duration.ofHours(8);

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_HOUR = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final HighlightStore store;
    private final HighlightRanker ranker;
    private final GuildSettingsStore settings;
    private final SummaryService summaries;
    private final HighlightChannel channel;
    private final Defaults defaults;
    private final AuditStore audit;
    private final Clock clock;

    public HighlightService(
            HighlightStore store,
            HighlightRanker ranker,
            GuildSettingsStore settings,
            SummaryService summaries,
            HighlightChannel channel,
            Defaults defaults,
            AuditStore audit,
            Clock clock) {
        this.store = store;
        this.ranker = ranker;
        this.settings = settings;
        this.summaries = summaries;
        this.channel = channel;
        this.defaults = defaults;
        this.audit = audit;
        this.clock = clock;
    }

    public Defaults defaults() {
        return defaults;
    }

    /** The server's settings over the configured defaults. */
    public Schedule schedule(String guildId) {
        return schedule(settings.get(guildId));
    }

    public Schedule schedule(GuildSettings g) {
        LocalTime time = defaults.time();
        if (g.postTime() != null) {
            try {
                time = LocalTime.parse(g.postTime());
            } catch (DateTimeException e) {
                log.warn("Server {} has an unreadable post time '{}'; using {}", g.guildId(), g.postTime(), time);
            }
        }
        ZoneId zone = defaults.zone();
        if (g.timezone() != null) {
            try {
                zone = ZoneId.of(g.timezone());
            } catch (DateTimeException e) {
                log.warn("Server {} has an unknown time zone '{}'; using {}", g.guildId(), g.timezone(), zone);
            }
        }
        int count = g.count() == null ? defaults.count() : Math.max(1, Math.min(10, g.count()));
        boolean enabled = g.enabled() == null || g.enabled();
        return new Schedule(
                g.guildId(), g.channelId(), time, zone, count, enabled, HighlightRanker.keywords(g.keywords()));
    }

    /**
     * When a post for local {@code day} at {@code time} is due. A time that the zone skips
     * (spring forward) is due at the first valid instant after the gap; a time that occurs
     * twice (fall back) is due at its first occurrence, and the ledger stops the second.
     */
    public static Instant dueAt(LocalDate day, LocalTime time, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(day, time);
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    /** The server's local date now. */
    public LocalDate today(Schedule s) {
        return clock.instant().atZone(s.zone()).toLocalDate();
    }

    public Preview preview(String guildId) {
        Schedule s = schedule(guildId);
        Instant now = clock.instant();
        LocalDate day = now.atZone(s.zone()).toLocalDate();
        boolean postedToday = postedOn(guildId, day);
        Instant todayDue = dueAt(day, s.time(), s.zone());
        Instant next =
                postedToday ? dueAt(day.plusDays(1), s.time(), s.zone()) : (now.isBefore(todayDue) ? todayDue : now);
        List<Pick> picks = ranker.rank(guildId, s.keywords(), s.count(), day);
        List<String> problems = new ArrayList<>();
        failureLine(s).ifPresent(problems::add);
        if (s.channelId() == null)
            problems.add("No highlights channel is set: a moderator can choose one with `/admin channel`.");
        if (!s.enabled())
            problems.add("The daily schedule is off: a moderator can turn it on with `/admin schedule enabled:true`.");
        if (picks.isEmpty()) {
            problems.add("All caught up: every paper in the library has been highlighted or read here. "
                    + "New papers arrive with `/admin ingest`" + " or the daily feed.");
        }
        return new Preview(s, day, postedToday, next, picks, problems);
    }

    /** Whether the server's highlights for {@code day} (its local day) were posted. */
    public boolean postedOn(String guildId, LocalDate day) {
        return store.post(guildId, day).isPresent();
    }

    /** When the scheduler may try again after the server's last failed post; empty when the last attempt did not fail. */
    public Optional<Instant> retryNotBefore(String guildId) {
        return store.failure(guildId).map(HighlightService::nextAttempt);
    }

    /** Forgets the server's failed attempts and their backoff (a new channel starts afresh). */
    public void clearFailure(String guildId) {
        store.clearFailure(guildId);
    }

    /** When the scheduler may try again after {@code f}: {@link #FIRST_RETRY}, then four times longer each time. */
    public static Instant nextAttempt(Failure f) {
        Duration wait = FIRST_RETRY;
        for (int i = 1; i < f.attempts() && wait.compareTo(MAX_RETRY) < 0; i++) wait = wait.multipliedBy(4);
        return f.failedAt().plus(wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait);
    }

    /**
     * "Last post failed 09:00: missing Embed Links in #papers. Next try 09:20 (UTC)…" while the
     * server's last attempt failed (a successful post or a new channel clears it).
     */
    public Optional<String> failureLine(Schedule s) {
        Optional<Failure> f = store.failure(s.guildId());
        if (f.isEmpty()) return Optional.empty();
        LocalDate today = today(s);
        String line = "Last post failed " + when(f.get().failedAt(), s.zone(), today) + ": "
                + f.get().reason() + ".";
        if (s.channelId() != null && s.enabled()) {
            line += " Next try " + when(nextAttempt(f.get()), s.zone(), today) + " ("
                    + s.zone().getId() + "); a moderator can fix it"
                    + " and post at once with `/admin post-highlights`, or choose another channel with `/admin channel`.";
        }
        return Optional.of(line);
    }

    private static String when(Instant t, ZoneId zone, LocalDate today) {
        ZonedDateTime local = t.atZone(zone);
        return (local.toLocalDate().equals(today) ? HOUR : DAY_HOUR).format(local);
    }

    /** Posts today's highlights (the server's local day) unless that day already has a post. */
    public PostResult post(String guildId, String reason) {
        Schedule s = schedule(guildId);
        return post(s, today(s), reason);
    }

    /** Posts the highlights for local {@code day}; never throws for a failed post, says so in the result. */
    public PostResult post(Schedule s, LocalDate day, String reason) {
        String guildId = s.guildId();
        if (s.channelId() == null) {
            return new PostResult(
                    Outcome.NO_CHANNEL,
                    "No highlights channel is set; choose one with `/admin channel`.",
                    day,
                    List.of(),
                    null);
        }
        if (postedOn(guildId, day)) {
            return already(s, day);
        }
        List<Pick> picks = ranker.rank(guildId, s.keywords(), s.count(), day);
        if (picks.isEmpty()) {
            log.info("Highlights for server {} on {}: nothing new to post ({})", guildId, day, reason);
            return new PostResult(
                    Outcome.NOTHING_NEW,
                    "Nothing new to highlight: every paper has been highlighted or read here.",
                    day,
                    List.of(),
                    null);
        }
        Optional<String> problem = channel.problem(s.channelId(), defaults.threads());
        if (problem.isPresent()) {
            // checked from the bot's cache: no request is made, so nothing counts toward Discord's invalid-request
            // limit
            return failed(
                    s,
                    day,
                    reason,
                    problem.get(),
                    "Grant my role the missing permissions in the channel's settings, "
                            + "or choose another channel with `/admin channel`.");
        }
        if (!store.claim(guildId, day, s.channelId(), clock.instant())) {
            return already(s, day);
        }
        List<Pick> sent = new ArrayList<>();
        List<Pick> refused = new ArrayList<>();
        String firstMessage = null;
        try {
            if (defaults.threads()) {
                for (int i = 0; i < picks.size(); i++) {
                    Pick p = picks.get(i);
                    String id;
                    try {
                        id = channel.post(s.channelId(), post(List.of(p), day, i, picks.size()));
                    } catch (PostFailure e) {
                        if (e.rejectedEntries().isEmpty()) throw e;
                        refuse(guildId, p, e);
                        refused.add(p);
                        continue;
                    }
                    if (firstMessage == null) firstMessage = id;
                    sent.add(p);
                    try {
                        channel.openThread(s.channelId(), id, p.paper().title());
                    } catch (PostFailure e) {
                        log.warn(
                                "Highlights for server {}: the post went out but no thread could be opened: {}",
                                guildId,
                                e.getMessage());
                    }
                }
            } else {
                // a card Discord refuses is left out and the rest posted again, until a post goes out or no card is
                // left
                List<Pick> remaining = new ArrayList<>(picks);
                while (firstMessage == null && !remaining.isEmpty()) {
                    try {
                        firstMessage = channel.post(s.channelId(), post(remaining, day, 0, remaining.size()));
                        sent.addAll(remaining);
                    } catch (PostFailure e) {
                        List<Pick> bad = e.rejectedEntries().stream()
                                .filter(i -> i < remaining.size())
                                .map(remaining::get)
                                .toList();
                        if (bad.isEmpty()) throw e;
                        for (Pick p : bad) refuse(guildId, p, e);
                        refused.addAll(bad);
                        remaining.removeAll(bad);
                    }
                }
            }
        } catch (PostFailure | RuntimeException e) {
            if (sent.isEmpty()) {
                store.release(guildId, day);
                return failed(
                        s, day, reason, e.getMessage(), "Check the channel exists and I may send messages there.");
            }
            // part of a threaded post went out: keep the day so members don't see the same papers twice
            log.warn(
                    "Highlights for server {} on {}: {} of {} posted before a failure: {}",
                    guildId,
                    day,
                    sent.size(),
                    picks.size(),
                    e.getMessage());
        }
        if (sent.isEmpty()) {
            store.release(guildId, day);
            return failed(
                    s,
                    day,
                    reason,
                    "Discord refused every paper picked (" + refused.size() + "); they are left out of "
                            + "later picks",
                    "The next attempt picks other papers.");
        }
        store.recordPost(
                guildId,
                day,
                firstMessage,
                sent.stream()
                        .map(p -> new Highlighted(p.paper().id(), dev.paperclub.command.Echo.plain(p.why())))
                        .toList());
        store.clearFailure(guildId);
        log.info(
                "Posted {} highlights for server {} on {} in channel {} ({})",
                sent.size(),
                guildId,
                day,
                s.channelId(),
                reason);
        String left = refused.isEmpty()
                ? ""
                : " " + refused.size() + (refused.size() == 1 ? " paper was" : " papers were")
                        + " left out because Discord refused " + (refused.size() == 1 ? "its card" : "their cards")
                        + " (see `/admin audit`).";
        return new PostResult(
                Outcome.POSTED,
                "Posted " + sent.size() + (sent.size() == 1 ? " highlight" : " highlights") + " in <#" + s.channelId()
                        + ">." + left,
                day,
                sent,
                firstMessage);
    }

    /** A failed attempt: recorded for the backoff and for moderators ({@code /highlights}, the audit log). */
    private PostResult failed(Schedule s, LocalDate day, String reason, String problem, String advice) {
        Instant now = clock.instant();
        int attempts = store.recordFailure(s.guildId(), now, problem);
        audit.record(
                s.guildId(),
                AuditStore.SYSTEM_USER,
                "highlights post",
                s.channelId(),
                "failed",
                problem + " (" + reason + ", attempt " + attempts + ")",
                now);
        Instant next = nextAttempt(new Failure(now, problem, attempts));
        log.warn(
                "Highlights for server {} on {} could not be posted in channel {} ({}): {}; attempt {}, next after {}",
                s.guildId(),
                day,
                s.channelId(),
                reason,
                problem,
                attempts,
                next);
        return new PostResult(
                Outcome.FAILED,
                "Couldn't post in <#" + s.channelId() + ">: " + problem + ". " + advice,
                day,
                List.of(),
                null);
    }

    /** Discord refused this paper's card: the post goes on without it, and later picks leave it out until it changes. */
    private void refuse(String guildId, Pick p, PostFailure e) {
        Instant now = clock.instant();
        store.recordRejected(guildId, p.paper().id(), now, e.getMessage());
        audit.record(
                guildId,
                AuditStore.SYSTEM_USER,
                "highlight left out",
                p.paper().id(),
                "failed",
                "Discord refused this paper's card: " + e.getMessage(),
                now);
        log.warn(
                "Highlights for server {}: Discord refused the card of {} ({}); posting the others",
                guildId,
                p.paper().id(),
                e.getMessage());
    }

    private PostResult already(Schedule s, LocalDate day) {
        return new PostResult(
                Outcome.ALREADY_POSTED,
                "Today's highlights (" + day + ", " + s.zone().getId()
                        + ") are already posted; there is at most one post a day. `/highlights` previews the next one.",
                day,
                List.of(),
                null);
    }

    /** What one message holds: the picks with their TL;DRs, the command layer renders it. */
    private Post post(List<Pick> picks, LocalDate day, int firstIndex, int total) {
        return new Post(picks.stream().map(p -> new Entry(p, tldr(p.paper()))).toList(), day, firstIndex, total);
    }

    private Optional<String> tldr(Paper p) {
        if (p.abstractText().isBlank()) return Optional.empty();
        try {
            return Optional.of(
                    summaries.summarize(p.id(), p.title(), p.abstractText()).tldr());
        } catch (RuntimeException e) {
            // a summary is a nicety here; the post goes out without it
            log.debug("No TL;DR for {}: {}", p.id(), e.toString());
            return Optional.empty();
        }
    }
}
