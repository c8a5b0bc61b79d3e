package dev.paperclub.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.TestApps;
import dev.paperclub.feed.ArxivDouble.Answer;
import dev.paperclub.feed.ArxivDouble.Hit;
import dev.paperclub.feed.FeedService.Kind;
import dev.paperclub.feed.FeedService.Outcome;
import dev.paperclub.ingest.Arrivals.Arrival;
import dev.paperclub.metrics.Scrapes;
import dev.paperclub.store.FeedStore.Feed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arXiv client and feed fetches against a local arXiv API double serving recorded answers. */
final class FeedFetchTest {
    static final List<String> ALL = List.of("2606.13677", "2606.13591", "2606.13568", "2606.13515", "2606.13501");

    @TempDir
    Path dir;

    ArxivDouble arxiv;
    App app;
    final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        arxiv = new ArxivDouble();
    }

    @AfterEach
    void close() {
        if (app != null) app.close();
        arxiv.close();
    }

    App app(String... keyValues) {
        var c = arxiv.config(TestApps.config(dir.resolve("data")));
        for (int i = 0; i < keyValues.length; i += 2) c = c.with(keyValues[i], keyValues[i + 1]);
        app = App.open(c, new MutableClock(TestApps.NOW));
        app.feeds().arrivals(arrivals::add);
        return app;
    }

    Feed feed(String guild, String query) {
        return app.feedStore()
                .add(guild, "arxiv", query, ArxivQuery.search(query), null, "900", TestApps.NOW)
                .orElseThrow();
    }

    Feed current(Feed f) {
        return app.feedStore().find(f.guildId(), f.id()).orElseThrow();
    }

    @Test
    void pagesNewestFirstUntilPapersSeenBeforeAndTellsEachSubscribedServerOnce() throws Exception {
        app();
        Feed f = feed("g1", "cs.LG");
        Feed other = feed("g2", "cs.lg"); // the same stream in another server
        Outcome first = app.feeds().fetch(f, false);
        assertEquals(Kind.ADDED, first.kind(), first.describe());
        assertEquals(5, first.added());
        assertEquals(5, first.fresh());
        List<Hit> hits = arxiv.hits();
        assertEquals(3, hits.size(), "three pages of two, the last one short");
        for (int i = 0; i < 3; i++) {
            Hit h = hits.get(i);
            assertEquals("cat:cs.LG", h.param("search_query"));
            assertEquals("submittedDate", h.param("sortBy"));
            assertEquals("descending", h.param("sortOrder"));
            assertEquals(String.valueOf(2 * i), h.param("start"));
            assertEquals("2", h.param("max_results"));
            assertTrue(
                    h.userAgent().startsWith("PaperClub/0.1.0 (")
                            && h.userAgent().contains("bot"),
                    h.userAgent());
        }
        assertEquals(5, app.papers().count());
        assertEquals(5, app.index().count(), "the index follows the feed");
        // each subscribed server hears of the arrival once, with the ids the fetch added
        assertEquals(2, arrivals.size(), arrivals.toString());
        assertEquals(
                List.of("g1", "g2"), arrivals.stream().map(Arrival::guildId).toList());
        for (Arrival a : arrivals) {
            assertEquals("feed arxiv cs.LG", a.source());
            assertEquals(ALL, a.addedIds());
        }
        assertEquals(
                5,
                app.feedStore()
                        .arrivals("g2", TestApps.NOW.minusSeconds(1), 100)
                        .size());

        // the next fetch stops at the first page: its papers were seen before; nothing arrives, nothing is told
        Outcome again = app.feeds().fetch(current(other), false);
        assertEquals(4, arxiv.hits().size(), "one request");
        assertEquals(Kind.UNCHANGED, again.kind());
        assertEquals(0, again.fresh());
        assertEquals(2, again.unchanged());
        assertTrue(again.describe().contains("seen before"), again.describe());
        assertEquals(2, arrivals.size(), "no arrival without new papers: a weekend makes no empty message");
        // /metrics counts each fetch (two, neither failed)
        Map<String, String> arxivSource = Map.of("source", "arxiv");
        assertEquals(2, Scrapes.value(app.metrics(), "paperclub_feed_fetches_total", arxivSource));
        assertEquals(0, Scrapes.value(app.metrics(), "paperclub_feed_fetch_failures_total", arxivSource));
    }

    @Test
    void anEmptyAnswerIsAskedAgainAfterAPause() {
        app();
        arxiv.script.add(Answer.page("arxiv_empty.xml"));
        Outcome o = app.feeds().fetch(feed("g1", "cs.LG"), false);
        assertEquals(5, o.added(), o.describe());
        List<Hit> hits = arxiv.hits();
        assertEquals("0", hits.get(0).param("start"));
        assertEquals("0", hits.get(1).param("start"), "the empty first page is asked for again");
        assertTrue(
                hits.get(1).nanos() - hits.get(0).nanos()
                        >= Duration.ofMillis(900).toNanos(),
                "after the backoff (1 s), not at once");
    }

    @Test
    void a503And429AreRetriedWithBackoffHonouringRetryAfter() {
        app();
        arxiv.script.add(Answer.status(503));
        arxiv.script.add(new Answer(429, null, Map.of("Retry-After", "2")));
        Outcome o = app.feeds().fetch(feed("g1", "cs.LG"), false);
        assertEquals(Kind.ADDED, o.kind(), o.describe());
        assertEquals(5, o.added());
        List<Hit> hits = arxiv.hits();
        assertEquals(5, hits.size(), "two refused tries, then three pages");
        assertTrue(
                hits.get(1).nanos() - hits.get(0).nanos()
                        >= Duration.ofMillis(900).toNanos(),
                "backoff after 503");
        assertTrue(
                hits.get(2).nanos() - hits.get(1).nanos()
                        >= Duration.ofMillis(1900).toNanos(),
                "Retry-After: 2 is honoured after 429");
    }

    @Test
    void aRefusedQueryFailsWithArxivsReasonStoresNothingAndIsRecorded() {
        app();
        arxiv.pages = h -> Answer.page("arxiv_error.xml");
        Feed f = feed("g1", "cs.LG");
        Outcome o = app.feeds().fetch(f, false);
        assertEquals(Kind.FAILED, o.kind());
        assertTrue(o.error().contains("max_results must be non-negative"), o.error());
        assertEquals(1, arxiv.hits().size(), "an Error answer is not retried");
        assertEquals(0, app.papers().count());
        Feed after = current(f);
        assertEquals(1, after.failures());
        assertTrue(after.lastError().contains("arXiv refused the query"), after.lastError());
        assertTrue(after.retryAt().isAfter(TestApps.NOW), "retried later with backoff");
        assertEquals(1, Scrapes.value(app.metrics(), "paperclub_feed_fetch_failures_total", Map.of("source", "arxiv")));
    }

    @Test
    void aRevisedVersionOfAKnownPaperUpdatesThatPaper() {
        app();
        Feed f = feed("g1", "cs.LG");
        app.feeds().fetch(f, false);
        arxiv.pages = h -> Answer.page("arxiv_v2.xml");
        Outcome o = app.feeds().fetch(current(f), false);
        assertEquals(Kind.UPDATED, o.kind(), o.describe());
        assertEquals(0, o.added());
        assertEquals(1, o.updated());
        assertEquals(1, o.unchanged());
        assertEquals(5, app.papers().count(), "v1 and v2 are one paper");
        assertTrue(app.papers().find("2606.13677").orElseThrow().abstractText().contains("six further tools"));
        assertEquals(List.of("2606.13677"), arrivals.get(arrivals.size() - 1).updatedIds());
    }

    @Test
    void requestsAreSpacedByTheMinimumIntervalAndNeverOverlapAcrossFetches() throws Exception {
        app("feeds.arxiv.min-interval-seconds", "0.3");
        Feed a = feed("g1", "cs.LG");
        Feed b = feed("g2", "cs.CL");
        Thread t = new Thread(() -> app.feeds().fetch(a, false));
        t.start();
        app.feeds().fetch(b, false);
        t.join();
        List<Hit> hits = arxiv.hits();
        assertEquals(6, hits.size());
        for (int i = 1; i < hits.size(); i++) {
            long gap = hits.get(i).nanos() - hits.get(i - 1).nanos();
            assertTrue(
                    gap >= Duration.ofMillis(300).toNanos(), "request " + i + " came " + gap / 1_000_000 + " ms after");
        }
        assertEquals(1, arxiv.mostOpen.get(), "one connection at a time");
    }

    @Test
    void aFetchStopsAtItsCap() {
        app("feeds.arxiv.max-per-fetch", "3");
        Outcome o = app.feeds().fetch(feed("g1", "cs.LG"), false);
        assertEquals(3, o.added(), o.describe());
        List<Hit> hits = arxiv.hits();
        assertEquals(2, hits.size());
        assertEquals("1", hits.get(1).param("max_results"), "asks only for what the cap leaves");
        assertTrue(o.describe().contains("cap of 3"), o.describe());
        assertEquals(ALL.subList(0, 3), arrivals.get(0).addedIds());
    }
}
