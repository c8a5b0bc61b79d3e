package dev.paperclub.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.TestApps;
import dev.paperclub.feed.ArxivDouble.Answer;
import dev.paperclub.feed.FeedService.Kind;
import dev.paperclub.store.FeedStore.Feed;
import dev.paperclub.store.GuildSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each feed fetched once a day, lead-minutes before its server's highlights, with a test clock. */
final class FeedScheduleTest {
    @TempDir
    Path dir;

    ArxivDouble arxiv;
    MutableClock clock;

    @BeforeEach
    void serve() throws Exception {
        arxiv = new ArxivDouble();
    }

    @AfterEach
    void stop() {
        arxiv.close();
    }

    /** Highlights at 09:00 Europe/Berlin for g1; feeds 60 minutes before (the default). */
    App open() {
        App app = App.open(arxiv.config(TestApps.config(dir.resolve("data"))), clock);
        app.settings().put(GuildSettings.empty("g1").withSchedule("09:00", "Europe/Berlin", 3, true), clock.instant());
        return app;
    }

    Feed add(App app, String guild, String query) {
        return app.feedStore()
                .add(guild, "arxiv", query, ArxivQuery.search(query), null, "900", clock.instant())
                .orElseThrow();
    }

    int ticks(App app) {
        return app.feedScheduler().tick().feeds().size();
    }

    @Test
    void fetchedLeadMinutesBeforeTheHighlightsOnceADayAndNotAgainAfterARestart() {
        clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
        try (App app = open()) {
            add(app, "g1", "cs.LG");
            clock.set(Instant.parse("2026-11-25T06:59:00Z")); // 07:59 in Berlin
            assertEquals(0, ticks(app));
            clock.set(Instant.parse("2026-11-25T07:00:00Z")); // 08:00 in Berlin: 60 minutes before 09:00
            assertEquals(1, ticks(app));
            assertEquals(3, arxiv.hits().size());
            assertEquals(5, app.papers().count());
            clock.set(Instant.parse("2026-11-25T07:40:00Z"));
            assertEquals(0, ticks(app), "once a day");
        }
        try (App app = open()) {
            assertEquals(0, ticks(app), "a restart the same day does not fetch again");
            Feed f = app.feedStore().feeds("g1").get(0);
            assertEquals(LocalDate.parse("2026-11-25"), f.fetchedDay());
            assertEquals(Instant.parse("2026-11-26T07:00:00Z"), app.feeds().nextFetch(f, clock.instant()));

            // the next day nothing is new (a weekend, or arXiv's index still behind): one more look later that day
            clock.set(Instant.parse("2026-11-26T07:00:00Z"));
            assertEquals(1, ticks(app));
            assertEquals(4, arxiv.hits().size(), "one page: its papers were seen");
            clock.set(Instant.parse("2026-11-26T07:29:00Z"));
            assertEquals(0, ticks(app));
            clock.set(Instant.parse("2026-11-26T07:30:00Z"));
            assertEquals(1, ticks(app), "looked again half the lead later");
            clock.set(Instant.parse("2026-11-26T08:30:00Z"));
            assertEquals(0, ticks(app), "then the day is done");
            assertEquals(5, arxiv.hits().size());
        }
    }

    @Test
    void aBotThatWasDownFetchesOnceWhenItComesBack() {
        clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
        try (App app = open()) {
            add(app, "g1", "cs.LG");
        }
        clock.set(Instant.parse("2026-11-27T22:30:00Z")); // down for three days; 23:30 in Berlin
        try (App app = open()) {
            assertEquals(1, ticks(app));
            assertEquals(
                    LocalDate.parse("2026-11-27"),
                    app.feedStore().feeds("g1").get(0).fetchedDay());
            assertEquals(0, ticks(app));
        }
    }

    @Test
    void theFetchTimeFollowsTheServersZoneAcrossTheDaylightSavingChange() {
        clock = new MutableClock(Instant.parse("2027-03-26T12:00:00Z"));
        try (App app = open()) {
            add(app, "g1", "cs.LG");
            clock.set(Instant.parse("2027-03-27T07:00:00Z")); // Saturday, CET: 08:00 in Berlin
            assertEquals(1, ticks(app));
            // Sunday 28 March 2027 Berlin moves to CEST (UTC+2): 08:00 local is 06:00 UTC
            clock.set(Instant.parse("2027-03-28T05:59:00Z"));
            assertEquals(0, ticks(app));
            clock.set(Instant.parse("2027-03-28T06:00:00Z"));
            assertEquals(1, ticks(app));
        }
    }

    @Test
    void aFailingFeedRecordsItsErrorAndWaitsWhileTheOthersAreFetched() {
        clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
        arxiv.pages = h -> h.param("search_query").equals("cat:cs.CV") ? Answer.status(400) : ArxivDouble.recorded(h);
        try (App app = open()) {
            add(app, "g1", "cs.CV");
            add(app, "g1", "cs.LG");
            clock.set(Instant.parse("2026-11-25T07:00:00Z"));
            List<FeedService.Outcome> ran = app.feedScheduler().tick().feeds();
            assertEquals(
                    List.of(Kind.FAILED, Kind.ADDED),
                    ran.stream().map(FeedService.Outcome::kind).toList());
            Feed failed = app.feedStore().feeds("g1").get(0);
            assertTrue(failed.lastError().contains("HTTP 400"), failed.lastError());
            assertNull(failed.fetchedDay());
            assertEquals(Instant.parse("2026-11-25T07:05:00Z"), failed.retryAt(), "5 minutes, then longer");
            clock.set(Instant.parse("2026-11-25T07:04:00Z"));
            assertEquals(0, ticks(app));
            clock.set(Instant.parse("2026-11-25T07:05:00Z"));
            assertEquals(1, ticks(app));
            failed = app.feedStore().feeds("g1").get(0);
            assertEquals(2, failed.failures());
            assertEquals(Instant.parse("2026-11-25T07:25:00Z"), failed.retryAt());
            arxiv.pages = ArxivDouble::recorded;
            clock.set(Instant.parse("2026-11-25T07:25:00Z"));
            FeedService.Outcome healedFetch = app.feedScheduler().tick().feeds().get(0);
            // the same recorded papers: already in the library (cs.LG brought them), but new to this feed
            assertEquals(Kind.UNCHANGED, healedFetch.kind());
            assertEquals(5, healedFetch.fresh());
            Feed healed = app.feedStore().feeds("g1").get(0);
            assertNull(healed.lastError());
            assertEquals(0, healed.failures());
        }
    }
}
