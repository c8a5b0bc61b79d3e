package dev.paperclub.session;

import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.ChannelGateway.EventException;
import dev.paperclub.command.ChannelGateway.EventSpec;
import dev.paperclub.command.ChannelGateway.Place;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.Echo;
import dev.paperclub.highlight.HighlightService;
import dev.paperclub.paper.Paper;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.SessionStore;
import dev.paperclub.store.SessionStore.Session;
import dev.paperclub.summary.SummaryService;
import dev.paperclub.util.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading sessions: a pick opens one; moderators set or change its time, presenter and place, or
 * cancel it. Where the bot may (Manage Events), a Discord scheduled event follows the session:
 * created when the session has a time, edited with it, canceled with it. Times are typed as local
 * times in the server's highlights time zone.
 */
public final class SessionService {
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    /** How long a scheduled event lasts: Discord needs an end for events outside a voice or stage channel. */
    public static final Duration EVENT_LENGTH = Duration.ofHours(1);

    static final int NAME_CHARS = 100;
    static final int DESCRIPTION_CHARS = 1000;
    static final int LOCATION_CHARS = 100;
    static final String NO_PLACE = "Place to be announced";

    private static final DateTimeFormatter WHEN_INPUT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter WHEN_SHOWN =
            DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ROOT);
    private static final Pattern CHANNEL_MENTION = Pattern.compile("<#(\\d{1,20})>");
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d{1,20})>");
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{15,20}");

    private final SessionStore store;
    private final PaperStore papers;
    private final HighlightService highlights;
    private final SummaryService summaries;
    private final ChannelGateway gateway;
    private final Clock clock;

    public SessionService(
            SessionStore store,
            PaperStore papers,
            HighlightService highlights,
            SummaryService summaries,
            ChannelGateway gateway,
            Clock clock) {
        this.store = store;
        this.papers = papers;
        this.highlights = highlights;
        this.summaries = summaries;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** What a moderator typed for a session, checked: a time, a presenter, a place (each may be absent). */
    public record Details(
            Optional<Instant> when, Optional<String> presenter, Optional<String> place, boolean channel) {}

    /** The server's time zone for sessions: its highlights time zone. */
    public ZoneId zone(String guildId) {
        return highlights.schedule(guildId).zone();
    }

    /**
     * Checks the options {@code when}, {@code presenter} and {@code where} before anything changes:
     * a malformed time, one in the past, or one the zone skips is a clear error.
     */
    public Details details(String guildId, Optional<String> when, Optional<String> presenter, Optional<String> where) {
        Optional<Instant> at = when.map(w -> parseWhen(w, zone(guildId), clock.instant()));
        Optional<String> who = presenter.map(SessionService::presenter);
        Optional<String> place = Optional.empty();
        boolean channel = false;
        if (where.isPresent()) {
            String w = where.get().strip();
            Matcher m = CHANNEL_MENTION.matcher(w);
            if (m.matches() || SNOWFLAKE.matcher(w).matches()) {
                place = Optional.of(m.matches() ? m.group(1) : w);
                channel = true;
            } else {
                if (w.length() > LOCATION_CHARS)
                    throw new CommandException("`where` is at most " + LOCATION_CHARS
                            + " characters (Discord's limit for an event's place).");
                place = Optional.of(w);
            }
        }
        return new Details(at, who, place, channel);
    }

    /** A local {@code YYYY-MM-DD HH:MM} in {@code zone} as an instant; refuses bad, skipped or past times. */
    static Instant parseWhen(String typed, ZoneId zone, Instant now) {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(typed.strip(), WHEN_INPUT);
        } catch (DateTimeParseException e) {
            throw new CommandException(
                    "`when` must be a date and time like `2026-12-03 18:30` (YYYY-MM-DD HH:MM, 24-hour, " + zone.getId()
                            + "), not `" + Texts.cut(typed.strip(), 40) + "`.");
        }
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(local);
            throw new CommandException("`" + WHEN_INPUT.format(local) + "` does not exist in " + zone.getId()
                    + ": the clocks jump from " + gap.getDateTimeBefore().toLocalTime() + " to "
                    + gap.getDateTimeAfter().toLocalTime() + " that night. Pick another time.");
        }
        Instant at = ZonedDateTime.ofLocal(local, zone, null).toInstant();
        if (!at.isAfter(now)) {
            throw new CommandException("`when` (" + WHEN_INPUT.format(local) + " " + zone.getId()
                    + ") is in the past; it is now " + WHEN_INPUT.format(now.atZone(zone)) + " there.");
        }
        // the event ends EVENT_LENGTH after it starts, and Discord wants both within five years
        if (at.plus(EVENT_LENGTH).isAfter(now.atZone(zone).plusYears(5).toInstant())) {
            throw new CommandException("`when` must be within five years (Discord's limit for scheduled events).");
        }
        return at;
    }

    /** A user id from Discord (or a mention), or a name typed at the console ({@code presenter:alice}). */
    static String presenter(String typed) {
        String t = typed.strip();
        Matcher m = USER_MENTION.matcher(t);
        if (m.matches()) return m.group(1);
        if (t.startsWith("@")) t = t.substring(1).strip();
        if (t.isEmpty() || t.length() > 100) throw new CommandException("`presenter` must be a member of this server.");
        return t;
    }

    /** What happened to a session's Discord event, in a sentence for the moderator. */
    public record Opened(Session session, String eventNote) {}

    /** Opens the session for a pick and, with Manage Events and a time, its Discord event. */
    public Opened open(String guildId, String paperId, int votes, Details d, String userId) {
        Session s = store.open(
                guildId,
                paperId,
                votes,
                d.when().orElse(null),
                d.presenter().orElse(null),
                d.place().orElse(null),
                d.channel(),
                userId,
                clock.instant());
        return new Opened(s, syncEvent(s));
    }

    public Optional<Session> upcoming(String guildId) {
        return store.upcoming(guildId, clock.instant());
    }

    /** Applies the given changes to the upcoming session and its event; returns it and what happened to the event. */
    public Opened edit(Session s, Details d) {
        Session changed = new Session(
                s.id(),
                s.guildId(),
                s.paperId(),
                s.votes(),
                d.when().orElse(s.startsAt()),
                d.presenter().orElse(s.presenter()),
                d.place().orElse(s.place()),
                d.place().isPresent() ? d.channel() : s.channelPlace(),
                s.eventId(),
                s.canceledAt(),
                s.closedAt(),
                s.createdAt());
        store.update(changed);
        return new Opened(changed, syncEvent(changed));
    }

    /** Cancels the session and its Discord event; returns what happened to the event. */
    public String cancel(Session s) {
        store.cancel(s.id(), clock.instant());
        CompletableFuture<String> pending = creating.get(s.id());
        if (s.eventId() == null && pending != null) {
            // the event is still being created: cancel it once Discord has it
            pending.thenAccept(id -> gateway.cancelEvent(s.guildId(), id).whenComplete((v, e) -> warn(s, e)));
            return "I've asked Discord to cancel its event as soon as it is created.";
        }
        if (s.eventId() == null) return "";
        Optional<String> problem = gateway.eventProblem(s.guildId(), null, false);
        if (problem.isPresent()) return "Its Discord event stays: " + problem.get() + "; cancel it in Discord.";
        gateway.cancelEvent(s.guildId(), s.eventId()).whenComplete((v, e) -> warn(s, e));
        return "I've asked Discord to cancel its event.";
    }

    /**
     * Creates or updates the session's Discord event where the bot may; says what it did, or why
     * not ("I lack the Manage Events permission…"). The session stands either way.
     */
    private String syncEvent(Session s) {
        if (s.startsAt() == null) {
            return s.eventId() == null
                    ? "No Discord event yet: give `when` with `/admin session` to schedule one."
                    : "";
        }
        EventSpec spec = spec(s);
        Optional<String> problem = gateway.eventProblem(s.guildId(), spec.channelId(), s.eventId() == null);
        if (problem.isPresent()) {
            return (s.eventId() == null ? "No Discord event: " : "Its Discord event was not changed: ")
                    + problem.get() + ". The session is kept"
                    + (problem.get().startsWith("I lack")
                            ? "; once I have it, any `/admin session` change brings the event in step."
                            : ".");
        }
        if (s.eventId() != null) {
            gateway.updateEvent(s.guildId(), s.eventId(), spec).whenComplete((v, e) -> {
                warn(s, e);
                // deleted in Discord: forget it, so the next change schedules a new one
                if (EventException.eventGone(e)) store.setEventId(s.id(), null);
            });
            return "I've asked Discord to update its event.";
        }
        CompletableFuture<String> pending = creating.get(s.id());
        if (pending != null) {
            // a change while Discord is still creating the event: update that one once it exists, never make another
            pending.thenAccept(id -> store.find(s.id())
                    .filter(now -> !now.canceled() && now.startsAt() != null)
                    .ifPresent(now ->
                            gateway.updateEvent(s.guildId(), id, spec(now)).whenComplete((v, e) -> warn(s, e))));
            return "I've asked Discord to update its event as soon as it is created.";
        }
        CompletableFuture<String> created = gateway.createEvent(s.guildId(), spec);
        creating.put(s.id(), created);
        created.whenComplete((id, e) -> {
            warn(s, e);
            if (e == null) store.setEventId(s.id(), id);
            creating.remove(s.id(), created);
        });
        return "I've asked Discord to schedule an event for it (under the server's Events).";
    }

    /** Logs what Discord refused for the session's event; the session stands either way. */
    private static void warn(Session s, Throwable e) {
        if (e != null) log.warn("Session {} in server {}: {}", s.id(), s.guildId(), e.getMessage());
    }

    /** Events Discord is creating, by session: a change meanwhile updates that event instead of making a second. */
    private final java.util.Map<Long, CompletableFuture<String>> creating =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The scheduled event for a session with a time: title, link and TL;DR, start and end, place. */
    EventSpec spec(Session s) {
        Optional<Paper> paper = papers.findAnyPaper(s.paperId());
        String title = paper.map(Paper::title).orElse(s.paperId());
        List<String> lines = new ArrayList<>();
        paper.flatMap(Paper::link).filter(u -> u.startsWith("http")).ifPresent(lines::add);
        paper.ifPresent(p -> {
            try {
                lines.add("TL;DR: "
                        + summaries
                                .summarize(p.id(), p.title(), p.abstractText())
                                .tldr());
            } catch (RuntimeException e) { // a paper the summarizer cannot read still gets its event
                log.debug("No TL;DR for {}: {}", p.id(), e.toString());
            }
        });
        if (lines.isEmpty()) lines.add(title);
        String channelId = null;
        String location = s.place() == null ? NO_PLACE : s.place();
        if (s.channelPlace() && s.place() != null) {
            Optional<Place> place = gateway.place(s.guildId(), s.place());
            if (place.isPresent() && place.get().kind() != Place.Kind.OTHER) channelId = s.place();
            else location = place.map(p -> "#" + p.name()).orElse("Discord channel " + s.place());
        }
        return new EventSpec(
                Texts.cut(title, NAME_CHARS),
                Texts.cut(String.join("\n\n", lines), DESCRIPTION_CHARS),
                s.startsAt(),
                s.startsAt().plus(EVENT_LENGTH),
                channelId,
                channelId == null ? Texts.cut(location, LOCATION_CHARS) : null);
    }

    /** "Tue 1 Dec 2026, 18:00 (Europe/Berlin) · presented by @alice · in #voice-room", for replies and lists. */
    public String describe(Session s) {
        return describe(s, zone(s.guildId()));
    }

    /** {@link #describe(Session)} in a zone the caller has already read (a list reads it once, not per entry). */
    public String describe(Session s, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        if (s.startsAt() != null) parts.add(when(s.startsAt(), zone));
        else parts.add(s.closed() ? "no time was set" : "time to be announced");
        if (s.presenter() != null) parts.add("presented by " + presenterShown(s.presenter()));
        if (s.place() != null) parts.add(s.channelPlace() ? "in <#" + s.place() + ">" : "at " + Echo.of(s.place()));
        return String.join(" · ", parts);
    }

    public static String when(Instant at, ZoneId zone) {
        return WHEN_SHOWN.format(at.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** A user id as a mention (which never pings: replies and posts allow no mentions), a console name as itself. */
    static String presenterShown(String presenter) {
        return SNOWFLAKE.matcher(presenter).matches() ? "<@" + presenter + ">" : "@" + Echo.of(presenter);
    }
}
