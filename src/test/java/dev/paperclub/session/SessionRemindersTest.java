package dev.paperclub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.RecordingGateway;
import dev.paperclub.TestApps;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Options;
import dev.paperclub.command.Reply;
import dev.paperclub.store.GuildSettings;
import dev.paperclub.store.SessionStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session reminders on a real store, driven by a hand-moved clock: DST, edits, cancels, restarts. */
final class SessionRemindersTest {
    static final Caller MOD = new Caller("900", "mod", "g1", "c1", List.of(), true);

    @TempDir
    Path dir;

    private App open(MutableClock clock, RecordingGateway gateway) {
        App app = App.open(TestApps.config(dir.resolve("data")), clock);
        app.gateway().attach(gateway);
        return app;
    }

    /** A server on Berlin time posting in "news", with the samples and one vote for each of two papers. */
    private static void setUp(App app) throws Exception {
        TestApps.ingestAllSamples(app);
        app.settings()
                .put(
                        GuildSettings.empty("g1").withChannel("news").withSchedule("09:00", "Europe/Berlin", 3, true),
                        app.clock().instant());
        app.votes()
                .vote(
                        "g1",
                        app.commands().resolver().resolve("Pointer Networks").id(),
                        "u1");
    }

    private static Reply admin(App app, String sub, Object... kv) {
        Map<String, Object> opts = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) opts.put((String) kv[i], kv[i + 1]);
        return app.commands().handle(new CommandRequest("admin", sub, new Options(opts), MOD));
    }

    private static List<String> reminders(RecordingGateway g) {
        return g.in("news").stream()
                .map(p -> p.message().content())
                .filter(c -> c.startsWith("⏰"))
                .toList();
    }

    @Test
    void theReminderIsTheConfiguredTimeAheadInRealTimeAcrossTheSpringForwardAndPostedOnce() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2027-03-27T12:00:00Z"));
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway)) {
            setUp(app);
            // 03:30 CEST on the night the clocks jump from 02:00 to 03:00: 01:30 UTC
            assertTrue(admin(app, "pick", "when", "2027-03-28 03:30").content().startsWith("Picked"));
            clock.set(Instant.parse("2027-03-28T00:29:00Z"));
            assertEquals(List.of(), app.sessionReminders().tick(), "not before 60 real minutes ahead");
            clock.set(Instant.parse("2027-03-28T00:30:00Z")); // 01:30 CET: sixty minutes before 03:30 CEST
            assertEquals(List.of("news"), app.sessionReminders().tick());
            clock.set(Instant.parse("2027-03-28T00:45:00Z"));
            assertEquals(List.of(), app.sessionReminders().tick());
            clock.set(Instant.parse("2027-03-28T01:00:00Z"));
            assertEquals(List.of(), app.sessionReminders().tick(), "exactly once");
            List<String> posted = reminders(gateway);
            assertEquals(1, posted.size(), posted.toString());
            assertTrue(
                    posted.get(0).contains("starts in 60 minutes — Sun 28 Mar 2027, 03:30 (Europe/Berlin)"),
                    posted.get(0));
        }
    }

    @Test
    void aNewTimeIsRemindedAgainAndACanceledSessionIsNot() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway)) {
            setUp(app);
            admin(app, "pick", "when", "2026-11-26 18:00"); // 17:00 UTC
            clock.set(Instant.parse("2026-11-26T16:00:00Z"));
            assertEquals(1, app.sessionReminders().tick().size());
            clock.set(Instant.parse("2026-11-26T16:10:00Z"));
            // moved to the next day: the new time gets its own reminder, once
            assertTrue(
                    admin(app, "session", "when", "2026-11-27 18:00").content().startsWith("Session on"));
            assertEquals(0, app.sessionReminders().tick().size(), "not due yet at the new time");
            clock.set(Instant.parse("2026-11-27T16:00:00Z"));
            assertEquals(1, app.sessionReminders().tick().size());
            assertEquals(0, app.sessionReminders().tick().size());
            assertEquals(2, reminders(gateway).size());
            assertTrue(
                    reminders(gateway).get(1).contains("Fri 27 Nov 2026, 18:00"),
                    reminders(gateway).toString());
            // moved once more, then canceled: nothing more is posted
            assertTrue(
                    admin(app, "session", "when", "2026-11-28 18:00").content().startsWith("Session on"));
            assertTrue(admin(app, "session", "cancel", true).content().startsWith("Canceled"));
            clock.set(Instant.parse("2026-11-28T16:30:00Z"));
            assertEquals(0, app.sessionReminders().tick().size());
            assertEquals(2, reminders(gateway).size());
        }
    }

    @Test
    void aReminderMissedWhileDownIsPostedAtStartOnceIfTheSessionHasNotBegunAndNeverAfterItBegan() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        RecordingGateway gateway = new RecordingGateway();
        try (App app = open(clock, gateway)) {
            setUp(app);
            admin(app, "pick", "when", "2026-11-25 15:00"); // 14:00 UTC, reminder due 13:00
        }
        clock.set(Instant.parse("2026-11-25T13:30:00Z")); // down at 13:00, back before the start
        try (App app = open(clock, gateway)) {
            assertEquals(List.of("news"), app.sessionReminders().tick());
            assertTrue(
                    reminders(gateway).get(0).contains("starts in 30 minutes"),
                    reminders(gateway).toString());
        }
        clock.set(Instant.parse("2026-11-25T13:31:00Z"));
        try (App app = open(clock, gateway)) {
            assertEquals(List.of(), app.sessionReminders().tick(), "never twice across restarts");
            // a second session whose reminder and start both pass while the bot is down
            app.votes()
                    .vote(
                            "g1",
                            app.commands()
                                    .resolver()
                                    .resolve("Titans: Learning to Memorize at Test Time")
                                    .id(),
                            "u2");
            admin(app, "pick", "when", "2026-11-25 16:00"); // 15:00 UTC
        }
        clock.set(Instant.parse("2026-11-25T15:05:00Z"));
        try (App app = open(clock, gateway)) {
            assertEquals(
                    List.of(), app.sessionReminders().tick(), "a session that already began gets no late reminder");
            SessionStore store = new SessionStore(app.database());
            SessionStore.Session second = store.all("g1").get(0);
            assertEquals(Instant.parse("2026-11-25T15:00:00Z"), second.startsAt());
            assertEquals("skipped", store.reminderOutcome(second).orElseThrow());
        }
        assertEquals(1, reminders(gateway).size());
    }
}
