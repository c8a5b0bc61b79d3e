package dev.paperclub.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.TestApps;
import dev.paperclub.config.Config;
import dev.paperclub.ingest.IngestReport;
import dev.paperclub.metrics.Scrapes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HF daily feed against a local HTTP server serving the bundled API sample. */
final class HfDailyFeedTest {
    @TempDir
    Path dir;

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    volatile int status = 200;

    @BeforeEach
    void serve() throws Exception {
        byte[] body = TestApps.sample("hf_daily_papers_2026-06.json");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/daily_papers", ex -> {
            requests.incrementAndGet();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            if (status != 200) {
                ex.sendResponseHeaders(status, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private App open(MutableClock clock) {
        Config c = TestApps.config(dir.resolve("data"))
                .with("feeds.hf-daily.enabled", "true")
                .with(
                        "feeds.hf-daily.url",
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/api/daily_papers")
                .with("feeds.hf-daily.time", "08:30")
                .with("highlights.timezone", "Europe/Berlin")
                .with("ingest.allow-private-urls", "true");
        return App.open(c, clock);
    }

    @Test
    void fetchesOnceADayAtItsLocalTimeAndRemembersAcrossRestarts() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T07:29:00Z")); // 08:29 in Berlin
        try (App app = open(clock)) {
            app.feedScheduler().tick();
            assertEquals(0, requests.get(), "not before 08:30 local");
            clock.set(Instant.parse("2026-11-25T07:30:00Z"));
            app.feedScheduler().tick();
            assertEquals(1, requests.get());
            assertTrue(app.papers().count() > 0);
            assertEquals(app.papers().count(), app.index().count(), "the index follows the feed");
            assertEquals(
                    Optional.of(LocalDate.parse("2026-11-25")),
                    app.hfDailyFeed().lastFetch());
            clock.set(Instant.parse("2026-11-25T12:00:00Z"));
            app.feedScheduler().tick();
            assertEquals(1, requests.get(), "once a day");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (App app = open(clock)) {
            app.feedScheduler().tick();
            assertEquals(1, requests.get(), "a restart the same day does not fetch again");
            clock.set(Instant.parse("2026-11-26T07:31:00Z"));
            Optional<IngestReport> next = app.hfDailyFeed().runIfDue(clock.instant());
            assertEquals(2, requests.get());
            assertEquals(0, next.orElseThrow().added(), "the same feed again adds nothing");
        }
    }

    @Test
    void aFailedFetchIsRetriedAfterTheBackoff() {
        status = 500;
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
        try (App app = open(clock)) {
            assertTrue(app.hfDailyFeed().runIfDue(clock.instant()).isEmpty());
            assertEquals(1, requests.get());
            clock.advance(Duration.ofMinutes(1));
            app.hfDailyFeed().runIfDue(clock.instant());
            assertEquals(1, requests.get(), "waits for the backoff");
            status = 200;
            clock.advance(Duration.ofMinutes(5));
            assertTrue(app.hfDailyFeed().runIfDue(clock.instant()).isPresent());
            assertEquals(2, requests.get());
            assertTrue(app.hfDailyFeed().lastFetch().isPresent());
            // /metrics counts both fetches and the one failure
            Map<String, String> hf = Map.of("source", "hf-daily");
            assertEquals(2, Scrapes.value(app.metrics(), "paperclub_feed_fetches_total", hf));
            assertEquals(1, Scrapes.value(app.metrics(), "paperclub_feed_fetch_failures_total", hf));
        }
    }

    @Test
    void theHighlightSchedulerOnlyPostsAndTheFeedSchedulerFetches() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z")); // 09:00 in Berlin, due
        try (App app = open(clock)) {
            assertEquals(List.of(), app.highlightScheduler().tick());
            assertEquals(0, requests.get(), "highlight ticks leave the feed alone");
            List<IngestReport> ran = app.feedScheduler().tick().hfDaily();
            assertEquals(1, requests.get());
            assertEquals(1, ran.size());
            assertTrue(ran.get(0).added() > 0);
            assertEquals(List.of(), app.feedScheduler().tick().hfDaily(), "once a day");
        }
    }

    @Test
    void startedFeedSchedulerTicksOnItsOwnAndStopsOnClose() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
        try (App app = open(clock)) {
            app.feedScheduler().start(Duration.ZERO);
            assertTrue(app.feedScheduler().running());
            for (int i = 0; i < 200 && app.hfDailyFeed().lastFetch().isEmpty(); i++) Thread.sleep(25);
            assertEquals(
                    Optional.of(LocalDate.parse("2026-11-25")),
                    app.hfDailyFeed().lastFetch());
            assertEquals(1, requests.get());
            app.feedScheduler().close();
            assertFalse(app.feedScheduler().running());
        }
    }

    @Test
    void oneHfFetchServesEveryServerSubscribedToHfDaily() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
        try (App app = open(clock)) {
            List<dev.paperclub.ingest.Arrivals.Arrival> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            app.feeds().arrivals(told::add);
            for (String g : List.of("g1", "g2")) {
                app.feedStore().add(g, "hf-daily", "", "", null, "900", clock.instant());
            }
            // 08:30 in Berlin: both servers' hf-daily feeds are due (highlights 09:00, 60 minutes before) and so is
            // the global feed
            clock.set(Instant.parse("2026-11-25T07:30:00Z"));
            FeedScheduler.Pass pass = app.feedScheduler().tick();
            assertEquals(2, pass.feeds().size());
            assertTrue(pass.feeds().get(0).added() > 0);
            assertTrue(
                    pass.feeds().get(1).note().contains("fetched for every subscribed server"),
                    pass.feeds().get(1).describe());
            assertEquals(2, requests.get(), "the first server's fetch served the second; the global feed kept its own");
            assertEquals(
                    List.of("g1", "g2"), told.stream().map(a -> a.guildId()).toList(), "told once per server");
            int added = pass.feeds().get(0).added();
            assertEquals(added, told.get(0).addedIds().size());
            for (String g : List.of("g1", "g2")) {
                assertEquals(
                        added,
                        app.feedStore()
                                .arrivals(g, clock.instant().minusSeconds(60), 500)
                                .size(),
                        g);
            }
        }
    }
}
