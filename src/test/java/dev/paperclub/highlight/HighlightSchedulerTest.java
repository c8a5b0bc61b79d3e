package dev.paperclub.highlight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.RecordingGateway;
import dev.paperclub.TestApps;
import dev.paperclub.command.ChannelGateway.PostException;
import dev.paperclub.command.Reply;
import dev.paperclub.config.Config;
import dev.paperclub.highlight.HighlightService.Outcome;
import dev.paperclub.highlight.HighlightService.PostResult;
import dev.paperclub.store.GuildSettings;
import dev.paperclub.store.HighlightStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The daily schedule on a real store and index, driven by a hand-moved clock and a recording gateway. */
final class HighlightSchedulerTest {
    @TempDir
    Path dir;

    private App open(MutableClock clock, RecordingGateway gateway, String... kv) throws Exception {
        Config c = TestApps.config(dir.resolve("data"));
        for (int i = 0; i < kv.length; i += 2) c = c.with(kv[i], kv[i + 1]);
        App app = App.open(c, clock);
        app.gateway().attach(gateway);
        return app;
    }

    private static void schedule(App app, String guild, String channel, String time, String zone) {
        app.settings()
                .put(
                        GuildSettings.empty(guild).withChannel(channel).withSchedule(time, zone, 3, true),
                        app.clock().instant());
    }

    static Stream<Arguments> dstDays() {
        return Stream.of(
                // zone, post time, local date, first instant it is due, instants later that day that must not post
                // again
                Arguments.of(
                        "Europe/Berlin",
                        "02:30",
                        "2026-03-29",
                        "2026-03-29T01:00:00Z",
                        "spring forward: 02:30 skipped, posts at 03:00 CEST"),
                Arguments.of(
                        "Europe/Berlin",
                        "01:30",
                        "2026-03-29",
                        "2026-03-29T00:30:00Z",
                        "spring forward: 01:30 CET exists"),
                Arguments.of(
                        "Europe/Berlin",
                        "02:30",
                        "2026-10-25",
                        "2026-10-25T00:30:00Z",
                        "fall back: 02:30 twice, first (CEST) posts"),
                Arguments.of(
                        "Europe/Berlin",
                        "01:30",
                        "2026-10-25",
                        "2026-10-24T23:30:00Z",
                        "fall back: 01:30 CEST is the day before in UTC"),
                Arguments.of(
                        "America/New_York",
                        "02:30",
                        "2026-03-08",
                        "2026-03-08T07:00:00Z",
                        "spring forward: 02:30 skipped, posts at 03:00 EDT"),
                Arguments.of(
                        "America/New_York",
                        "01:30",
                        "2026-03-08",
                        "2026-03-08T06:30:00Z",
                        "spring forward: 01:30 EST exists"),
                Arguments.of(
                        "America/New_York",
                        "01:30",
                        "2026-11-01",
                        "2026-11-01T05:30:00Z",
                        "fall back: 01:30 twice, first (EDT) posts"),
                Arguments.of(
                        "America/New_York",
                        "02:30",
                        "2026-11-01",
                        "2026-11-01T07:30:00Z",
                        "fall back: 02:30 EST once"));
    }

