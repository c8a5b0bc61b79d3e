package dev.paperclub.command;

import static dev.paperclub.command.MemberCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.TestApps;
import dev.paperclub.console.ConsoleSession;
import dev.paperclub.paper.Paper;
import dev.paperclub.store.SessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading sessions through the command layer: /admin pick with when/presenter/where, /admin session, the console forms. */
final class SessionCommandsTest {
    @TempDir
    Path dir;

    App app;
    MutableClock clock;
    EventGateway gateway;
    String paper;

    static final Caller MOD = new Caller("900", "mod", "g1", "c1", List.of(), true);
    static final Caller MEMBER = new Caller("100", "member", "g1", "c1", List.of(), false);
    static final Caller OTHER = new Caller("101", "other", "g1", "c1", List.of(), false);

    /** Records posts and scheduled-event requests; {@code problem} stands for a missing Manage Events. */
    static final class EventGateway implements ChannelGateway {
        final List<Reply> posts = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<EventSpec> specs = new CopyOnWriteArrayList<>();
        volatile String problem;
        /** When set, the next create answers through it (Discord still creating the event). */
        volatile CompletableFuture<String> nextCreate;

        private final AtomicInteger ids = new AtomicInteger();

        @Override
        public String post(String channelId, Reply message) {
            posts.add(message);
            return "m" + posts.size();
        }

        @Override
        public void openThread(String channelId, String messageId, String name) {}

        @Override
        public Optional<String> eventProblem(String guildId, String channelId, boolean create) {
            return Optional.ofNullable(problem);
        }

        @Override
        public Optional<Place> place(String guildId, String channelId) {
            return channelId.equals("555555555555555555")
                    ? Optional.of(new Place(Place.Kind.VOICE, "voice-room"))
                    : Optional.empty();
        }

        @Override
        public CompletableFuture<String> createEvent(String guildId, EventSpec spec) {
            String id = "77700000000000000" + ids.incrementAndGet();
            calls.add("create " + guildId + " " + id);
            specs.add(spec);
            CompletableFuture<String> later = nextCreate;
            nextCreate = null;
            return later != null ? later : CompletableFuture.completedFuture(id);
        }

        @Override
        public CompletableFuture<Void> updateEvent(String guildId, String eventId, EventSpec spec) {
            calls.add("update " + guildId + " " + eventId);
            specs.add(spec);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> cancelEvent(String guildId, String eventId) {
            calls.add("cancel " + guildId + " " + eventId);
            return CompletableFuture.completedFuture(null);
        }
    }

    @BeforeEach
    void open() throws Exception {
        clock = new MutableClock(TestApps.NOW); // 2026-11-25T10:00:00Z
        gateway = new EventGateway();
        app = App.open(TestApps.config(dir.resolve("data")).with("commands.per-user-per-minute", "10000"), clock);
        app.gateway().attach(gateway);
        TestApps.ingestAllSamples(app);
        paper = app.papers().pageAfter("", 500).stream()
                .filter(p -> p.url() != null && p.url().startsWith("https://"))
                .findFirst()
                .orElseThrow()
                .id();
        app.votes().vote("g1", paper, "u1");
        app.votes().vote("g1", paper, "u2");
        run(app, MOD, "admin schedule", "timezone", "Europe/Berlin");
        run(app, MOD, "admin channel", "channel", "news");
    }

    @AfterEach
    void close() {
        app.close();
    }

    SessionStore sessions() {
        return new SessionStore(app.database());
    }

    @Test
    void pickWithWhenPresenterAndWhereOpensASessionAnnouncesItAndSchedulesTheEvent() {
        Reply r = run(
                app,
                MOD,
                "admin pick",
                "when",
                "2026-12-03 18:30",
                "presenter",
                "123456789012345678",
                "where",
                "Room 4.12");
        assertFalse(r.ephemeral(), r.content());
        assertTrue(r.content().contains("Thu 3 Dec 2026, 18:30 (Europe/Berlin)"), r.content());
        assertTrue(r.content().contains("asked Discord to schedule an event"), r.content());
        assertEquals(1, gateway.posts.size());
        String post = gateway.posts.get(0).content();
        assertTrue(post.contains("Next read") && post.contains(paper), post);
        assertTrue(post.contains("🗓 **Session:** Thu 3 Dec 2026, 18:30 (Europe/Berlin)"), post);
        assertTrue(post.contains("presented by <@123456789012345678>"), post);
        assertTrue(Echo.plain(post).contains("at Room 4.12"), post);

        SessionStore.Session s = sessions().upcoming("g1", clock.instant()).orElseThrow();
        assertEquals(paper, s.paperId());
        assertEquals(2, s.votes(), "the votes it had when picked");
        assertEquals(Instant.parse("2026-12-03T17:30:00Z"), s.startsAt(), "18:30 in Berlin is 17:30 UTC in winter");
        assertEquals("123456789012345678", s.presenter());

        assertEquals(List.of("create g1 777000000000000001"), gateway.calls);
        ChannelGateway.EventSpec spec = gateway.specs.get(0);
        Paper p = app.papers().findAnyPaper(paper).orElseThrow();
        assertEquals(p.title(), spec.name());
        assertTrue(spec.description().startsWith(p.url()), spec.description());
        assertTrue(spec.description().contains("TL;DR: "), spec.description());
        assertTrue(spec.description().length() <= 1000);
        assertEquals(Instant.parse("2026-12-03T17:30:00Z"), spec.start());
        assertEquals(Instant.parse("2026-12-03T18:30:00Z"), spec.end());
        assertNull(spec.channelId());
        assertEquals("Room 4.12", spec.location());
        assertEquals("777000000000000001", sessions().find(s.id()).orElseThrow().eventId(), "the event id is kept");
    }

