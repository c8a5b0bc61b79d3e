package dev.paperclub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.discord.DiscordRenderer;
import dev.paperclub.paper.Paper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results a member can act on: a search result and a similar-papers entry link to the paper's
 * page when its URL is known, internal ids stay out of what members see (moderators see them on
 * {@code /paper}), and "0 team votes" is not said.
 */
final class ActionableResultsTest {
    @TempDir
    static Path dir;

    static App app;

    static final Caller MEMBER = new Caller("111", "alice", "g1", "c1", List.of(), false);
    static final Caller MODERATOR = new Caller("101", "mod", "g1", "c1", List.of(), true);

    @BeforeAll
    static void open() throws Exception {
        app = App.open(
                TestApps.config(dir.resolve("data")).with("commands.per-user-per-minute", "10000"), TestApps.CLOCK);
        TestApps.ingestAllSamples(app);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    static Reply run(Caller c, String name, Object... kv) {
        Map<String, Object> opts = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) opts.put((String) kv[i], kv[i + 1]);
        return app.commands().handle(new CommandRequest(name, null, new Options(opts), c));
    }

    static Paper paper(String id) {
        return app.papers().find(id).orElseThrow();
    }

    static Reply.Field entry(Reply r, String title) {
        return r.cards().get(0).fields().stream()
                .filter(f -> f.name().contains(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no entry " + title + " in " + r.cards().get(0).fields()));
    }

    @Test
    void aSearchResultLinksToThePaperPageAndShowsNoInternalId() {
        Paper inelastic = paper("1601.00001");
        assertTrue(inelastic.url().startsWith("http"), "the fixture's paper has a page: " + inelastic.url());
        Reply r = run(MEMBER, "search", "query", "inelastic effects molecular transport junctions", "limit", 3L);
        Reply.Field f = entry(r, "Inelastic effects in molecular transport junctions");
        assertTrue(f.value().contains("[paper page](" + inelastic.url() + ")"), f.value());

        // the same entry as Discord receives it: the link is in the embed field a member reads
        MessageEmbed embed = DiscordRenderer.parts(r).embeds().get(0);
        assertTrue(
                embed.getFields().stream().anyMatch(x -> x.getValue().contains("](" + inelastic.url() + ")")),
                embed.toData().toString());

        for (Reply.Field x : r.cards().get(0).fields()) {
            assertFalse(
                    x.value().contains("`t-") || x.value().contains("`" + inelastic.id() + "`"),
                    "no internal id: " + x.value());
            assertFalse(x.value().contains("team vote"), "no team votes to speak of: " + x.value());
        }
    }

    @Test
    void aPaperWithoutAKnownPageGetsNoLink() {
        Reply r = run(MEMBER, "search", "query", "pointer networks", "limit", 1L);
        Reply.Field f = entry(r, "Pointer Networks");
        assertFalse(f.value().contains("paper page"), f.value());
        assertFalse(f.value().contains("`t-"), f.value());
    }

    @Test
    void similarEntriesLinkToTheirPagesWithoutIds() {
        Reply r = run(MEMBER, "similar", "paper", "1601.00001", "limit", 5L);
        assertFalse(r.cards().get(0).fields().isEmpty());
        boolean linked = false;
        for (Reply.Field f : r.cards().get(0).fields()) {
            Paper p = app
                    .papers()
                    .findAll(app.similar().similar("1601.00001", 5).stream()
                            .map(h -> h.id())
                            .toList())
                    .stream()
                    .filter(x -> f.name().endsWith(x.title()))
                    .findFirst()
                    .orElseThrow();
            assertFalse(
                    f.value().replaceAll("\\(https?://[^)]*\\)", "").contains(p.id()), "no internal id: " + f.value());
            if (p.url() != null) {
                assertTrue(f.value().contains("[paper page](" + p.url() + ")"), f.value());
                linked = true;
            }
            assertFalse(f.value().contains("team vote"), f.value());
        }
        assertTrue(linked, "the arXiv neighbours have pages");
    }

    @Test
    void paperShowsItsIdToModeratorsOnly() {
        Reply member = run(MEMBER, "paper", "paper", "1601.00001");
        assertFalse(
                member.cards().get(0).fields().stream().anyMatch(f -> f.name().equals("Id")),
                member.cards().toString());
        assertFalse(
                member.cards().get(0).fields().stream().anyMatch(f -> f.name().equals("Team votes")),
                "0 team votes is not shown");
        Reply moderator = run(MODERATOR, "paper", "paper", "1601.00001");
        assertEquals(
                "`1601.00001`",
                moderator.cards().get(0).fields().stream()
                        .filter(f -> f.name().equals("Id"))
                        .findFirst()
                        .orElseThrow()
                        .value());
    }

    @Test
    void theReadingListLinksInsteadOfShowingIds() {
        Caller voter = new Caller("333", "carol", "g2", "c1", List.of(), false);
        run(voter, "vote", "paper", "1601.00001");
        Reply r = run(voter, "reading-list");
        Reply.Field f = entry(r, "Inelastic effects");
        assertFalse(f.value().contains("1601.00001`"), f.value());
        assertTrue(f.value().contains("[paper page](" + paper("1601.00001").url() + ")"), f.value());
        Reply shown = run(voter, "paper", "paper", "1601.00001");
        assertEquals(
                "1",
                shown.cards().get(0).fields().stream()
                        .filter(x -> x.name().equals("Team votes"))
                        .findFirst()
                        .orElseThrow()
                        .value(),
                "votes, once there are some, are shown");
    }
}
