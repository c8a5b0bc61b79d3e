package dev.paperclub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import dev.paperclub.App;
import dev.paperclub.RecordingGateway;
import dev.paperclub.TestApps;
import dev.paperclub.command.ChannelGateway.PostException;
import dev.paperclub.discord.DiscordRenderer;
import dev.paperclub.ingest.Arrivals.Arrival;
import dev.paperclub.ingest.IngestReport;
import dev.paperclub.metrics.Scrapes;
import dev.paperclub.watch.WatchService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /watch add|list|remove} through the command layer, and watches meeting arrivals
 * ({@link WatchService}) on a real store and index: one direct message per member per arrival,
 * never twice for a paper and a watch, failures recorded, and the DM's Vote button voting in the
 * server it carries.
 */
final class WatchCommandsTest {
    static final Caller ALICE = new Caller("111", "alice", "g1", "c1", List.of(), false);
    static final Caller BOB = new Caller("222", "bob", "g1", "c1", List.of(), false);
    static final Caller CAROL = new Caller("333", "carol", "g2", "c9", List.of(), false);

    static final String ARRIVAL = String.join(
            "\n",
            paper(
                    "ssm-1",
                    "Selective State Space Models for Long Sequences",
                    "We study state space models.",
                    "Albert Gu"),
            paper(
                    "ssm-2",
                    "Linear Attention Meets State Space Models",
                    "A state space view of linear attention.",
                    "Tri Dao"),
            paper("vis-1", "Vision Transformers at Scale", "Large models for images.", "Ada Lovelace"),
            paper("rob-1", "Dexterous Robot Hands", "Grasping with learned models.", "Ada Lovelace"));

    @TempDir
    Path dir;

    App app;
    RecordingGateway gateway;

    @BeforeEach
    void open() {
        app = App.open(TestApps.config(dir).with("commands.per-user-per-minute", "10000"), TestApps.CLOCK);
        gateway = spy(new RecordingGateway());
        app.gateway().attach(gateway);
    }

    @AfterEach
    void close() {
        app.close();
    }

