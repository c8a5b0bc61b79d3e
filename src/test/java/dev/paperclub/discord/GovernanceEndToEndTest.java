package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.TestApps;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One library, many servers: who may change the shared library, and which servers the bot stays in. */
final class GovernanceEndToEndTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName(
            "a non-home server's moderator is refused library changes (ephemeral, audited) while per-server admin works")
    void libraryChangesOnlyFromHomeServers() throws Exception {
        DiscordDouble discord =
                DiscordDouble.builder().addGuild("Stranger Server").start();
        String home = discord.guilds().get(0).id();
        String stranger = discord.guilds().get(1).id();
        try (BotHarness h = new BotHarness(discord, dir, Clock.systemUTC(), "discord.home-guild-ids", home)) {
            TestApps.ingestAllSamples(h.app);
            String paperId =
                    h.app.highlights().preview(home).picks().get(0).paper().id();
            DiscordDouble.Member strangerMod = discord.moderatorIn(stranger, "stranger-mod");

            for (String sub : new String[] {"remove", "reindex"}) {
                Recorded refused =
                        h.admin(stranger, sub, sub.equals("remove") ? Map.of("paper", paperId) : Map.of(), strangerMod);
                assertTrue(BotHarness.ephemeral(refused), sub);
                String text = h.answer(refused).getString("content");
                assertTrue(text.contains("can't change the shared library") && text.contains("home servers"), text);
            }
            assertFalse(h.app.papers().findAny(paperId).orElseThrow().removed(), "the paper stays in the library");
            var audit = h.app.audit().recent(stranger, 10);
            assertEquals(
                    2, audit.stream().filter(e -> e.result().equals("refused")).count(), audit.toString());
            assertTrue(audit.stream()
                    .anyMatch(e ->
                            e.action().equals("/admin remove") && e.userId().equals(strangerMod.userId())));

            // per-server administration keeps working in that server
            Recorded schedule = h.admin(stranger, "schedule", Map.of("time", "08:15"), strangerMod);
            assertTrue(
                    h.answer(schedule).toString().contains("Highlights schedule updated"),
                    h.answer(schedule).toString());
            assertEquals("08:15", h.app.settings().get(stranger).postTime());

            // the home server's moderator changes the library
            Recorded removed = h.admin(home, "remove", Map.of("paper", paperId), discord.moderator("home-mod"));
            assertTrue(
                    h.answer(removed).getString("content").startsWith("Removed"),
                    h.answer(removed).toString());
            assertTrue(h.app.papers().findAny(paperId).orElseThrow().removed());
        }
    }

    @Test
    @DisplayName("/admin stats labels the library's figures and this server's apart")
    void statsSeparateLibraryAndServer() throws Exception {
        try (BotHarness h = new BotHarness(DiscordDouble.start(), dir, Clock.systemUTC())) {
            TestApps.ingestSample(h.app, "hf_page_000.txt");
            Recorded cb = h.admin(h.discord.guildId(), "stats", Map.of(), h.discord.moderator("mod"));
            DataArray embeds = h.answer(cb).getArray("embeds");
            assertEquals(2, embeds.length(), embeds.toString());
            assertTrue(embeds.getObject(0).getString("title").contains("shared by every server"), embeds.toString());
            assertEquals("This server", embeds.getObject(1).getString("title"));
            assertTrue(embeds.getObject(1).getArray("fields").toString().contains("Open votes"), embeds.toString());
        }
    }

    @Test
    @DisplayName("with discord.allowed-guild-ids the bot leaves any other server, at start")
    void leavesServersNotAllowed() throws Exception {
        DiscordDouble discord =
                DiscordDouble.builder().addGuild("Stranger Server").start();
        String home = discord.guilds().get(0).id();
        String stranger = discord.guilds().get(1).id();
        try (BotHarness h = new BotHarness(discord, dir, Clock.systemUTC(), "discord.allowed-guild-ids", home)) {
            discord.awaitRequest(
                    r -> r.succeeded()
                            && r.method().equals("DELETE")
                            && r.path().equals("users/@me/guilds/" + stranger),
                    BotHarness.WAIT);
            assertTrue(discord.botLeft(stranger));
            assertFalse(discord.botLeft(home));
            assertTrue(discord.requests().stream().noneMatch(r -> r.path().equals("users/@me/guilds/" + home)));
        }
    }
}
