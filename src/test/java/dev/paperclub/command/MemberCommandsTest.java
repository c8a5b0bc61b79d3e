package dev.paperclub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.config.Config;
import dev.paperclub.search.SearchMode;
import dev.paperclub.search.SearchQuery;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every member command through the command layer, on a real store and index built from the samples. */
final class MemberCommandsTest {
    @TempDir
    static Path dir;

    static App app;

    static final Caller ALICE = new Caller("111", "alice", "g1", "c1", List.of(), false);
    static final Caller BOB = new Caller("222", "bob", "g1", "c1", List.of(), false);

    @BeforeAll
    static void open() throws Exception {
        // many commands from one user: lift the rate limit, which has its own test
        app = App.open(
                TestApps.config(dir.resolve("shared")).with("commands.per-user-per-minute", "10000"), TestApps.CLOCK);
        TestApps.ingestAllSamples(app);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    static Reply run(App a, Caller c, String name, Object... kv) {
        Map<String, Object> opts = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) opts.put((String) kv[i], kv[i + 1]);
        String sub = null;
        if (name.contains(" ")) {
            sub = name.substring(name.indexOf(' ') + 1);
            name = name.substring(0, name.indexOf(' '));
        }
        return a.commands().handle(new CommandRequest(name, sub, new Options(opts), c));
    }

    static String allText(Reply r) {
        StringBuilder b = new StringBuilder(r.content());
        for (Reply.Card c : r.cards()) {
            b.append('\n').append(c.title()).append('\n').append(c.description());
            c.fields().forEach(f -> b.append('\n').append(f.name()).append(": ").append(f.value()));
            b.append('\n').append(c.footer());
        }
        return b.toString();
    }