    @Test
    void aVoiceChannelHostsTheEventItself() {
        run(app, MOD, "admin pick", "when", "2026-12-03 18:30", "where", "<#555555555555555555>");
        ChannelGateway.EventSpec spec = gateway.specs.get(0);
        assertEquals("555555555555555555", spec.channelId());
        assertNull(spec.location());
    }

    @Test
    void aMalformedPastOrSkippedTimeIsRefusedAndNothingIsPicked() {
        String[][] cases = {
            {"3 Dec 18:30", "must be a date and time like"},
            {"2026-02-30 18:30", "must be a date and time like"},
            {"2026-11-25 10:59", "is in the past"}, // 09:59 UTC: an hour ago in Berlin's winter time
            {"2027-03-28 02:30", "does not exist in Europe/Berlin"}, // the spring-forward gap
            {"2032-01-01 10:00", "within five years"},
            {"2031-11-25 10:30", "within five years"}, // starts within five years, but its hour-long event ends after
        };
        for (String[] c : cases) {
            Reply r = run(app, MOD, "admin pick", "when", c[0]);
            assertTrue(r.ephemeral(), c[0]);
            assertTrue(r.content().contains(c[1]), c[0] + " -> " + r.content());
            assertFalse(r.content().contains("Exception"), r.content());
        }
        assertFalse(app.voteStore().isRead("g1", paper), "the cycle stays open");
        assertTrue(sessions().all("g1").isEmpty());
        assertTrue(gateway.posts.isEmpty() && gateway.calls.isEmpty());
        Reply ok = run(app, MOD, "admin pick", "when", "2026-11-25 11:01");
        assertTrue(ok.content().startsWith("Picked"), ok.content());
    }

    @Test
    void withoutManageEventsTheReplySaysWhichPermissionIsMissingAndTheSessionIsKept() {
        gateway.problem = "I lack the permission **Create Events** (Server Settings → Roles → my role)";
        Reply r = run(app, MOD, "admin pick", "when", "2026-12-03 18:30");
        assertTrue(r.content().contains("No Discord event: I lack the permission **Create Events**"), r.content());
        assertTrue(r.content().contains("The session is kept"), r.content());
        assertTrue(gateway.calls.isEmpty());
        assertTrue(sessions().upcoming("g1", clock.instant()).isPresent());
        // granted later: the next /admin session adds the event
        gateway.problem = null;
        Reply edit = run(app, MOD, "admin session", "presenter", "123456789012345678");
        assertTrue(edit.content().contains("asked Discord to schedule an event"), edit.content());
        assertEquals(1, gateway.calls.size());
    }

    @Test
    void adminSessionEditsAndCancelsTheUpcomingSessionAndItsEvent() {
        Reply none = run(app, MOD, "admin session", "when", "2026-12-03 18:30");
        assertTrue(none.content().contains("no upcoming session"), none.content());
        run(app, MOD, "admin pick", "when", "2026-12-03 18:30");
        String event = "777000000000000001";

        Reply moved = run(app, MOD, "admin session", "when", "2026-12-04 17:00", "where", "Library");
        assertTrue(moved.content().contains("Fri 4 Dec 2026, 17:00 (Europe/Berlin)"), moved.content());
        assertTrue(moved.content().contains("asked Discord to update its event"), moved.content());
        assertEquals("update g1 " + event, gateway.calls.get(1));
        ChannelGateway.EventSpec spec = gateway.specs.get(1);
        assertEquals(Instant.parse("2026-12-04T16:00:00Z"), spec.start());
        assertEquals(Instant.parse("2026-12-04T17:00:00Z"), spec.end());
        assertEquals("Library", spec.location());

        Reply bad = run(app, MOD, "admin session", "when", "2026-12-04 25:00");
        assertTrue(bad.ephemeral() && bad.content().contains("must be a date and time"), bad.content());
        assertEquals(
                Instant.parse("2026-12-04T16:00:00Z"),
                sessions().upcoming("g1", clock.instant()).orElseThrow().startsAt(),
                "a bad edit changes nothing");

        Reply canceled = run(app, MOD, "admin session", "cancel", true);
        assertTrue(canceled.content().startsWith("Canceled the session"), canceled.content());
        assertEquals("cancel g1 " + event, gateway.calls.get(2));
        assertTrue(sessions().upcoming("g1", clock.instant()).isEmpty());
        assertTrue(run(app, MOD, "admin session", "cancel", true).content().contains("no upcoming session"));
    }

