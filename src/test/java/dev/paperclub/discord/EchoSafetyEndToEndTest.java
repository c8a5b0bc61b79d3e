package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Options;
import dev.paperclub.console.ConsoleRenderer;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import dev.paperclub.metrics.Scrapes;
import dev.paperclub.paper.PaperRecord;
import dev.paperclub.store.PaperStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the bot echoes cannot ping or break a message: titles with {@code @everyone}, role
 * mentions and markdown, and a stored paper whose link Discord would refuse, through the real
 * JDA client and the Discord double.
 */
final class EchoSafetyEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String EVIL_ID = "2611.00001";
    static final String BROKEN_ID = "2611.00002";

    @TempDir
    static Path dir;

    static DiscordDouble discord;
    static App app;
    static DiscordBot bot;
    static String evilTitle;

    @BeforeAll
    static void start() throws Exception {
        discord = DiscordDouble.start();
        String role = discord.roleId(discord.guildId(), "Moderator");
        evilTitle = "@everyone read <@&" + role + "> now: *fast* attention_with_underscores $O(n_k)$";
        app = App.open(DiscordApps.config(dir, discord), java.time.Clock.systemUTC());
        TestApps.ingestText(
                app,
                "evil.jsonl",
                "{\"id\":\"" + EVIL_ID + "\",\"arxiv_id\":\"" + EVIL_ID + "\",\"title\":"
                        + dev.paperclub.util.Json.MAPPER.writeValueAsString(evilTitle)
                        + ",\"abstract\":\"An abstract about attention over $x_i$ and $y_i$ that is long enough to read.\",\"authors\":[],"
                        + "\"url\":\"https://arxiv.org/abs/" + EVIL_ID + "\",\"sources\":[\"test\"]}\n");
        // a paper stored before links were checked: its link has a space, which Discord refuses in an embed
        PaperStore papers = app.papers();
        papers.database().write(c -> {
            PaperStore.Batch batch = papers.batch(c);
            batch.upsert(
                    new PaperRecord(
                            BROKEN_ID,
                            BROKEN_ID,
                            "A Paper With A Broken Link",
                            "Its abstract is fine.",
                            List.of(),
                            null,
                            null,
                            null,
                            null,
                            "https://arxiv.org/abs/2611 00002",
                            List.of("legacy"),
                            1),
                    Instant.now());
            batch.finish();
            return null;
        });
        bot = DiscordApps.start(discord, app, List.of());
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.close();
        if (app != null) app.close();
        if (discord != null) discord.close();
    }

    private static Recorded slash(String name, String sub, Map<String, ?> options, DiscordDouble.Member who) {
        return discord.awaitCallback(discord.sendSlashCommand(name, sub, options, who), WAIT);
    }

    @Test
    @DisplayName("a title with @everyone, a role mention and markdown pings nobody, in replies and in channel posts")
    void echoedTitlesNeverPing() throws InterruptedException {
        DiscordDouble.Member alice = discord.member("alice");
        DiscordDouble.Member mod = discord.moderator("mod");
        Recorded vote = slash("vote", null, Map.of("paper", EVIL_ID), alice);
        String content = vote.data().getString("content");
        assertTrue(content.contains("@everyone"), content);
        assertEquals(List.of(), discord.pings(), "the vote reply echoes the title without pinging");
        assertTrue(
                content.contains("\\*fast\\*") && content.contains("attention\\_with\\_underscores"),
                "markdown in the title is escaped: " + content);
        assertEquals(
                DataArray.empty().toString(),
                vote.data().getObject("allowed_mentions").getArray("parse").toString());
        DataObject card = slash("paper", null, Map.of("paper", EVIL_ID), alice)
                .data()
                .getArray("embeds")
                .getObject(0);
        assertTrue(
                card.getString("title").contains("\\*fast\\*")
                        && card.getString("title").contains("$O(n\\_k)$"),
                "the card title is escaped too: " + card);
        assertTrue(card.getString("description").contains("$x\\_i$ and $y\\_i$"), "and the abstract: " + card);

        String papersChannel = discord.channelId(discord.guildId(), "papers");
        slash("admin", "channel", Map.of("channel", new DiscordDouble.ChannelOption(papersChannel)), mod);
        Recorded pick = slash("admin", "pick", Map.of(), mod);
        assertTrue(
                pick.data().toString().contains("announcing it in"), pick.data().toString());
        Recorded post = discord.awaitChannelMessage(papersChannel, WAIT);
        assertTrue(post.json().getString("content").contains("<@&"), post.json().toString());
        // /metrics counts the announcement once Discord's answer to it arrives
        Map<String, String> announcement = Map.of("kind", "announcement");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Scrapes.value(app.metrics(), "paperclub_posts_total", announcement) < 1 && System.nanoTime() < deadline)
            Thread.sleep(20);
        assertEquals(1, Scrapes.value(app.metrics(), "paperclub_posts_total", announcement));
        assertEquals(0, Scrapes.value(app.metrics(), "paperclub_post_failures_total", announcement));
        Recorded role = slash(
                "admin",
                "moderator-role",
                Map.of("role", new DiscordDouble.RoleOption(discord.roleId(discord.guildId(), "Moderator"))),
                mod);
        assertTrue(
                role.data().getString("content").contains("Server Settings → Integrations"),
                role.data().toString());

        assertEquals(List.of(), discord.pings(), "nothing the bot sent may ping");
    }

    @Test
    @DisplayName("the console shows an echoed title as written: no backslashes, no marks")
    void theConsoleShowsTitlesAsWritten() {
        Caller caller = new Caller("console-user", "console", discord.guildId(), null, List.of(), false);
        String shown = ConsoleRenderer.render(app.commands()
                        .handleLocally(new CommandRequest("vote", null, new Options(Map.of("paper", EVIL_ID)), caller)))
                .text();
        assertTrue(shown.contains(evilTitle), shown);
        assertFalse(shown.contains("\\") || shown.contains("\uE000") || shown.contains("\uE001"), shown);
    }

    @Test
    @DisplayName("a paper whose stored link Discord would refuse is still shown, without the link")
    void aMalformedLinkDoesNotSilencePaper() {
        Recorded cb = slash("paper", null, Map.of("paper", BROKEN_ID), discord.member("reader"));
        DataObject embed = cb.data().getArray("embeds").getObject(0);
        assertEquals("A Paper With A Broken Link", embed.getString("title"));
        assertTrue(embed.isNull("url") || !embed.hasKey("url"), embed.toString());
        assertFalse(cb.data().toString().contains("2611 00002"), "the bad link is not sent: " + cb.data());
    }
}