    static Button button(Reply r, String labelPrefix) {
        return r.buttons().stream()
                .filter(b -> b.label().startsWith(labelPrefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button " + labelPrefix + " in " + r.buttons()));
    }

    @Test
    void searchFindsATitleFirstAndPages() {
        Reply r = run(app, ALICE, "search", "query", "Pointer Networks", "limit", 2L);
        assertFalse(r.ephemeral());
        assertTrue(r.cards().get(0).fields().get(0).name().startsWith("1. Pointer Networks"), allText(r));
        assertTrue(r.content().contains("page 1 of"), r.content());
        assertEquals(3, r.rows().size(), "summaries, votes, paging");
        assertEquals(
                List.of("Summary 1", "Summary 2"),
                r.rows().get(0).stream().map(Button::label).toList());
        assertEquals(
                List.of("Vote 1", "Vote 2"),
                r.rows().get(1).stream().map(Button::label).toList());
        Button next = button(r, "Next");
        assertTrue(next.id().length() <= 100);

        ButtonHandler.ButtonReply page2 = app.commands().press(next.id(), ALICE);
        assertTrue(page2.updatesMessage());
        assertTrue(page2.reply().content().contains("page 2 of"), page2.reply().content());
        assertTrue(page2.reply().cards().get(0).fields().get(0).name().startsWith("3. "));
        assertTrue(page2.reply().buttons().stream().anyMatch(b -> b.label().startsWith("◀ Prev")));

        ButtonHandler.ButtonReply summary =
                app.commands().press(button(r, "Summary 1").id(), ALICE);
        assertTrue(summary.reply().ephemeral());
        assertTrue(allText(summary.reply()).contains("TL;DR"));
    }

    @Test
    void theCountIsTrueAndTheLastPageIsReachable() {
        // quoted, the word is required, so papers close in meaning cannot join in whether or not vectors are ready yet
        String query = "\"language\"";
        long matching = app.search()
                .search(SearchQuery.of(query, 1), SearchMode.LEXICAL)
                .totalHits();
        assertTrue(matching > 21, "more pages than the old cap of 21: " + matching);
        Reply r = run(app, ALICE, "search", "query", query, "limit", 1L);
        assertTrue(
                r.content().startsWith(matching + " papers match `" + query + "` — page 1 of " + matching),
                r.content());
        ButtonHandler.ButtonReply page = null;
        Reply last = r;
        for (int i = 1; i < matching; i++) {
            page = app.commands().press(button(last, "Next").id(), ALICE);
            last = page.reply();
        }
        assertTrue(last.content().contains("page " + matching + " of " + matching), last.content());
        assertTrue(last.cards().get(0).fields().get(0).name().startsWith(matching + ". "), allText(last));
        assertTrue(
                last.buttons().stream().noneMatch(b -> b.label().startsWith("Next")), "no Next after the last match");
    }

    @Test
    void searchSnippetsBoldTheMatchesAndLongQueriesStillPage() {
        Reply r = run(app, ALICE, "search", "query", "speech recognition", "limit", 3L);
        assertTrue(allText(r).contains("**"), allText(r));
        String longQuery =
                "speech recognition with end to end transformer models for low resource languages and dialects";
        Reply l = run(app, ALICE, "search", "query", longQuery, "limit", 1L);
        Button next = button(l, "Next");
        assertTrue(next.id().startsWith("paget|"), next.id());
        assertTrue(app.commands().press(next.id(), ALICE).reply().content().contains("page 2"));
    }

    @Test
    void searchOptionsAreChecked() {
        assertTrue(run(app, ALICE, "search", "query", "attention", "limit", 11L)
                .content()
                .contains("between 1 and 10"));
        Reply since = run(app, ALICE, "search", "query", "attention", "since", "yesterday");
        assertTrue(since.ephemeral());
        Reply starred = run(app, ALICE, "search", "query", "attention", "since", "*soon*");
        // the typed value is quoted in an echoed span, so Discord shows it literally, not in italics
        assertTrue(
                Echo.render(starred.content(), x -> x.replace("*", "\\*")).contains("'\\*soon\\*'"), starred.content());
        assertTrue(run(app, ALICE, "search").content().contains("Please give `query`"));
        assertTrue(run(app, ALICE, "search", "query", "x", "color", "red")
                .content()
                .contains("no option `color`"));
        for (String hostile :
                new String[] {"\"", "(", "title:", "*", "-", "a".repeat(300), "🙂", "مرحبا", "AND OR NOT"}) {
            Reply h = run(app, ALICE, "search", "query", hostile);
            assertFalse(h.content().contains("Something went wrong"), hostile + " -> " + h.content());
        }
    }

    @Test
    void searchWithNoHitsSuggestsACorrection() {
        Reply r = run(app, ALICE, "search", "query", "transformr");
        assertTrue(r.content().contains("Did you mean"), r.content());
        assertTrue(button(r, "Search").id().startsWith("page|"));
    }

    @Test
    void paperResolvesIdsTitlesUrlsAndBestMatches() {
        Reply byId = run(app, ALICE, "paper", "paper", "1601.00001");
        assertEquals(
                "Inelastic effects in molecular transport junctions: The probe technique at high bias",
                byId.cards().get(0).title());
        assertEquals("https://arxiv.org/abs/1601.00001", byId.cards().get(0).url());
        assertEquals(
                List.of("Vote", "Summary", "Similar", "Open"),
                byId.buttons().stream().map(Button::label).toList());
        Reply byUrl = run(app, ALICE, "paper", "paper", "https://arxiv.org/abs/1601.00001v2");
        assertEquals(byId.cards().get(0).title(), byUrl.cards().get(0).title());
        Reply exact = run(app, ALICE, "paper", "paper", "pointer networks");
        assertEquals("Pointer Networks", exact.cards().get(0).title());
        Reply fuzzy = run(app, ALICE, "paper", "paper", "FastSpeech robust controllable");
        assertTrue(
                fuzzy.cards().get(0).title().startsWith("FastSpeech"),
                fuzzy.cards().get(0).title());
        Reply none = run(app, ALICE, "paper", "paper", "qwxzv plorkt");
        assertTrue(none.ephemeral());
        assertTrue(none.content().startsWith("No paper matches"), none.content());
    }

    @Test
    void summarizeSaysItIsExtracted() {
        Reply r = run(app, ALICE, "summarize", "paper", "Pointer Networks");
        Reply.Card c = r.cards().get(0);
        assertEquals("TL;DR", c.fields().get(0).name());
        assertTrue(c.footer().contains("Extracted from the abstract"));
        assertTrue(c.fields().stream().anyMatch(f -> f.name().equals("Keywords")));
    }

    @Test
    void similarExcludesThePaperItself() {
        Reply r = run(app, ALICE, "similar", "paper", "Pointer Networks", "limit", 3L);
        assertTrue(r.cards().get(0).title().startsWith("Papers like: Pointer Networks"));
        assertEquals(3, r.cards().get(0).fields().size());
        assertTrue(r.cards().get(0).fields().stream().noneMatch(f -> f.name().endsWith(". Pointer Networks")));
    }

    @Test
    void autocompleteOffersTitlesAsNamesAndIdsAsValues() {
        List<Choice> choices = app.commands().autocomplete("paper", "paper", "pointer", ALICE);
        assertFalse(choices.isEmpty());
        assertTrue(choices.size() <= 25);
        assertTrue(choices.stream()
                .allMatch(c ->
                        c.name().length() <= 100 && app.papers().find(c.value()).isPresent()));
        assertEquals("Pointer Networks", choices.get(0).name());
        assertTrue(app.commands().autocomplete("search", "query", "x", ALICE).isEmpty(), "query is not autocompleted");
    }

    @Test
    void forgedAndStaleButtonsGetAClearAnswer() {
        for (String forged : new String[] {"zzz|1", "vote|no-such-paper", "pg|x|y", "pgt|0|deadbeef0000", "", "vote"}) {
            ButtonHandler.ButtonReply r = app.commands().press(forged, ALICE);
            assertTrue(r.reply().ephemeral(), forged);
            assertFalse(
                    r.reply().content().contains("Something went wrong"),
                    forged + " -> " + r.reply().content());
            assertFalse(r.reply().content().isBlank(), forged);
        }
    }

    @Test
    void votesAreIdempotentAndTheReadingListRanksThem(@TempDir Path own) throws Exception {
        try (App a = App.open(TestApps.config(own).with("commands.per-user-per-minute", "10000"), TestApps.CLOCK)) {
            TestApps.ingestAllSamples(a);
            Caller carol = new Caller("333", "carol", "g1", "c1", List.of(), false);
            assertTrue(
                    run(a, ALICE, "vote", "paper", "Pointer Networks").content().contains("1 vote now"));
            Reply again = run(a, ALICE, "vote", "paper", "Pointer Networks");
            assertTrue(again.ephemeral() && again.content().contains("already voted"), again.content());
            run(a, BOB, "vote", "paper", "FastSpeech: Fast, Robust and Controllable Text to Speech");
            run(a, carol, "vote", "paper", "FastSpeech: Fast, Robust and Controllable Text to Speech");
            run(a, BOB, "vote", "paper", "Pointer Networks");
            run(a, carol, "vote", "paper", "1601.00001");
            // Pointer Networks and FastSpeech both have 2; Pointer Networks was voted first
            Reply list = run(a, ALICE, "reading-list");
            List<Reply.Field> f = list.cards().get(0).fields();
            assertTrue(
                    f.get(0).name().endsWith("Pointer Networks")
                            && f.get(0).value().startsWith("2 votes · ✅ you voted"),
                    f.toString());
            assertTrue(
                    f.get(1).name().contains("FastSpeech") && !f.get(1).value().contains("you voted"), f.toString());
            assertTrue(f.get(2).value().startsWith("1 vote"));
            assertTrue(run(a, ALICE, "unvote", "paper", "Pointer Networks")
                    .content()
                    .contains("1 vote now"));
            assertTrue(run(a, ALICE, "unvote", "paper", "Pointer Networks")
                    .content()
                    .contains("no vote"));
            // another server has its own votes
            Caller elsewhere = new Caller("111", "alice", "g2", "c9", List.of(), false);
            assertTrue(run(a, elsewhere, "reading-list").content().contains("empty"));
        }
    }

    @Test
    void theVoteButtonVotesOnceAndTheUnvoteButtonTakesItBack(@TempDir Path own) throws Exception {
        try (App a = TestApps.open(own)) {
            TestApps.ingestAllSamples(a);
            Reply paper = run(a, ALICE, "paper", "paper", "Pointer Networks");
            String vote = button(paper, "Vote").id();
            String id = vote.substring("vote|".length());
            assertTrue(a.commands().press(vote, ALICE).reply().content().contains("1 vote now"));
            // pressed again (a card still on screen, or someone else's card): as idempotent as /vote
            assertTrue(a.commands().press(vote, ALICE).reply().content().startsWith("You've already voted"));
            assertEquals(1, a.voteStore().tally("g1", id));
            Reply after = run(a, ALICE, "paper", "paper", "Pointer Networks");
            assertEquals("Unvote", after.buttons().get(0).label());
            assertTrue(after.cards().get(0).fields().stream()
                    .anyMatch(x -> x.name().equals("Team votes") && x.value().equals("1")));
            String unvote = after.buttons().get(0).id();
            assertTrue(a.commands().press(unvote, ALICE).reply().content().contains("Vote removed"));
            assertTrue(a.commands().press(unvote, ALICE).reply().content().startsWith("You haven't voted"));
            assertEquals(0, a.voteStore().tally("g1", id));
        }
    }

    @Test
    void theVoteBudgetIsEnforced(@TempDir Path own) throws Exception {
        Config c = TestApps.config(own).with("votes.per-member", "1");
        try (App a = App.open(c, TestApps.CLOCK)) {
            TestApps.ingestAllSamples(a);
            assertTrue(
                    run(a, ALICE, "vote", "paper", "Pointer Networks").content().contains("0 of 1 votes left"));
            Reply over = run(a, ALICE, "vote", "paper", "1601.00001");
            assertTrue(over.ephemeral() && over.content().contains("used all 1"), over.content());
            run(a, ALICE, "unvote", "paper", "Pointer Networks");
            assertTrue(run(a, ALICE, "vote", "paper", "1601.00001").content().contains("Vote recorded"));
        }
    }

    @Test
    void membersAreRateLimitedWithAFriendlyReply(@TempDir Path own) {
        Config c = TestApps.config(own).with("commands.per-user-per-minute", "2");
        try (App a = App.open(c, TestApps.CLOCK)) {
            run(a, ALICE, "help");
            run(a, ALICE, "help");
            Reply third = run(a, ALICE, "help");
            assertTrue(third.ephemeral() && third.content().contains("going a bit fast"), third.content());
            assertNotEquals(third.content(), run(a, BOB, "help").content());
        }
    }

    @Test
    void helpListsEveryCommand() {
        String text = allText(run(app, ALICE, "help"));
        for (String key : app.commands().definitions().keys()) assertTrue(text.contains("/" + key), key);
    }

    @Test
    void didYouMeanNeverRewritesAFieldName() {
        // on the samples "title" is one edit from the indexed word "time": the field name is syntax, not a typo
        assertEquals(
                java.util.Optional.empty(),
                app.search()
                        .search(dev.paperclub.search.SearchQuery.of("title:mamba~2 zzzz", 5))
                        .didYouMean());
        assertFalse(allText(run(app, ALICE, "search", "query", "title:transformer~2"))
                .contains("time:"));
    }
}