    @ParameterizedTest(name = "{0} {1} on {2}: {4}")
    @MethodSource("dstDays")
    void dstDaysPostExactlyOnceAtTheFirstValidInstant(String zone, String time, String date, String due, String why)
            throws Exception {
        Instant dueAt = Instant.parse(due);
        MutableClock clock = new MutableClock(dueAt.minus(Duration.ofHours(6)));
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            schedule(app, "g", "c", time, zone);
            HighlightScheduler s = app.highlightScheduler();

            clock.set(dueAt.minusSeconds(30));
            s.tick();
            assertEquals(0, gateway.posts.size(), "not before " + due);

            clock.set(dueAt);
            s.tick();
            assertEquals(1, gateway.posts.size(), "due at " + due);

            // every tick for the rest of the local day, including a repeated (fall-back) hour, posts nothing more
            for (int i = 1; i <= 12 * 60; i++) {
                clock.set(dueAt.plus(Duration.ofMinutes(i)));
                s.tick();
            }
            assertEquals(1, gateway.posts.size());
            List<HighlightStore.Post> ledger = app.highlightStore().posts("g");
            assertEquals(LocalDate.parse(date), ledger.get(0).localDate());
            assertEquals("m1", ledger.get(0).messageId());
        }
    }

    @Test
    @DisplayName(
            "a bot that was down at post time posts once when it starts later that day, and never twice across restarts")
    void restartAfterAMissedPostPostsOnce() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T07:00:00Z")); // 08:00 in Berlin
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            schedule(app, "g", "c", "09:00", "Europe/Berlin");
            assertEquals(List.of(), app.highlightScheduler().tick());
        }
        clock.set(Instant.parse("2026-11-25T10:15:00Z")); // down at 09:00, back at 11:15
        try (App app = open(clock, gateway)) {
            List<PostResult> r = app.highlightScheduler().tick();
            assertEquals(1, r.size());
            assertEquals(Outcome.POSTED, r.get(0).outcome());
            assertEquals(LocalDate.parse("2026-11-25"), r.get(0).day());
            app.highlightScheduler().tick();
            assertEquals(1, gateway.posts.size());
        }
        clock.set(Instant.parse("2026-11-25T12:00:00Z"));
        try (App app = open(clock, gateway)) {
            app.highlightScheduler().tick();
            assertEquals(1, gateway.posts.size(), "no second post after another restart");
            clock.set(Instant.parse("2026-11-26T08:00:00Z")); // 09:00 the next day
            app.highlightScheduler().tick();
            assertEquals(2, gateway.posts.size());
            Set<String> day1 = highlightedIds(gateway.posts.get(0).message());
            Set<String> day2 = highlightedIds(gateway.posts.get(1).message());
            assertTrue(day1.stream().noneMatch(day2::contains), "a paper is highlighted at most once per server");
        }
    }

    @Test
    void twoServersInDifferentZonesPostAtTheirOwnLocalTimes() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T07:59:00Z"));
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            schedule(app, "berlin", "cb", "09:00", "Europe/Berlin");
            schedule(app, "newyork", "cn", "09:00", "America/New_York");
            app.highlightScheduler().tick();
            assertEquals(0, gateway.posts.size());
            clock.set(Instant.parse("2026-11-25T08:00:00Z")); // 09:00 CET, 03:00 EST
            app.highlightScheduler().tick();
            assertEquals(1, gateway.in("cb").size());
            assertEquals(0, gateway.in("cn").size());
            clock.set(Instant.parse("2026-11-25T14:00:00Z")); // 09:00 EST
            app.highlightScheduler().tick();
            assertEquals(1, gateway.in("cb").size());
            assertEquals(1, gateway.in("cn").size());
        }
    }

    @Test
    @DisplayName(
            "a channel that is gone: logged, the day released, retried after the backoff, other servers unaffected")
    void aFailingChannelIsRetriedAndTheSchedulerKeepsRunning() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        RecordingGateway gateway = spy(new RecordingGateway());
        doThrow(new PostException("Unknown Channel (10003)")).when(gateway).post(eq("deleted"), any());
        try (App app = open(clock, gateway)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            schedule(app, "broken", "deleted", "09:00", "UTC");
            schedule(app, "fine", "ok", "09:00", "UTC");
            List<PostResult> first = app.highlightScheduler().tick();
            assertEquals(
                    Set.of(Outcome.FAILED, Outcome.POSTED),
                    first.stream().map(PostResult::outcome).collect(Collectors.toSet()));
            assertTrue(app.highlightStore().posts("broken").isEmpty(), "a failed post releases the day");
            assertEquals(1, gateway.in("ok").size());
            clearInvocations(gateway); // posts are counted from here

            clock.advance(Duration.ofMinutes(1));
            app.highlightScheduler().tick();
            verify(gateway, never().description("no retry before the backoff")).post(any(), any());

            clock.advance(Duration.ofMinutes(5));
            app.highlightScheduler().tick();
            verify(gateway, times(1).description("retried after the backoff")).post(any(), any());

            doCallRealMethod().when(gateway).post(eq("deleted"), any()); // the moderator fixed the channel
            clock.advance(Duration.ofMinutes(19));
            app.highlightScheduler().tick();
            verify(gateway, times(1).description("a second failure in a row waits four times longer (20 min)"))
                    .post(any(), any());
            clock.advance(Duration.ofMinutes(1));
            app.highlightScheduler().tick();
            assertEquals(1, gateway.in("deleted").size());
            assertEquals(1, app.highlightStore().posts("broken").size());
            assertEquals(1, gateway.in("ok").size(), "the healthy server never posted twice");
        }
    }

    @Test
    void aGatewayThatThrowsUncheckedNeverKillsTheTicks() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        try (App app = open(clock, new RecordingGateway())) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            app.gateway().attach(new dev.paperclub.command.ChannelGateway() {
                @Override
                public String post(String channelId, Reply message) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public void openThread(String c, String m, String n) {}
            });
            schedule(app, "g", "c", "09:00", "UTC");
            assertEquals(Outcome.FAILED, app.highlightScheduler().tick().get(0).outcome());
            assertTrue(app.highlightStore().posts("g").isEmpty());
        }
    }

    @Test
    void nothingNewMeansNoPostAndHighlightsSaysWhy() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway)) {
            schedule(app, "g", "c", "09:00", "UTC");
            List<PostResult> r = app.highlightScheduler().tick();
            assertEquals(Outcome.NOTHING_NEW, r.get(0).outcome());
            assertTrue(gateway.posts.isEmpty());
            assertTrue(
                    app.highlightStore().posts("g").isEmpty(), "no ledger row: an ingest later today can still post");
            HighlightService.Preview p = app.highlights().preview("g");
            assertTrue(
                    p.problems().stream().anyMatch(s -> s.startsWith("All caught up")),
                    p.problems().toString());
        }
    }

    @Test
    void threadsModePostsOneMessagePerPaperWithAThread() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway, "highlights.threads", "true")) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            schedule(app, "g", "c", "09:00", "UTC");
            app.highlightScheduler().tick();
            assertEquals(3, gateway.posts.size());
            assertEquals(3, gateway.threads.size());
            assertEquals(1, gateway.posts.get(0).message().cards().size());
            assertEquals("m1", app.highlightStore().posts("g").get(0).messageId());
            assertEquals(3, app.highlightStore().highlighted("g").size());
        }
    }

    @Test
    void aPostHasACardPerPaperWithTldrReasonsAndVoteAndSummaryButtons() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway)) {
            TestApps.ingestAllSamples(app);
            app.settings()
                    .put(
                            GuildSettings.empty("g").withChannel("c").withSchedule("09:00", "UTC", 4, true),
                            clock.instant());
            app.highlightScheduler().tick();
            Reply m = gateway.posts.get(0).message();
            assertEquals(4, m.cards().size());
            for (Reply.Card card : m.cards()) {
                assertTrue(
                        card.fields().stream()
                                .anyMatch(f ->
                                        f.name().equals("TL;DR") && !f.value().isBlank()),
                        card.toString());
                assertTrue(card.fields().stream().anyMatch(f -> f.name().equals("Why picked")), card.toString());
            }
            Set<String> ids = highlightedIds(m);
            assertEquals(4, ids.size());
            for (String id : ids) {
                assertTrue(m.buttons().stream().anyMatch(b -> b.id().equals("vote|" + id)));
                assertTrue(m.buttons().stream().anyMatch(b -> b.id().equals("sum|" + id)));
            }
            assertEquals(ids, app.highlightStore().highlighted("g").keySet());
            // the vote button on a highlight is the ordinary vote toggle
            var caller = new dev.paperclub.command.Caller("u1", "u1", "g", "c", List.of(), false);
            String first = ids.iterator().next();
            assertTrue(app.commands()
                    .press("vote|" + first, caller)
                    .reply()
                    .content()
                    .contains("Vote recorded"));
        }
    }

    @Test
    void startedSchedulerTicksOnItsOwnAndStopsOnClose() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            schedule(app, "g", "c", "09:00", "UTC");
            app.highlightScheduler().start(Duration.ZERO);
            assertTrue(app.highlightScheduler().running());
            for (int i = 0; i < 200 && gateway.posts.isEmpty(); i++) Thread.sleep(25);
            assertEquals(1, gateway.posts.size());
            app.highlightScheduler().close();
            assertFalse(app.highlightScheduler().running());
        }
    }

    static Set<String> highlightedIds(Reply m) {
        return m.buttons().stream()
                .filter(b -> b.id().startsWith("vote|"))
                .map(b -> b.id().substring(5))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
