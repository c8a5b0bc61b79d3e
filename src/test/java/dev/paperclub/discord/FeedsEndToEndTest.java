package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /admin feed, a subcommand group, through the real JDA client against the Discord double. */
final class FeedsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void feedSubcommandsReachTheirHandlersPrivatelyAndOnlyInHomeServers() throws Exception {
        DiscordDouble discord =
                DiscordDouble.builder().addGuild("Stranger Server").start();
        String home = discord.guilds().get(0).id();
        String stranger = discord.guilds().get(1).id();
        try (BotHarness h = new BotHarness(discord, dir, Clock.systemUTC(), "discord.home-guild-ids", home)) {
            DiscordDouble.Member mod = discord.moderator("home-mod");
            Recorded added = h.admin(home, "feed add", Map.of("source", "arxiv", "query", "cs.CL"), mod);
            assertTrue(BotHarness.ephemeral(added), "a moderator's feed business is private");
            String text = h.answer(added).getString("content");
            assertTrue(text.startsWith("Subscribed this server to arxiv") && text.contains("cs.CL"), text);
            assertEquals(1, h.app.feedStore().count(home));

            Recorded listed = h.admin(home, "feed list", Map.of(), mod);
            assertTrue(
                    h.answer(listed).toString().contains("Last fetch: never"),
                    h.answer(listed).toString());

            Recorded refused = h.admin(
                    stranger,
                    "feed add",
                    Map.of("source", "arxiv", "query", "cs.CL"),
                    discord.moderatorIn(stranger, "stranger-mod"));
            assertTrue(BotHarness.ephemeral(refused));
            String why = h.answer(refused).getString("content");
            assertTrue(why.contains("can't change the shared library"), why);
            assertEquals(0, h.app.feedStore().count(stranger));
        }
    }
}
