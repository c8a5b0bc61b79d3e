package dev.paperclub.command;

import static dev.paperclub.command.MemberCommandsTest.allText;
import static dev.paperclub.command.MemberCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.TestApps;
import dev.paperclub.config.Config;
import dev.paperclub.console.ConsoleParser;
import dev.paperclub.feed.ArxivDouble;
import dev.paperclub.feed.ArxivDouble.Answer;
import dev.paperclub.store.AuditStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /admin feed add|list|remove|fetch through the command layer, on a real store, index and HTTP server. */
final class FeedCommandsTest {
    @TempDir
    Path dir;

    ArxivDouble arxiv;
    App app;

    static final Caller MOD = new Caller("900", "mod", "111", "c1", List.of(), true);
    static final Caller MEMBER = new Caller("100", "member", "111", "c1", List.of(), false);
    static final Caller AWAY_MOD = new Caller("901", "away", "222", "c9", List.of(), true);

    @BeforeEach
    void serve() throws Exception {
        arxiv = new ArxivDouble();
        // a permanent failure for the cs.CV feed only
        arxiv.pages = h -> h.param("search_query").equals("cat:cs.CV") ? Answer.status(404) : ArxivDouble.recorded(h);
    }

    @AfterEach
    void close() {
        if (app != null) app.close();
        arxiv.close();
    }

    App open(String... kv) {
        Config c = arxiv.config(TestApps.config(dir.resolve("data")))
                .with("feeds.arxiv.min-interval-seconds", "0.05")
                .with("highlights.timezone", "Europe/Berlin");
        for (int i = 0; i < kv.length; i += 2) c = c.with(kv[i], kv[i + 1]);
        app = App.open(c, new MutableClock(TestApps.NOW));
        return app;
    }

    Reply add(Caller who, Object... kv) {
        return run(app, who, "admin feed add", kv);
    }

    @Test
    void addValidatesWhatItIsGivenWithClearPrivateMessages() {
        open();
        String[][] bad = {
            {"arxiv", null, "Give a `query`"},
            {"arxiv", "cs.XX", "is not an arXiv category"},
            {"arxiv", "x".repeat(301), "at most 300 characters"},
            {"arxiv", "state space models", "Write the search with arXiv's fields"},
            {"arxiv", "foo:bar", "is not an arXiv search field"},
            {"arxiv", "cat:cs.CL AND abs:\"state space", "unclosed"},
            {"arxiv", "cat:cs.ZZ AND abs:mamba", "is not an arXiv category"},
            {"hf-daily", "cs.CL", "takes no `query`"},
            {"rss", "cs.CL", "`source` is `arxiv` or `hf-daily`"},
        };
        for (String[] b : bad) {
            Reply r = b[1] == null ? add(MOD, "source", b[0]) : add(MOD, "source", b[0], "query", b[1]);
            assertTrue(r.ephemeral(), b[1]);
            assertTrue(r.content().contains(b[2]), b[1] + " -> " + r.content());
        }
        Reply tooMany = add(MOD, "source", "arxiv", "query", "cs.CL", "keywords", "a,b,c,d,e,f,g,h,i,j,k");
        assertTrue(tooMany.content().contains("at most 10 keywords"), tooMany.content());
        assertEquals(0, app.feedStore().count("111"), "nothing refused was stored");

        Reply ok = add(MOD, "source", "arxiv", "query", "cs.cl", "keywords", "state space, Mamba, mamba");
        assertTrue(ok.content().startsWith("Subscribed this server to arxiv"), ok.content());
        assertTrue(
                Echo.plain(ok.content()).contains("arxiv cs.CL"), "the category in arXiv's spelling: " + ok.content());
        assertTrue(Echo.plain(ok.content()).contains("state space, Mamba."), "repeats dropped: " + ok.content());
        // 09:00 Berlin highlights, 60 minutes before: 08:00 local the next day (the feed was added at 11:00 local)
        assertTrue(ok.content().contains("First fetch Thu 26 Nov 08:00 (Europe/Berlin)"), ok.content());
        Reply dup = add(MOD, "source", "arxiv", "query", "cat:cs.CL");
        assertTrue(dup.ephemeral() && dup.content().contains("already has that feed"), dup.content());
        for (String q : List.of("cs.LG", "cs.AI", "cs.IR", "stat.ML", "cs.CV", "cs.RO", "cs.NE", "cs.SD")) {
            assertTrue(add(MOD, "source", "arxiv", "query", q).content().startsWith("Subscribed"), q);
        }
        assertTrue(add(MOD, "source", "hf-daily").content().startsWith("Subscribed this server to hf-daily"));
        Reply eleventh = add(MOD, "source", "arxiv", "query", "math.ST");
        assertTrue(eleventh.ephemeral() && eleventh.content().contains("10 feeds, the most"), eleventh.content());
        assertEquals(10, app.feedStore().count("111"));
        // ten feeds with long errors and keywords still fit one message in Discord, none left out
        for (var f : app.feedStore().feeds("111")) {
            app.feedStore()
                    .recordFailure(f.id(), TestApps.NOW, "arXiv said: " + "no such thing ".repeat(40), TestApps.NOW);
        }
        var parts = dev.paperclub.discord.DiscordRenderer.parts(run(app, MOD, "admin feed list"));
        var fields = parts.embeds().get(0).getFields();
        assertEquals(10, fields.size());
        int total = parts.embeds().get(0).getLength();
        assertTrue(total <= 6000, total + " characters");
        assertTrue(fields.stream().allMatch(f -> f.getValue().contains("Next fetch: ")), "no field was cut short");
    }