    static String paper(String id, String title, String abstractText, String author) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"abstract\":\"" + abstractText
                + "\",\"authors\":[\"" + author + "\"],\"url\":\"https://arxiv.org/abs/" + id + "\"}";
    }

    Reply run(Caller c, String sub, Object... kv) {
        Map<String, Object> opts = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) opts.put((String) kv[i], kv[i + 1]);
        return app.commands().handle(new CommandRequest("watch", sub, new Options(opts), c));
    }

    static String text(Reply r) {
        StringBuilder b = new StringBuilder(Echo.plain(r.content()));
        for (Reply.Card c : r.cards()) {
            b.append('\n').append(Echo.plain(c.title()));
            c.fields().forEach(f -> b.append('\n')
                    .append(Echo.plain(f.name()))
                    .append(": ")
                    .append(Echo.plain(f.value())));
            b.append('\n').append(c.footer());
        }
        return b.toString();
    }

    /** Stores the arrival's papers and tells the watches, on this thread. */
    WatchService.Outcome arrive(String guildId) throws Exception {
        IngestReport report = TestApps.ingestText(app, "arrival.jsonl", ARRIVAL);
        return app.watches().notify(new Arrival("test", guildId, report.addedIds(), report.updatedIds()));
    }

    @Test
    void addListAndRemoveAWatch() {
        Reply added = run(ALICE, "add", "query", "\"state space\" models");
        assertTrue(added.ephemeral());
        assertTrue(text(added).contains("Watching **\"state space\" models**"), text(added));
        assertTrue(text(added).contains("1 of 25 watches"), text(added));

        Reply list = run(ALICE, "list");
        assertTrue(list.ephemeral());
        assertEquals(
                "1. \"state space\" models",
                Echo.plain(list.cards().get(0).fields().get(0).name()));
        assertTrue(text(list).contains("0 matches so far"), text(list));
        assertTrue(run(BOB, "list").content().contains("You have no watches here"), "watches are a member's own");

        List<Choice> choices = app.commands().autocomplete("watch remove", "watch", "state", ALICE);
        assertEquals(1, choices.size());
        assertTrue(app.commands().autocomplete("watch remove", "watch", "", BOB).isEmpty(), "only one's own");
        Reply foreign = run(BOB, "remove", "watch", choices.get(0).value());
        assertTrue(foreign.content().contains("You have no watch"), "bob cannot remove alice's watch by its id");

        Reply removed = run(ALICE, "remove", "watch", choices.get(0).value());
        assertTrue(text(removed).contains("Stopped watching **\"state space\" models**"), text(removed));
        assertTrue(run(ALICE, "list").content().contains("You have no watches here"));
    }

    @Test
    void aQueryThatCanMatchNothingIsRefusedWithAReason() {
        for (String q : List.of("-vision", "the of and", "mamba -mamba", "((( )))")) {
            Reply r = run(ALICE, "add", "query", q);
            assertTrue(r.ephemeral(), q);
            assertTrue(r.content().startsWith("I can't watch"), q + " → " + r.content());
            assertTrue(r.content().contains("`/search`"), "says what to do: " + r.content());
        }
        assertTrue(run(ALICE, "add", "query", "mamba -mamba").content().contains("both asks for and excludes"));
        assertTrue(run(ALICE, "add", "query", "-vision").content().contains("no word to look for"));
        assertTrue(run(ALICE, "list").content().contains("You have no watches here"), "nothing was stored");
    }

    @Test
    void aMemberKeepsAtMost25WatchesAndNoDuplicates() {
        for (int i = 0; i < 25; i++)
            assertTrue(run(ALICE, "add", "query", "topic" + i).content().contains("Watching"));
        Reply over = run(ALICE, "add", "query", "one more");
        assertTrue(over.content().contains("You have 25 watches here, the most"), over.content());
        assertTrue(run(ALICE, "add", "query", "topic3").content().contains("already watch"));
        assertTrue(run(ALICE, "list").cards().get(0).title().contains("25 of 25"));
        // the cap is per member and per server
        assertTrue(run(BOB, "add", "query", "one more").content().contains("Watching"));
        assertTrue(run(new Caller("111", "alice", "g2", "c9", List.of(), false), "add", "query", "one more")
                .content()
                .contains("Watching"));
    }

    @Test
    void twentyFiveOfTheLongestWatchesAreAllListedAsDiscordShowsThem() {
        for (int i = 0; i < 25; i++) {
            String query = ("topic" + i + " ") + "word ".repeat(57) + "end"; // nearly 300 characters
            assertTrue(run(ALICE, "add", "query", query).content().contains("Watching"), query.length() + "");
        }
        var embed = DiscordRenderer.parts(run(ALICE, "list")).embeds().get(0);
        assertEquals(25, embed.getFields().size(), "every watch is listed");
        assertTrue(embed.getFooter() != null, "with the footer");
        assertTrue(embed.getLength() <= DiscordRenderer.MESSAGE_EMBED_TOTAL_MAX, "" + embed.getLength());
    }

    @Test
    void whenTheBotLeavesAServerItsFeedsAndWatchesGoAndItsMembersGetNoMoreMessages() throws Exception {
        run(ALICE, "add", "query", "state space");
        run(CAROL, "add", "query", "state space");
        app.feedStore()
                .add("g1", "arxiv", "cs.LG", dev.paperclub.feed.ArxivQuery.search("cs.LG"), null, "900", TestApps.NOW)
                .orElseThrow();
        app.serverEvents().left("g1");
        assertEquals(0, app.feedStore().count("g1"));
        assertTrue(app.watchStore().watches("g1").isEmpty());
        assertEquals(1, app.watchStore().watches("g2").size(), "another server's are kept");
        var entry = app.audit().recent("g1", 5).stream()
                .filter(e -> e.action().equals("left server"))
                .findFirst()
                .orElseThrow();
        assertTrue(entry.detail().contains("1 feed(s) and 1 watch(es)"), entry.detail());
        // a CLI ingest (every server's watches) reaches carol in g2 only
        IngestReport report = TestApps.ingestText(app, "arrival.jsonl", ARRIVAL);
        app.watches().notify(new Arrival("CLI ingest", null, report.addedIds(), List.of()));
        assertEquals(
                List.of("333"),
                gateway.directMessages.stream()
                        .map(RecordingGateway.Post::channelId)
                        .toList());
    }

    @Test
    void aPaperMatchingOnesWatchesInTwoServersIsCountedOnce() throws Exception {
        run(ALICE, "add", "query", "state space");
        run(new Caller("111", "alice", "g2", "c9", List.of(), false), "add", "query", "state space");
        IngestReport report = TestApps.ingestText(app, "arrival.jsonl", ARRIVAL);
        app.watches().notify(new Arrival("CLI ingest", null, report.addedIds(), List.of()));
        assertEquals(1, gateway.directMessages.size(), "one message for the arrival");
        Reply dm = gateway.directMessages.get(0).message();
        assertTrue(dm.content().startsWith("🔔 2 new papers matched your watches in 2 servers"), dm.content());
        assertEquals(4, dm.cards().size(), "a card per paper and server, each Vote counting in its server");
    }

    @Test
    void anEchoedQueryCannotPingOrFormat() {
        String hostile = "@everyone **bold** <@&123> transformers";
        Reply r = run(ALICE, "add", "query", hostile);
        assertTrue(r.content().contains(Echo.of(hostile)), "the query is marked as echoed text: " + r.content());
        String discord = DiscordRenderer.create(r).getContent();
        assertTrue(discord.contains("\\*\\*bold\\*\\*"), "markdown escaped: " + discord);
        assertTrue(DiscordRenderer.create(r).getAllowedMentions().isEmpty(), "no mention allowed");
    }

    @Test
    void anArrivalSendsEachMatchingMemberOneDirectMessage() throws Exception {
        run(ALICE, "add", "query", "\"state space\" models");
        run(ALICE, "add", "query", "author:lovelace robot");
        run(BOB, "add", "query", "vision -robot");
        run(CAROL, "add", "query", "state space");

        WatchService.Outcome o = arrive("g1");
        assertEquals(new WatchService.Outcome(3, 2, 0), o);
        Map<String, List<RecordingGateway.Post>> byMember =
                gateway.directMessages.stream().collect(Collectors.groupingBy(RecordingGateway.Post::channelId));
        assertEquals(Set.of("111", "222"), byMember.keySet(), "carol watches in another server");
        assertEquals(1, byMember.get("111").size(), "one message per member per arrival");
        Reply dm = byMember.get("111").get(0).message();
        assertTrue(dm.content().contains("3 new papers matched your watches"), dm.content());
        assertEquals(
                List.of(
                        "1. Selective State Space Models for Long Sequences",
                        "2. Linear Attention Meets State Space Models",
                        "3. Dexterous Robot Hands"),
                dm.cards().stream().map(Reply.Card::title).toList());
        Reply.Card first = dm.cards().get(0);
        assertEquals("https://arxiv.org/abs/ssm-1", first.url(), "the title links to the paper's page");
        assertTrue(text(dm).contains("TL;DR: We study state space models."), text(dm));
        assertTrue(text(dm).contains("Your watch: **\"state space\" models**"), text(dm));
        assertTrue(text(dm).contains("Your watch: **author:lovelace robot**"), text(dm));
        assertEquals(
                List.of("Vote 1", "Vote 2", "Vote 3"),
                dm.buttons().stream().map(Reply.Button::label).toList());
        assertEquals(
                ButtonId.of(ButtonAction.WATCH_VOTE, "ssm-1", "g1").encode(),
                dm.buttons().get(0).id(),
                "the button carries the server");
        Reply bobs = byMember.get("222").get(0).message();
        assertEquals(
                List.of("Vision Transformers at Scale"),
                bobs.cards().stream().map(Reply.Card::title).toList());

        assertTrue(text(run(ALICE, "list")).contains("2 matches so far"), text(run(ALICE, "list")));
        assertTrue(text(run(ALICE, "list")).contains("1 match so far"), text(run(ALICE, "list")));
    }

    @Test
    void aPaperNeverNotifiesTheSameWatchTwice() throws Exception {
        run(ALICE, "add", "query", "state space");
        run(CAROL, "add", "query", "state space");
        IngestReport report = TestApps.ingestText(app, "arrival.jsonl", ARRIVAL);
        Arrival fromServer = new Arrival("test", "g1", report.addedIds(), List.of());
        assertEquals(1, app.watches().notify(fromServer).messagesSent());
        assertEquals(new WatchService.Outcome(0, 0, 0), app.watches().notify(fromServer), "the same arrival again");
        // a CLI ingest (no server) reaches every server's watches: carol's, not alice's again
        WatchService.Outcome cli = app.watches().notify(new Arrival("CLI ingest", null, report.addedIds(), List.of()));
        assertEquals(new WatchService.Outcome(1, 1, 0), cli);
        assertEquals(
                List.of("111", "333"),
                gateway.directMessages.stream()
                        .map(RecordingGateway.Post::channelId)
                        .toList());
        assertTrue(text(run(ALICE, "list")).contains("2 matches so far"));
    }

    @Test
    void aFailedDirectMessageIsRecordedAndShownInTheList() throws Exception {
        doThrow(PostException.refusedByRecipient(
                        "Discord would not deliver it: you don't accept direct messages from me", null))
                .when(gateway)
                .directMessage(eq("222"), anyString(), any());
        doThrow(new PostException("not connected to Discord yet"))
                .when(gateway)
                .directMessage(eq("333"), anyString(), any());
        run(ALICE, "add", "query", "state space");
        run(BOB, "add", "query", "vision");

        assertEquals(new WatchService.Outcome(2, 1, 1), arrive("g1"), "alice's message still goes out");
        // /metrics counts both direct messages, and the one that did not go out as a failure
        Map<String, String> dm = Map.of("kind", "direct_message");
        assertEquals(2, Scrapes.value(app.metrics(), "paperclub_posts_total", dm));
        assertEquals(1, Scrapes.value(app.metrics(), "paperclub_post_failures_total", dm));
        String bobs = text(run(BOB, "list"));
        assertTrue(bobs.contains("My last direct message to you failed"), bobs);
        assertTrue(bobs.contains("you don't accept direct messages from me"), bobs);
        assertTrue(bobs.contains("Privacy Settings"), "says what to do: " + bobs);
        assertFalse(text(run(ALICE, "list")).contains("failed"), text(run(ALICE, "list")));
        // a failure that is not the member's doing does not send them to their privacy settings
        run(CAROL, "add", "query", "state space");
        app.watches().notify(new Arrival("test", "g2", List.of("ssm-1", "ssm-2"), List.of()));
        String carols = text(run(CAROL, "list"));
        assertTrue(carols.contains("failed") && carols.contains("not connected to Discord yet"), carols);
        assertFalse(carols.contains("Privacy Settings"), carols);
    }

    @Test
    void theDirectMessagesVoteButtonVotesInTheServerItCarries() throws Exception {
        run(ALICE, "add", "query", "state space");
        arrive("g1");
        String vote = gateway.directMessages.get(0).message().buttons().get(0).id();
        Caller inDm = new Caller("111", "alice", null, "dm-1", List.of(), false);

        ButtonHandler.ButtonReply r = app.commands().press(vote, inDm);
        assertTrue(
                Echo.plain(r.reply().content()).contains("Vote recorded for **Selective State Space Models"),
                Echo.plain(r.reply().content()));
        assertTrue(app.votes().hasVoted("g1", "ssm-1", "111"));
        assertFalse(app.votes().hasVoted("g2", "ssm-1", "111"));
        // a server's own Vote button has no server in a DM: refused, nothing recorded anywhere
        String plainVote = ButtonId.of(ButtonAction.VOTE, "ssm-2").encode();
        assertTrue(app.commands().press(plainVote, inDm).reply().content().contains("inside the server"));
        assertFalse(app.votes().hasVoted("g1", "ssm-2", "111"));

        doReturn(false).when(gateway).isMember("g1", "111");
        String second = gateway.directMessages.get(0).message().buttons().get(1).id();
        assertTrue(app.commands().press(second, inDm).reply().content().contains("no longer a member"));
        assertFalse(app.votes().hasVoted("g1", "ssm-2", "111"));
    }

    @Test
    void aLargeArrivalShowsTenPapersWithinDiscordsLimitsAndCountsTheRest() throws Exception {
        // three long watches that all match every paper: each card names all three
        run(
                ALICE,
                "add",
                "query",
                "reading groups pick papers closely week ".repeat(3).strip());
        run(
                ALICE,
                "add",
                "query",
                "week closely papers pick groups reading ".repeat(3).strip());
        run(
                ALICE,
                "add",
                "query",
                "closely reading week groups papers pick ".repeat(3).strip());
        StringBuilder papers = new StringBuilder();
        String longTitle = "Reading Groups " + "and_their_**markdown** ".repeat(20);
        String longAbstract = "Reading groups pick papers " + "and read them closely, ".repeat(40) + "every week.";
        for (int i = 0; i < 12; i++)
            papers.append(paper("rg-" + i, longTitle + i, longAbstract, "A")).append('\n');
        IngestReport report = TestApps.ingestText(app, "many.jsonl", papers.toString());
        app.watches().notify(new Arrival("test", "g1", report.addedIds(), List.of()));

        Reply dm = gateway.directMessages.get(0).message();
        assertTrue(dm.content().contains("12 new papers matched your watches; the first 10 below"), dm.content());
        // the two without a card are named in the text, with their links: each paper the ledger counts is told
        assertTrue(dm.content().contains("Also matched:"), dm.content());
        assertTrue(dm.content().contains("<https://arxiv.org/abs/rg-10>"), dm.content());
        assertTrue(dm.content().contains("<https://arxiv.org/abs/rg-11>"), dm.content());
        assertTrue(DiscordRenderer.parts(dm).content().length() <= 2_000, "within Discord's 2,000 characters");
        DiscordRenderer.Parts parts = DiscordRenderer.parts(dm);
        assertEquals(10, parts.embeds().size(), "every paper the message counts as shown is shown");
        assertEquals(
                10,
                parts.rows().stream().mapToInt(r -> r.getComponents().size()).sum(),
                "a Vote button for each shown paper");
        int total = parts.embeds().stream().mapToInt(e -> e.getLength()).sum();
        assertTrue(total <= DiscordRenderer.MESSAGE_EMBED_TOTAL_MAX, "within Discord's 6,000: " + total);
        assertTrue(parts.embeds().stream().allMatch(e -> e.getFields().size() == 2), "no field was cut off");
        assertTrue(
                parts.embeds().get(9).getFields().get(1).getValue().contains("closely reading week"),
                "all three watches named");
    }
}