    @Test
    void theConsoleTakesAPresenterByNameAndAPlaceAsHashName() {
        StringWriter out = new StringWriter();
        ConsoleSession console = new ConsoleSession(app.commands(), MOD, new PrintWriter(out));
        console.handle("/admin pick when:2026-12-03 18:30 presenter:alice where:#voice-room");
        String text = out.toString();
        assertTrue(
                text.contains("Session: Thu 3 Dec 2026, 18:30 (Europe/Berlin) · presented by @alice · at #voice-room"),
                text);
        SessionStore.Session s = sessions().upcoming("g1", clock.instant()).orElseThrow();
        assertEquals("alice", s.presenter());
        assertEquals("#voice-room", s.place());
        console.handle("/admin session presenter:bob");
        assertTrue(out.toString().contains("presented by @bob"), out.toString());
    }

    @Test
    void atTheLargestLimitTheCommandAcceptsEverySessionIsOnAPageAsDiscordShowsIt() throws Exception {
        // titles as long as a card shows (200 characters), every character one that escaping doubles
        int n = 26;
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++)
            lines.append("{\"id\":\"long-")
                    .append(i)
                    .append("\",\"title\":\"")
                    .append("*_~|".repeat(60))
                    .append(i)
                    .append("\",\"abstract\":\"A long one.\",\"authors\":[\"A\"],")
                    .append("\"url\":\"https://arxiv.org/abs/2601.000")
                    .append(10 + i)
                    .append("\"}\n");
        TestApps.ingestText(app, "long.jsonl", lines.toString());
        String place = "*_`~|>".repeat(16) + "abcd"; // 100 characters, every one escaped
        for (int i = 0; i < n; i++)
            sessions()
                    .open(
                            "g1",
                            "long-" + i,
                            1000 + i,
                            clock.instant().plusSeconds(86_400L * (i + 1)),
                            "123456789012345678",
                            place,
                            false,
                            "900",
                            clock.instant());
        long largest = app.commands()
                .definitions()
                .get("sessions")
                .orElseThrow()
                .option("limit")
                .orElseThrow()
                .maxValue();
        Reply r = run(app, MEMBER, "sessions", "limit", largest);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int page = 0; ; page++) {
            var parts = dev.paperclub.discord.DiscordRenderer.parts(r);
            var embed = parts.embeds().get(0);
            assertTrue(embed.getFooter() != null, "page " + page + " keeps its footer");
            assertTrue(embed.getLength() <= dev.paperclub.discord.DiscordRenderer.MESSAGE_EMBED_TOTAL_MAX);
            embed.getFields().forEach(f -> seen.add(f.getName()));
            var next = r.buttons().stream()
                    .filter(b -> b.label().startsWith("Next"))
                    .findFirst();
            if (next.isEmpty()) break;
            r = app.commands().press(next.get().id(), MEMBER).reply();
        }
        assertEquals(n, seen.size(), "every session is shown on some page");
    }

    @Test
    void aChangeWhileDiscordIsStillCreatingTheEventUpdatesThatEventAndMakesNoSecond() {
        CompletableFuture<String> creating = new CompletableFuture<>();
        gateway.nextCreate = creating;
        run(app, MOD, "admin pick", "when", "2026-12-03 18:30");
        Reply moved = run(app, MOD, "admin session", "when", "2026-12-04 19:00");
        assertTrue(moved.content().contains("as soon as it is created"), moved.content());
        assertEquals(1, gateway.calls.size(), "no second event: " + gateway.calls);
        creating.complete("777000000000000042");
        assertEquals(List.of("create g1 7770000000000000" + "01", "update g1 777000000000000042"), gateway.calls);
        assertEquals(
                Instant.parse("2026-12-04T18:00:00Z"),
                gateway.specs.get(1).start(),
                "the event takes the session's new time");

        // and a cancel while it is being created cancels it once it exists
        CompletableFuture<String> second = new CompletableFuture<>();
        app.votes()
                .vote(
                        "g1",
                        app.commands().resolver().resolve("Pointer Networks").id(),
                        "u9");
        gateway.nextCreate = second;
        run(app, MOD, "admin pick", "when", "2026-12-10 18:30");
        run(app, MOD, "admin session", "cancel", true);
        second.complete("777000000000000043");
        assertEquals("cancel g1 777000000000000043", gateway.calls.get(gateway.calls.size() - 1));
    }

    @Test
    void aSessionWithoutATimeIsClosedByTheNextPickAndNeverComesBack() throws Exception {
        String other = app.commands().resolver().resolve("Pointer Networks").id();
        assertTrue(run(app, MOD, "admin pick").content().startsWith("Picked")); // no time given
        app.votes().vote("g1", other, "u3");
        assertTrue(run(app, MOD, "admin pick").content().startsWith("Picked"));

        Reply.Card card = run(app, MEMBER, "sessions").cards().get(0);
        assertEquals("1 upcoming session, 1 past session · times in Europe/Berlin", card.footer());
        assertTrue(
                card.fields().get(0).name().startsWith("1. Upcoming · "),
                card.fields().toString());
        String past = Echo.plain(card.fields().get(1).value());
        assertTrue(
                card.fields().get(1).name().startsWith("2. Past · "),
                card.fields().toString());
        assertTrue(past.startsWith("no time was set"), past);

        // /admin session edits the newest; canceling it does not make the closed one "upcoming" again
        assertEquals(
                other, sessions().upcoming("g1", clock.instant()).orElseThrow().paperId());
        run(app, MOD, "admin session", "cancel", true);
        assertTrue(sessions().upcoming("g1", clock.instant()).isEmpty());
    }

    @Test
    void sessionsListsUpcomingThenPastWithTheirTrueFiguresAndPages() throws Exception {
        String other = app.commands().resolver().resolve("Pointer Networks").id();
        assertTrue(run(app, MOD, "admin pick", "when", "2026-11-26 18:00", "presenter", "alice")
                .content()
                .startsWith("Picked"));
        app.votes().vote("g1", other, "u3");
        assertTrue(run(app, MOD, "admin pick", "when", "2026-12-10 18:00")
                .content()
                .startsWith("Picked"));
        app.votes()
                .vote(
                        "g1",
                        app.commands()
                                .resolver()
                                .resolve("Titans: Learning to Memorize at Test Time")
                                .id(),
                        "u4");
        run(app, MOD, "admin pick"); // a third session, canceled: not listed
        run(app, MOD, "admin session", "cancel", true);
        // two notes on the first paper in this server, one in another server (not counted here)
        run(app, MEMBER, "note", "paper", paper, "text", "a");
        run(app, OTHER, "note", "paper", paper, "text", "b");
        run(app, new Caller("102", "far", "g2", "c9", List.of(), false), "note", "paper", paper, "text", "c");
        clock.set(Instant.parse("2026-11-27T00:00:00Z")); // the first session is past now

        Reply r = run(app, MEMBER, "sessions");
        Reply.Card card = r.cards().get(0);
        assertEquals(2, card.fields().size(), card.fields().toString());
        Paper first = app.papers().findAnyPaper(paper).orElseThrow();
        Paper second = app.papers().findAnyPaper(other).orElseThrow();
        assertEquals("1. Upcoming · " + second.title(), card.fields().get(0).name());
        String up = Echo.plain(card.fields().get(0).value());
        assertTrue(up.startsWith("Thu 10 Dec 2026, 18:00 (Europe/Berlin) · 1 vote when picked · 0 notes"), up);
        assertEquals("2. Past · " + first.title(), card.fields().get(1).name());
        String past = Echo.plain(card.fields().get(1).value());
        assertTrue(
                past.startsWith(
                        "Thu 26 Nov 2026, 18:00 (Europe/Berlin) · presented by @alice · 2 votes when picked · 2 notes"),
                past);
        assertEquals("1 upcoming session, 1 past session · times in Europe/Berlin", card.footer());
        assertTrue(r.buttons().isEmpty(), "one page: no paging");

        Reply one = run(app, MEMBER, "sessions", "limit", 1L);
        assertEquals(1, one.cards().get(0).fields().size());
        assertTrue(
                one.cards().get(0).footer().contains("page 1 of 2"),
                one.cards().get(0).footer());
        Reply.Button next = one.buttons().get(0);
        assertEquals("Next ▶", next.label());
        ButtonHandler.ButtonReply turned = app.commands().press(next.id(), MEMBER);
        assertTrue(turned.updatesMessage());
        assertEquals(
                "2. Past · " + first.title(),
                turned.reply().cards().get(0).fields().get(0).name());
        assertEquals("◀ Prev", turned.reply().buttons().get(0).label());
        ButtonHandler.ButtonReply others = app.commands().press(next.id(), OTHER);
        assertFalse(others.updatesMessage());
        assertTrue(others.reply().ephemeral());
    }
}