    @Test
    void listFetchAndRemoveShowWhatEachFeedDid() {
        open();
        assertTrue(run(app, MOD, "admin feed list").content().contains("no feeds"));
        add(MOD, "source", "arxiv", "query", "cs.LG", "keywords", "manipulation");
        add(MOD, "source", "arxiv", "query", "cs.CV");
        String before = allText(run(app, MOD, "admin feed list"));
        assertTrue(before.contains("Last fetch: never"), before);
        assertTrue(before.contains("Next fetch: Thu 26 Nov 08:00 (Europe/Berlin)"), before);
        assertTrue(before.contains("Keywords: ") && before.contains("manipulation"), before);

        assertTrue(app.commands().isSlow(new CommandRequest("admin", "feed fetch", null, MOD)), "deferred, slow pool");
        Reply fetched = run(app, MOD, "admin feed fetch");
        String text = Echo.plain(fetched.content());
        assertTrue(text.startsWith("Fetched 2 feeds (1 failed):"), text);
        assertTrue(text.contains("arxiv cs.LG: 5 added, 0 updated, 0 unchanged (5 new to this feed"), text);
        assertTrue(text.contains("arxiv cs.CV: failed: ") && text.contains("HTTP 404"), text);
        assertEquals(5, app.papers().count());

        String after = Echo.plain(allText(run(app, MOD, "admin feed list")));
        assertTrue(
                after.contains("Last fetch: Wed 25 Nov 11:00 (Europe/Berlin): 5 added, 0 updated, 0 unchanged"), after);
        assertTrue(
                after.contains("Last error: Wed 25 Nov 11:00 (Europe/Berlin): ") && after.contains("HTTP 404"), after);
        assertTrue(
                after.contains("Next fetch: Wed 25 Nov 11:05 (Europe/Berlin)"), "the failed feed's backoff: " + after);

        List<Choice> choices = app.commands().autocomplete("admin feed remove", "feed", "cv", MOD);
        assertEquals(1, choices.size(), choices.toString());
        assertTrue(choices.get(0).name().contains("arxiv cs.CV"), choices.toString());
        assertEquals(List.of(), app.commands().autocomplete("admin feed remove", "feed", "", MEMBER));
        Reply removed =
                run(app, MOD, "admin feed remove", "feed", choices.get(0).value());
        assertTrue(removed.content().startsWith("Unsubscribed this server from arxiv"), removed.content());
        Reply missing = run(app, MOD, "admin feed remove", "feed", "nothing like it");
        assertTrue(missing.ephemeral() && missing.content().contains("has no feed"), missing.content());
        assertEquals(1, app.feedStore().count("111"));
        assertEquals(5, app.papers().count(), "papers a removed feed brought stay");
    }

    @Test
    void theConsoleReadsTheSubcommandGroup() {
        open();
        ConsoleParser parser = new ConsoleParser(app.commands().definitions());
        ConsoleParser.Parsed p = parser.parse("/admin feed add source:arxiv query:cat:cs.CL AND abs:\"state space\"");
        assertEquals("admin feed add", p.key());
        assertEquals("cat:cs.CL AND abs:\"state space\"", p.options().get("query"));
        String help = assertRefusal(() -> parser.parse("/admin feed"));
        assertTrue(help.contains("needs a subcommand") && help.contains("add, list, remove, fetch"), help);
        assertTrue(
                app.commands().definitions().validate().isEmpty(),
                app.commands().definitions().validate().toString());
    }

    private static String assertRefusal(Runnable r) {
        try {
            r.run();
        } catch (CommandException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void outsideTheHomeServersEveryFeedCommandIsRefusedAndAudited() {
        open("discord.home-guild-ids", "111");
        for (String key : List.of("admin feed add", "admin feed list", "admin feed remove", "admin feed fetch")) {
            Object[] opts = key.endsWith("add")
                    ? new Object[] {"source", "arxiv", "query", "cs.CL"}
                    : key.endsWith("remove") ? new Object[] {"feed", "1"} : new Object[0];
            Reply r = run(app, AWAY_MOD, key, opts);
            assertTrue(r.ephemeral(), key);
            assertTrue(r.content().contains("can't change the shared library"), key + " -> " + r.content());
        }
        assertEquals(0, app.feedStore().count("222"));
        assertEquals(0, arxiv.hits().size());
        List<AuditStore.Entry> audit = app.audit().recent("222", 10);
        assertEquals(4, audit.stream().filter(e -> e.result().equals("refused")).count());
        assertEquals(List.of(), app.commands().autocomplete("admin feed remove", "feed", "", AWAY_MOD));
        // the home server's moderator may, and a member may not
        assertTrue(add(MOD, "source", "arxiv", "query", "cs.CL").content().startsWith("Subscribed"));
        assertTrue(add(MEMBER, "source", "arxiv", "query", "cs.LG").content().startsWith("Only moderators"));
        assertFalse(app.feedStore().feeds("111").isEmpty());
    }
}
