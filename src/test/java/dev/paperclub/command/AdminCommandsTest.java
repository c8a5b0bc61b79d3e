package dev.paperclub.command;

import static dev.paperclub.command.MemberCommandsTest.allText;
import static dev.paperclub.command.MemberCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.sun.net.httpserver.HttpServer;
import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.RecordingGateway;
import dev.paperclub.TestApps;
import dev.paperclub.command.ChannelGateway.PostException;
import dev.paperclub.store.AuditStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every /admin command and button through the command layer, on a real store and index. */
final class AdminCommandsTest {
    @TempDir
    Path dir;

    App app;
    MutableClock clock;
    RecordingGateway gateway;
    HttpServer server;

    static final Caller MOD = new Caller("900", "mod", "g1", "c1", List.of(), true);
    static final Caller MOD2 = new Caller("901", "mod2", "g1", "c1", List.of(), true);
    static final Caller MEMBER = new Caller("100", "member", "g1", "c1", List.of("r-member"), false);
    static final Caller ROLE_MOD = new Caller("101", "rolemod", "g1", "c1", List.of("r-mods"), false);

    @BeforeEach
    void open() throws Exception {
        clock = new MutableClock(TestApps.NOW);
        gateway = spy(new RecordingGateway());
        app = App.open(
                TestApps.config(dir.resolve("data"))
                        .with("commands.per-user-per-minute", "10000")
                        .with("ingest.allow-private-urls", "true")
                        .with("ingest.max-bytes", "400000"),
                clock);
        app.gateway().attach(gateway);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String name = ex.getRequestURI().getPath().substring(1);
            byte[] body = name.equals("garbled.json")
                    ? "{\"papers\": [1, 2,".getBytes(StandardCharsets.UTF_8)
                    : name.equals("big.txt") ? new byte[500_000] : TestApps.sample(name);
            ex.getResponseHeaders()
                    .set(
                            "Content-Type",
                            name.endsWith(".xml")
                                    ? "application/atom+xml"
                                    : name.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void close() {
        server.stop(0);
        app.close();
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    List<String> adminKeys() {
        return app.commands().definitions().keys().stream()
                .filter(k -> k.startsWith("admin "))
                .toList();
    }

    @Test
    void aPlainMemberIsRefusedEveryAdminCommandAndButtonAndTheRefusalsAreAudited() {
        List<String> keys = adminKeys();
        assertEquals(18, keys.size(), keys.toString());
        for (String key : keys) {
            Reply r = run(app, MEMBER, key, sampleOptions(key));
            assertTrue(r.ephemeral(), key);
            assertTrue(r.content().startsWith("Only moderators"), key + " -> " + r.content());
        }
        long expiry = clock.instant().plusSeconds(60).getEpochSecond();
        Reply b = app.commands()
                .press("confirm-reset|100|" + expiry + "|*", MEMBER)
                .reply();
        assertTrue(b.content().startsWith("Only moderators"), b.content());
        List<AuditStore.Entry> audit = app.audit().recent("g1", 50);
        assertEquals(
                keys.size() + 1,
                audit.stream().filter(e -> e.result().equals("refused")).count());
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("button confirm-reset")));
    }

    /** Options that would satisfy each command, so a refusal can only come from the permission check. */
    private static Object[] sampleOptions(String key) {
        return switch (key) {
            case "admin ingest" -> new Object[] {"url", "http://example.org/x.json"};
            case "admin remove", "admin restore", "admin mark-read" -> new Object[] {"paper", "Pointer Networks"};
            case "admin channel" -> new Object[] {"channel", "c1"};
            case "admin moderator-role" -> new Object[] {"role", "r-member"};
            case "admin feed add" -> new Object[] {"source", "arxiv", "query", "cs.CL"};
            case "admin feed remove" -> new Object[] {"feed", "1"};
            default -> new Object[0];
        };
    }

    @Test
    void theModeratorRoleAndManageServerGrantAccess() {
        assertTrue(run(app, ROLE_MOD, "admin stats").content().startsWith("Only moderators"));
        Reply set = run(app, MOD, "admin moderator-role", "role", "r-mods");
        assertTrue(set.content().contains("<@&r-mods>"), set.content());
        Reply stats = run(app, ROLE_MOD, "admin stats");
        assertTrue(allText(stats).contains("Command latency"), allText(stats));
        assertTrue(allText(stats).contains("summaries"), allText(stats));
        assertTrue(
                run(app, MEMBER, "admin stats").content().startsWith("Only moderators"), "other roles still refused");
        List<AuditStore.Entry> audit = app.audit().recent("g1", 10);
        assertEquals("refused", audit.get(0).result(), "newest first: the member's refusal");
        assertEquals("ok", audit.get(1).result());
        assertEquals("/admin stats", audit.get(1).action());
        assertEquals("101", audit.get(1).userId());
        Reply log = run(app, MOD, "admin audit", "limit", 5L);
        assertTrue(
                allText(log).contains("/admin moderator-role") && allText(log).contains("refused"), allText(log));
        assertTrue(allText(log).contains("stats") && !allText(log).contains("did not fit"), allText(log));
        // long entries: fewer fit in one card than were asked for, and the card says so
        for (int i = 0; i < 50; i++) {
            app.audit()
                    .record(
                            "g1",
                            "900",
                            "/admin ingest",
                            "url=https://example.org/" + "x".repeat(200),
                            "failed",
                            "y".repeat(300),
                            java.time.Instant.now());
        }
        Reply full = run(app, MOD, "admin audit", "limit", 50L);
        String title = full.cards().get(0).title();
        int shown = Integer.parseInt(title.substring(title.lastIndexOf(' ') + 1));
        assertTrue(shown < 50 && full.cards().get(0).description().split("\n").length == shown, title);
        assertTrue(
                full.cards().get(0).footer().contains("The " + (50 - shown) + " older entries asked for did not fit"),
                full.cards().get(0).footer());
    }

    @Test
    void ingestEachSampleFormatByUrl() throws Exception {
        int total = 0;
        for (String s : TestApps.SAMPLES) {
            Reply r = run(app, MOD, "admin ingest", "url", url(s));
            assertFalse(r.ephemeral(), s + " -> " + r.content());
            assertTrue(r.content().contains(" added"), r.content());
            total = app.papers().count();
        }
        assertEquals(201, total);
        assertEquals(201, app.index().count());
        Reply again = run(app, MOD, "admin ingest", "url", url("hf_page_000.txt"), "dry-run", true);
        assertTrue(again.content().startsWith("[dry run]") && again.content().contains("0 added"), again.content());
    }

    @Test
    void oversizedGarbledAndWrongTypeInputsAreRefusedAndTheStoreIsUnchanged() throws Exception {
        TestApps.ingestSample(app, "hf_page_000.txt");
        long seq = app.papers().changeSequence();
        Reply big = run(app, MOD, "admin ingest", "url", url("big.txt"));
        assertTrue(big.ephemeral() && big.content().contains("over the limit"), big.content());
        Reply declared = run(
                app,
                MOD,
                "admin ingest",
                "file",
                new Attachment(url("hf_page_002.txt"), "@everyone_*big*.txt", 9_000_000, "text/plain", false));
        assertTrue(declared.content().contains("over the limit"), declared.content());
        // the file's name sits in an echoed span, so Discord shows it literally, not in italics
        assertTrue(
                Echo.render(declared.content(), x -> x.replace("*", "\\*")).contains("@everyone_\\*big\\*.txt"),
                declared.content());
        Reply garbled = run(app, MOD, "admin ingest", "url", url("garbled.json"));
        assertTrue(garbled.ephemeral() && garbled.content().startsWith("Nothing was ingested"), garbled.content());
        Reply pdf = run(
                app,
                MOD,
                "admin ingest",
                "file",
                new Attachment(url("hf_page_002.txt"), "paper.pdf", 1000, "application/pdf", false));
        assertTrue(pdf.content().contains("not text, JSON or XML"), pdf.content());
        Reply both = run(app, MOD, "admin ingest");
        assertTrue(both.content().contains("Attach a `file` or give a `url`"), both.content());
        assertEquals(seq, app.papers().changeSequence(), "nothing stored");
        assertEquals(22, app.papers().count());
        assertTrue(
                app.audit().recent("g1", 10).stream().anyMatch(e -> e.result().equals("failed")));
    }

    @Test
    void anAttachmentIsDownloadedThroughTheFetcherOrReadLocally() throws Exception {
        Reply r = run(
                app,
                MOD,
                "admin ingest",
                "file",
                new Attachment(url("hf_page_002.txt"), "page.txt", 1000, "text/plain", false));
        assertTrue(r.content().contains("page.txt") && r.content().contains("36 added"), r.content());
        Path local = dir.resolve("api.json");
        Files.write(local, TestApps.sample("hf_daily_papers_2026-06.json"));
        Reply l = run(
                app,
                MOD,
                "admin ingest",
                "file",
                new Attachment(local.toString(), "api.json", Files.size(local), null, true));
        assertTrue(l.content().contains("api.json") && l.content().contains("added"), l.content());
    }

    @Test
    void changesActOnlyOnAPaperNamedWithoutDoubt() throws Exception {
        TestApps.ingestAllSamples(app);
        // "Attention Is All You Need" is not in the library; its best loose match shares only "all you need"
        Reply vote = run(app, MEMBER, "vote", "paper", "Attention Is All You Need");
        assertTrue(
                Echo.plain(vote.content())
                        .startsWith("No paper is called “Attention Is All You Need”. Did you mean **A Stationary"),
                vote.content());
        Reply remove = run(app, MOD, "admin remove", "paper", "Attention Is All You Need");
        assertTrue(remove.content().contains("Did you mean"), remove.content());
        assertEquals(201, app.papers().count(), "nothing removed");
        assertTrue(run(app, MOD, "admin mark-read", "paper", "mamba").content().contains("matches several papers"));
        // read-only commands still show the best match, and any form of an arXiv id names its paper
        assertTrue(allText(run(app, MEMBER, "paper", "paper", "Attention Is All You Need"))
                .contains("A Stationary"));
        for (String typed : List.of("2606.13501v2", "arXiv:2606.13501", "https://arxiv.org/abs/2606.13501v1")) {
            String reply = allText(run(app, MOD, "paper", "paper", typed)); // a moderator's /paper shows the id
            assertTrue(reply.contains("2606.13501"), typed + ": " + reply);
        }
    }

    @Test
    void removeAndRestoreKeepTheIndexInStep() throws Exception {
        TestApps.ingestAllSamples(app);
        Reply removed = run(app, MOD, "admin remove", "paper", "Pointer Networks");
        assertTrue(Echo.plain(removed.content()).startsWith("Removed **Pointer Networks**"), removed.content());
        assertEquals(200, app.index().count());
        assertFalse(
                allText(run(app, MEMBER, "search", "query", "Pointer Networks")).contains("1. Pointer Networks"));
        assertTrue(run(app, MOD, "admin remove", "paper", "Pointer Networks")
                        .content()
                        .length()
                > 0);
        String id = app.papers()
                .findAnyByTitle("Pointer Networks")
                .orElseThrow()
                .paper()
                .id();
        // restore suggests removed papers, which search (and so every other paper option) no longer has
        assertEquals(
                List.of(new Choice("Pointer Networks", id)),
                app.commands().autocomplete("admin restore", "paper", "pointer net", MOD));
        assertEquals(
                List.of(new Choice("Pointer Networks", id)),
                app.commands().autocomplete("admin restore", "paper", "", MOD));
        assertEquals(List.of(), app.commands().autocomplete("admin restore", "paper", "100%_", MOD));
        assertEquals(
                List.of(), app.commands().autocomplete("admin restore", "paper", "pointer", MEMBER), "moderators only");
        assertFalse(app.commands().autocomplete("admin remove", "paper", "pointer", MOD).stream()
                .anyMatch(c -> c.value().equals(id)));
        Reply restored = run(app, MOD, "admin restore", "paper", "pointer networks");
        assertTrue(Echo.plain(restored.content()).startsWith("Restored **Pointer Networks**"), restored.content());
        assertEquals(201, app.index().count());
        assertTrue(run(app, MOD, "admin restore", "paper", "Pointer Networks")
                .content()
                .contains("isn't removed"));
        assertTrue(run(app, MOD, "admin restore", "paper", "No Such Paper At All")
                .content()
                .startsWith("No paper matches"));
    }

    @Test
    void reindexReportsProgress() throws Exception {
        TestApps.ingestAllSamples(app);
        List<String> progress = new ArrayList<>();
        Reply r = app.commands().handle(new CommandRequest("admin", "reindex", Options.none(), MOD, progress::add));
        assertTrue(r.content().startsWith("Rebuilt the search index: 201 papers"), r.content());
        assertTrue(
                progress.size() >= 2 && progress.get(progress.size() - 1).contains("201 papers indexed"),
                progress.toString());
    }

    @Test
    void pickAnnouncesTheTopPaperWithTiesGoingToTheEarliestVote() throws Exception {
        TestApps.ingestAllSamples(app);
        String a = app.commands().resolver().resolve("Pointer Networks").id();
        String b = app.commands()
                .resolver()
                .resolve("Titans: Learning to Memorize at Test Time")
                .id();
        app.votes().vote("g1", b, "u1");
        clock.advance(Duration.ofMinutes(1));
        app.votes().vote("g1", a, "u2");
        clock.advance(Duration.ofMinutes(1));
        app.votes().vote("g1", a, "u3");
        app.votes().vote("g1", b, "u4"); // 2 : 2, b's first vote is earlier
        Reply inReply = run(app, MOD, "admin pick");
        assertTrue(inReply.content().contains("Next read") && inReply.content().contains(b), inReply.content());
        assertTrue(app.voteStore().isRead("g1", b));
        assertEquals(2, app.voteStore().tally("g1", a), "other votes carry over");

        run(app, MOD, "admin channel", "channel", "news");
        Reply announced = run(app, MOD, "admin pick");
        assertTrue(announced.content().contains("announcing it in <#news>"), announced.content());
        assertEquals(1, gateway.in("news").size());
        assertTrue(gateway.in("news").get(0).message().content().contains(a));
        assertTrue(run(app, MOD, "admin pick").content().startsWith("Nothing to pick"));
    }

    @Test
    void markReadTakesAPaperOffTheReadingList() throws Exception {
        TestApps.ingestAllSamples(app);
        String id = app.commands().resolver().resolve("Pointer Networks").id();
        app.votes().vote("g1", id, "u1");
        assertTrue(run(app, MOD, "admin mark-read", "paper", id).content().startsWith("Marked"));
        assertTrue(app.voteStore().readingList("g1", 10).isEmpty());
        assertTrue(run(app, MOD, "admin mark-read", "paper", id).content().contains("already"));
    }

    @Test
    void resetVotesNeedsTheCallersOwnTimelyConfirmation() throws Exception {
        TestApps.ingestAllSamples(app);
        String id = app.commands().resolver().resolve("Pointer Networks").id();
        app.votes().vote("g1", id, "u1");
        app.votes().vote("g1", id, "u2");
        Reply ask = run(app, MOD, "admin reset-votes");
        assertTrue(ask.ephemeral());
        String confirm = ask.buttons().get(0).id();
        assertTrue(confirm.startsWith("confirm-reset|900|"), confirm);

        Reply other = app.commands().press(confirm, MOD2).reply();
        assertTrue(other.content().startsWith("Only the moderator who ran"), other.content());
        assertEquals(2, app.voteStore().tally("g1", id));

        clock.advance(Duration.ofSeconds(61));
        Reply late = app.commands().press(confirm, MOD).reply();
        assertTrue(late.content().contains("expired"), late.content());
        assertEquals(2, app.voteStore().tally("g1", id));
        assertTrue(app.audit().recent("g1", 5).stream()
                .filter(e -> e.action().equals("button confirm-reset"))
                .allMatch(e -> e.result().equals("failed")));

        Reply again = run(app, MOD, "admin reset-votes", "paper", id);
        ButtonHandler.ButtonReply done =
                app.commands().press(again.buttons().get(0).id(), MOD);
        assertTrue(done.updatesMessage());
        assertTrue(
                done.reply().content().startsWith("Reset 2 open votes"),
                done.reply().content());
        assertEquals(0, app.voteStore().tally("g1", id));
        app.votes().vote("g1", id, "u3");
        Reply twice = app.commands().press(again.buttons().get(0).id(), MOD).reply();
        assertTrue(twice.content().startsWith("This reset was already carried out"), twice.content());
        assertEquals(1, app.voteStore().tally("g1", id), "a vote cast since is kept");
        assertTrue(app.commands()
                .press("confirm-reset|900|notanumber|*", MOD)
                .reply()
                .content()
                .contains("damaged"));
    }

    @Test
    void channelScheduleAndPostHighlights() throws Exception {
        TestApps.ingestAllSamples(app);
        Reply none = run(app, MOD, "admin post-highlights");
        assertTrue(none.ephemeral() && none.content().contains("/admin channel"), none.content());
        Reply shown = run(app, MOD, "admin schedule");
        assertTrue(allText(shown).contains("09:00 UTC"), allText(shown));
        assertTrue(run(app, MOD, "admin schedule", "timezone", "Mars/Olympus")
                .content()
                .contains("IANA"));
        assertTrue(run(app, MOD, "admin schedule", "time", "25:00").content().contains("HH:MM"));
        Reply set = run(
                app,
                MOD,
                "admin schedule",
                "time",
                "7:45",
                "timezone",
                "Asia/Tokyo",
                "count",
                2L,
                "keywords",
                "speech, diffusion");
        assertTrue(
                allText(set).contains("07:45 Asia/Tokyo") && allText(set).contains("speech, diffusion"), allText(set));
        run(app, MOD, "admin channel", "channel", "<#777>");
        assertEquals("777", app.settings().get("g1").channelId());

        Reply preview = run(app, MEMBER, "highlights");
        assertTrue(preview.ephemeral());
        assertTrue(allText(preview).contains("Why:") && preview.content().contains("<#777>"), allText(preview));

        Reply posted = run(app, MOD, "admin post-highlights");
        assertTrue(posted.content().startsWith("Posted 2 highlights in <#777>"), posted.content());
        assertEquals(1, gateway.in("777").size());
        Reply twice = run(app, MOD, "admin post-highlights");
        assertTrue(twice.content().contains("already posted"), twice.content());
        assertEquals(1, gateway.in("777").size(), "the ledger holds for manual posts too");
        assertTrue(run(app, MEMBER, "highlights").content().contains("Today's post is out"));

        run(app, MOD, "admin schedule", "keywords", "-");
        assertEquals(null, app.settings().get("g1").keywords());
        doThrow(new PostException("Unknown Channel (10003)"))
                .when(gateway)
                .post(eq("777"), any()); // the channel was deleted
        clock.advance(Duration.ofDays(1));
        Reply failed = run(app, MOD, "admin post-highlights");
        assertTrue(failed.ephemeral() && failed.content().startsWith("Couldn't post in <#777>"), failed.content());
    }

    @Test
    void highlightsWithoutAChannelSaysHowToSetOne() {
        Reply r = run(app, MEMBER, "highlights");
        assertTrue(r.ephemeral());
        assertTrue(r.content().contains("/admin channel") && r.content().contains("All caught up"), r.content());
    }
}
