package dev.paperclub.feed;

import dev.paperclub.highlight.HighlightService;
import dev.paperclub.highlight.HighlightService.Schedule;
import dev.paperclub.ingest.Arrivals;
import dev.paperclub.ingest.Arrivals.Arrival;
import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.IngestReport;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.ingest.UrlFetcher;
import dev.paperclub.store.FeedStore;
import dev.paperclub.store.FeedStore.Feed;
import dev.paperclub.store.FeedStore.Fetched;
import dev.paperclub.store.HighlightStore.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches servers' feeds into the shared library and hands each server its arrivals.
 *
 * <p>A fetch goes through the normal ingest as one input (formats, merge rules, all or nothing).
 * Feeds with the same source and search are one <em>stream</em>: what a fetch of the stream
 * brings that the stream has not brought before is an arrival of every server subscribed to
 * it (an HF daily fetch serves every server that subscribes to hf-daily), kept as a candidate
 * for that server's highlights (its feed's keywords filter it there) and announced through
 * {@link Arrivals} once per server when the fetch added or changed papers. Nothing is posted
 * by a fetch itself, so a day without announcements (arXiv's weekends) makes no empty post.
 *
 * <p>The schedule: a feed is due once per highlights day, {@code feeds.lead-minutes} before the
 * server's highlights time in the server's zone ({@link #dueDay}); the day is written in the
 * feed's ledger when done, so a restart does not fetch again and a bot that was down fetches
 * once when it comes back. A fetch that finds nothing new is tried once more later that day
 * (arXiv's index lags its announcements); a failed fetch records its error and is retried
 * after a growing wait ({@link HighlightService#nextAttempt}), never holding up anything else.
 * Every fetch, scheduled or asked for, ends in {@link #complete}.
 */
public final class FeedService {
    private static final Logger log = LoggerFactory.getLogger(FeedService.class);
    public static final String ARXIV = "arxiv";
    public static final String HF_DAILY = "hf-daily";
    /** The stream of every hf-daily feed (it has no query). */
    static final String HF_STREAM = HF_DAILY + ":";
    /** An hf-daily fetch this recent serves a server's due hf-daily feed instead of a new download. */
    static final Duration HF_REUSE = Duration.ofHours(6);

    /** How one feed's fetch ended. */
    public enum Kind {
        ADDED,
        UPDATED,
        UNCHANGED,
        FAILED
    }

    /**
     * One feed's fetch.
     *
     * @param fresh papers new to this feed's stream (its server's arrivals)
     * @param note why paging stopped, or why nothing was fetched, in words
     * @param reused no request was made: the HF daily papers another server's feed (or the global
     *     HF daily fetch) fetched less than {@link #HF_REUSE} ago served it
     */
    public record Outcome(
            Feed feed,
            Kind kind,
            int added,
            int updated,
            int unchanged,
            int fresh,
            String note,
            String error,
            Instant at,
            Duration took,
            boolean reused) {
        /** "12 added, 3 updated, 40 unchanged (7 new to this feed; …)" or "failed: why". */
        public String describe() {
            if (kind == Kind.FAILED) return "failed: " + error;
            return added + " added, " + updated + " updated, " + unchanged + " unchanged (" + fresh
                    + " new to this feed" + (note == null ? "" : "; " + note) + ")";
        }
    }

    /** The configured parts a fetch needs. */
    public record Settings(Duration lead, String hfDailyUrl) {}

    private final FeedStore store;
    private final ArxivClient arxiv;
    private final UrlFetcher fetcher;
    private final IngestService ingest;
    private final HighlightService highlights;
    private final Settings settings;
    private final Clock clock;
    private volatile Arrivals arrivals = Arrivals.NONE;
    private volatile Consumer<Outcome> completed = o -> {};
    /** One fetch at a time: the scheduler and a moderator never fetch the same stream at once. */
    private final ReentrantLock fetching = new ReentrantLock(true);

    private volatile Instant hfFetchedAt = Instant.MIN;

    public FeedService(
            FeedStore store,
            ArxivClient arxiv,
            UrlFetcher fetcher,
            IngestService ingest,
            HighlightService highlights,
            Settings settings,
            Clock clock) {
        this.store = store;
        this.arxiv = arxiv;
        this.fetcher = fetcher;
        this.ingest = ingest;
        this.highlights = highlights;
        this.settings = settings;
        this.clock = clock;
    }

    /** Who hears of the papers a fetch brought (watches); set once by the wiring. */
    public void arrivals(Arrivals a) {
        arrivals = a;
    }

    /** Told of every finished fetch, ok or failed (metrics); set once by the wiring. */
    public void onComplete(Consumer<Outcome> listener) {
        completed = listener;
    }

    public FeedStore store() {
        return store;
    }

    public Duration lead() {
        return settings.lead();
    }

    /** When a feed of the server with schedule {@code s} is due on highlights day {@code day}: lead-minutes before its post. */
    private Instant fetchAt(Schedule s, LocalDate day) {
        return HighlightService.dueAt(day, s.time(), s.zone()).minus(settings.lead());
    }

    /**
     * The highlights day whose fetch is due at {@code now}: the latest of yesterday, today and
     * tomorrow (in the server's zone) whose fetch time has come, and not before the feed existed.
     */
    public Optional<LocalDate> dueDay(Feed feed, Instant now) {
        return dueDay(feed, now, highlights.schedule(feed.guildId()));
    }

    /** {@link #dueDay(Feed, Instant)} with the server's schedule read once by the caller. */
    private Optional<LocalDate> dueDay(Feed feed, Instant now, Schedule s) {
        LocalDate today = now.atZone(s.zone()).toLocalDate();
        for (LocalDate d = today.plusDays(1); !d.isBefore(today.minusDays(1)); d = d.minusDays(1)) {
            Instant at = fetchAt(s, d);
            if (!at.isAfter(now) && !at.isBefore(feed.createdAt())) return Optional.of(d);
        }
        return Optional.empty();
    }

    /** Whether the scheduler should fetch {@code feed} now; the day it fetches for. */
    public Optional<LocalDate> due(Feed feed, Instant now) {
        return due(feed, now, highlights.schedule(feed.guildId()));
    }

    private Optional<LocalDate> due(Feed feed, Instant now, Schedule s) {
        if (feed.retryAt() != null && now.isBefore(feed.retryAt())) return Optional.empty();
        return dueDay(feed, now, s)
                .filter(d -> feed.fetchedDay() == null || feed.fetchedDay().isBefore(d));
    }

    /** When the feed will next be fetched (now, when it is due). */
    public Instant nextFetch(Feed feed, Instant now) {
        Schedule s = highlights.schedule(feed.guildId());
        if (due(feed, now, s).isPresent()) return now;
        if (feed.retryAt() != null && now.isBefore(feed.retryAt())) return feed.retryAt();
        LocalDate today = now.atZone(s.zone()).toLocalDate();
        for (LocalDate d = today.minusDays(1); ; d = d.plusDays(1)) {
            Instant at = fetchAt(s, d);
            if (at.isAfter(now) && !at.isBefore(feed.createdAt())) return at;
        }
    }

    /** Fetches every feed of the server now (a moderator's {@code /admin feed fetch}). */
    public List<Outcome> fetchGuild(String guildId) {
        List<Outcome> out = new ArrayList<>();
        for (Feed f : store.feeds(guildId)) out.add(fetch(f, false));
        return out;
    }

    /**
     * Fetches {@code feed} now. Scheduled ({@code scheduled}): a fetch that found nothing new is
     * tried once more later that day before the day counts as done. Asked for: a fetch that found
     * something after the day's fetch time counts as that day's, so the scheduler does not repeat it.
     */
    public Outcome fetch(Feed feed, boolean scheduled) {
        fetching.lock();
        try {
            Instant now = clock.instant();
            Optional<LocalDate> day = dueDay(feed, now);
            try {
                Outcome o = feed.source().equals(ARXIV) ? fetchArxiv(feed, now) : fetchHf(feed, now);
                LocalDate done = null;
                LocalDate nothingNew = null;
                Instant retry = null;
                if (day.isPresent()) {
                    if (o.fresh() > 0 || !scheduled || day.get().equals(feed.nothingNewDay())) {
                        done = day.get();
                    } else {
                        nothingNew = day.get();
                        retry = now.plus(lagRetry());
                    }
                }
                store.recordFetched(
                        feed.id(),
                        new Fetched(now, o.added(), o.updated(), o.unchanged(), o.fresh()),
                        done,
                        nothingNew,
                        retry);
                return complete(o);
            } catch (IngestException | RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                Instant retry = HighlightService.nextAttempt(new Failure(now, why, feed.failures() + 1));
                store.recordFailure(feed.id(), now, why, retry);
                return complete(new Outcome(
                        feed, Kind.FAILED, 0, 0, 0, 0, null, why, now, Duration.between(now, clock.instant()), false));
            }
        } finally {
            fetching.unlock();
        }
    }

    /** Nothing new: look once more halfway to the highlights (at least 10 minutes later). */
    private Duration lagRetry() {
        Duration half = settings.lead().dividedBy(2);
        return half.compareTo(Duration.ofMinutes(10)) < 0 ? Duration.ofMinutes(10) : half;
    }

    /** The one place a fetch ends, ok or failed: logged, and told to the listener (metrics). */
    private Outcome complete(Outcome o) {
        if (o.kind() == Kind.FAILED) {
            log.warn(
                    "Feed {} of server {} failed: {}",
                    o.feed().label(),
                    o.feed().guildId(),
                    o.error());
        } else {
            log.info("Feed {} of server {}: {}", o.feed().label(), o.feed().guildId(), o.describe());
        }
        try {
            completed.accept(o);
        } catch (RuntimeException e) {
            log.warn("The feed completion listener failed: {}", e.toString());
        }
        return o;
    }

    private Outcome fetchArxiv(Feed feed, Instant now) throws IngestException {
        String stream = feed.stream();
        ArxivClient.Result r = arxiv.fetch(feed.search(), ids -> store.seen(stream, ArxivClient.arxivIds(ids)));
        if (r.ids().isEmpty()) {
            return new Outcome(
                    feed,
                    Kind.UNCHANGED,
                    0,
                    0,
                    0,
                    0,
                    r.why(),
                    null,
                    now,
                    Duration.between(now, clock.instant()),
                    false);
        }
        IngestReport report = ingest.ingest(IngestInput.ofBytes(source(feed), r.atom()), IngestOptions.DEFAULT);
        List<String> ids = ArxivClient.arxivIds(r.ids());
        Set<String> fresh = new LinkedHashSet<>(ids);
        fresh.removeAll(store.seen(stream, ids));
        List<String> paperIds = store.paperIdsOfArxiv(fresh);
        distribute(stream, ids, paperIds, report, source(feed), now);
        return outcome(feed, report, paperIds.size(), r.why(), now);
    }

    private Outcome fetchHf(Feed feed, Instant now) throws IngestException {
        if (Duration.between(hfFetchedAt, now).compareTo(HF_REUSE) < 0) {
            return new Outcome(
                    feed,
                    Kind.UNCHANGED,
                    0,
                    0,
                    0,
                    0,
                    "the HF daily papers were fetched for every subscribed server less than " + HF_REUSE.toHours()
                            + " hours ago",
                    null,
                    now,
                    Duration.ZERO,
                    true);
        }
        IngestReport report = ingest.ingest(fetcher.fetch(settings.hfDailyUrl()), IngestOptions.DEFAULT);
        int fresh = hfArrived(report, now);
        return outcome(feed, report, fresh, null, now);
    }

    /**
     * Hands the papers of an HF daily fetch (this service's, or the global {@code feeds.hf-daily}
     * one) to every server subscribed to hf-daily; returns how many were new to the stream.
     */
    public int hfArrived(IngestReport report, Instant now) {
        hfFetchedAt = now;
        Set<String> ids = new LinkedHashSet<>(report.addedIds());
        ids.addAll(report.updatedIds());
        Set<String> fresh = new LinkedHashSet<>(ids);
        fresh.removeAll(store.seen(HF_STREAM, ids));
        distribute(HF_STREAM, ids, List.copyOf(fresh), report, "feed " + HF_DAILY, now);
        return fresh.size();
    }

    private void distribute(
            String stream,
            java.util.Collection<String> itemIds,
            List<String> fresh,
            IngestReport report,
            String source,
            Instant now) {
        List<Feed> subscribers = store.subscribers(stream);
        store.recordArrivals(stream, itemIds, subscribers.stream().map(Feed::id).toList(), fresh, now);
        if (report.added() + report.updated() == 0) return;
        Set<String> guilds = new LinkedHashSet<>();
        for (Feed f : subscribers) guilds.add(f.guildId());
        for (String g : guilds) {
            try {
                arrivals.arrived(new Arrival(source, g, report.addedIds(), report.updatedIds()));
            } catch (RuntimeException e) {
                log.warn("Telling of the arrivals of {} in server {} failed: {}", source, g, e.toString());
            }
        }
    }

    private Outcome outcome(Feed feed, IngestReport report, int fresh, String note, Instant now) {
        Kind kind = report.added() > 0 ? Kind.ADDED : report.updated() > 0 ? Kind.UPDATED : Kind.UNCHANGED;
        return new Outcome(
                feed,
                kind,
                report.added(),
                report.updated(),
                report.unchanged(),
                fresh,
                note,
                null,
                now,
                Duration.between(now, clock.instant()),
                false);
    }

    /** "feed arxiv cat:cs.CL": the ingest's source name and the arrival's. */
    private static String source(Feed feed) {
        return "feed " + feed.label();
    }
}
