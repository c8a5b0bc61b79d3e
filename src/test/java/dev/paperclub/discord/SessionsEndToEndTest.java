package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.TestApps;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import dev.paperclub.paper.Paper;
import dev.paperclub.store.GuildSettings;
import dev.paperclub.store.SessionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading sessions through the real JDA client against the Discord double, which checks scheduled
 * events as Discord does (Manage Events, the body's fields by entity type, status transitions).
 */
final class SessionsEndToEndTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    @TempDir
    Path dir;

    /** A bot in a server whose highlights (and sessions) run on Berlin time, with one voted paper that has a link. */
    private BotHarness bot(DiscordDouble discord) throws Exception {
        BotHarness h = new BotHarness(discord, dir, Clock.systemUTC(), "highlights.timezone", "Europe/Berlin");
        TestApps.ingestAllSamples(h.app);
        String guild = discord.guildId();
        h.app.settings().put(GuildSettings.empty(guild).withChannel(discord.channelId(guild, "papers")), Instant.now());
        Paper p = paper(h);
        h.app.votes().vote(guild, p.id(), "u1");
        h.app.votes().vote(guild, p.id(), "u2");
        return h;
    }

    private static Paper paper(BotHarness h) {
        return h.app.papers().pageAfter("", 500).stream()
                .filter(p -> p.url() != null && p.url().startsWith("https://"))
                .findFirst()
                .orElseThrow();
    }

    /** Three days ahead at 18:30 Berlin time, as typed, and as the instant it means. */
    private static LocalDateTime inThreeDays(int hour) {
        return LocalDateTime.now(BERLIN)
                .plusDays(3)
                .withHour(hour)
                .withMinute(30)
                .truncatedTo(ChronoUnit.MINUTES);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) Thread.sleep(25);
        assertTrue(condition.getAsBoolean(), what);
    }

    private static boolean eventRequest(Recorded r, String method) {
        return r.method().equals(method) && r.path().matches("guilds/\\d+/scheduled-events(/\\d+)?");
    }

    @Test
    void pickCreatesTheScheduledEventAndSessionEditsAndCancelsIt() throws Exception {
        DiscordDouble discord = DiscordDouble.builder()
                .addVoiceChannel("voice-room")
                .grantBot(Permission.getRaw(Permission.CREATE_SCHEDULED_EVENTS, Permission.VOICE_CONNECT))
                .start();
        try (BotHarness h = bot(discord)) {
            String guild = discord.guildId();
            Paper p = paper(h);
            DiscordDouble.Member mod = discord.moderator("mod");
            DiscordDouble.Member alice = discord.member("alice");
            LocalDateTime when = inThreeDays(18);
            Instant start = when.atZone(BERLIN).toInstant();

            String reply = h.answer(h.admin(
                            guild,
                            "pick",
                            Map.of(
                                    "when",
                                    TYPED.format(when),
                                    "presenter",
                                    new DiscordDouble.UserOption(alice),
                                    "where",
                                    "Room 4.12"),
                            mod))
                    .getString("content");
            assertTrue(reply.contains("asked Discord to schedule an event"), reply);

            DataObject created = discord.awaitRequest(r -> eventRequest(r, "POST"), BotHarness.WAIT)
                    .json();
            assertTrue(discord.requests().stream()
                    .filter(r -> eventRequest(r, "POST"))
                    .allMatch(Recorded::succeeded));
            assertEquals(p.title(), created.getString("name"));
            assertEquals(2, created.getInt("privacy_level"));
            assertEquals(3, created.getInt("entity_type"), "a place that is not a channel: an external event");
            assertEquals("Room 4.12", created.getObject("entity_metadata").getString("location"));
            assertTrue(created.isNull("channel_id"));
            assertEquals(
                    start,
                    OffsetDateTime.parse(created.getString("scheduled_start_time"))
                            .toInstant());
            assertEquals(
                    start.plusSeconds(3600),
                    OffsetDateTime.parse(created.getString("scheduled_end_time"))
                            .toInstant());
            String description = created.getString("description");
            assertTrue(description.startsWith(p.url()) && description.contains("TL;DR: "), description);
            assertTrue(description.length() <= 1000);

            // the announcement shows the presenter as a mention that cannot ping
            Recorded post = discord.awaitChannelMessage(discord.channelId(guild, "papers"), BotHarness.WAIT);
            assertTrue(post.json().getString("content").contains("presented by <@" + alice.userId() + ">"));
            assertEquals(
                    0,
                    post.json().getObject("allowed_mentions").getArray("parse").length());
            assertTrue(discord.pings().isEmpty(), discord.pings().toString());

            SessionStore sessions = new SessionStore(h.app.database());
            await(
                    () -> sessions.upcoming(guild, Instant.now())
                                    .map(SessionStore.Session::eventId)
                                    .orElse(null)
                            != null,
                    "the event id is stored with the session");
            String eventId =
                    sessions.upcoming(guild, Instant.now()).orElseThrow().eventId();
            assertEquals(1, discord.scheduledEvents(guild).size());

            // moved to the next evening, into the voice channel: the event follows
            LocalDateTime later = inThreeDays(19).plusDays(1);
            String voice = discord.channelId(guild, "voice-room");
            String moved = h.answer(h.admin(
                            guild, "session", Map.of("when", TYPED.format(later), "where", "<#" + voice + ">"), mod))
                    .getString("content");
            assertTrue(moved.contains("asked Discord to update its event"), moved);
            DataObject patch = discord.awaitRequest(
                            r -> eventRequest(r, "PATCH") && r.path().endsWith(eventId), BotHarness.WAIT)
                    .json();
            assertEquals(2, patch.getInt("entity_type"));
            assertEquals(voice, patch.getString("channel_id"));
            assertEquals(
                    later.atZone(BERLIN).toInstant(),
                    OffsetDateTime.parse(patch.getString("scheduled_start_time"))
                            .toInstant());
            await(
                    () -> discord.scheduledEvents(guild).get(0).getInt("entity_type") == 2,
                    "Discord accepted the change");

            // someone deletes the event in Discord: the next change finds it gone, forgets it, and the one after
            // schedules a new one
            discord.deleteScheduledEventByHand(eventId);
            h.answer(h.admin(guild, "session", Map.of("where", "Room 4.12"), mod));
            await(
                    () -> sessions.upcoming(guild, Instant.now()).orElseThrow().eventId() == null,
                    "a deleted event is forgotten");
            String again = h.answer(h.admin(guild, "session", Map.of("where", "Room 4.13"), mod))
                    .getString("content");
            assertTrue(again.contains("asked Discord to schedule an event"), again);
            await(() -> discord.scheduledEvents(guild).size() == 1, "a new event");
            await(
                    () -> sessions.upcoming(guild, Instant.now()).orElseThrow().eventId() != null,
                    "its id is stored with the session");

            String canceled = h.answer(h.admin(guild, "session", Map.of("cancel", true), mod))
                    .getString("content");
            assertTrue(canceled.startsWith("Canceled the session"), canceled);
            await(() -> discord.scheduledEvents(guild).get(0).getInt("status") == 4, "the event is canceled");
            assertTrue(discord.requests().stream()
                    .filter(r -> eventRequest(r, "PATCH"))
                    .allMatch(Recorded::succeeded));
            assertTrue(sessions.upcoming(guild, Instant.now()).isEmpty());
        }
    }

    @Test
    void withoutCreateEventsThePermissionIsNamedAndTheSessionKept() throws Exception {
        try (BotHarness h = bot(DiscordDouble.start())) {
            DiscordDouble discord = h.discord;
            String guild = discord.guildId();
            String reply = h.answer(h.admin(
                            guild, "pick", Map.of("when", TYPED.format(inThreeDays(18))), discord.moderator("mod")))
                    .getString("content");
            assertTrue(reply.contains("No Discord event: I lack the permission **Create Events**"), reply);
            assertTrue(reply.contains("The session is kept"), reply);
            Optional<SessionStore.Session> s = new SessionStore(h.app.database()).upcoming(guild, Instant.now());
            assertTrue(s.isPresent());
            assertEquals(paper(h).id(), s.get().paperId());
            assertFalse(discord.requests().stream().anyMatch(r -> eventRequest(r, "POST")));
        }
    }
}
