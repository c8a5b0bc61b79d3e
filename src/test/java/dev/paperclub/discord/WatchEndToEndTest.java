package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches through the real JDA client and the Discord double: an {@code /admin ingest} that
 * brings matching papers opens each watching member's DM channel and sends one message; a member
 * whose DMs are closed (Discord's 50007) sees that in {@code /watch list}; the DM's Vote button
 * votes in the server the watch belongs to, and only while the member is still in it.
 */
final class WatchEndToEndTest {
    static final String ARRIVAL = String.join(
            "\n",
            "{\"id\":\"ssm-1\",\"title\":\"Selective State Space Models for Long Sequences\","
                    + "\"abstract\":\"We study state space models.\",\"url\":\"https://arxiv.org/abs/2401.00001\"}",
            "{\"id\":\"ssm-2\",\"title\":\"Linear Attention Meets State Space Models\","
                    + "\"abstract\":\"A state space view of linear attention.\"}",
            "{\"id\":\"vis-1\",\"title\":\"Vision Transformers at Scale\",\"abstract\":\"Large models for images.\"}");

    @TempDir
    Path dir;

    @Test
    @DisplayName(
            "an arrival sends one DM per watching member; a closed DM is recorded and shown; DM votes land in the watch's server")
    void watchesNotifyByDirectMessage() throws Exception {
        DiscordDouble discord = DiscordDouble.builder().addGuild("Other Server").start();
        String home = discord.guildId();
        String other = discord.guilds().get(1).id();
        try (BotHarness h = new BotHarness(discord, dir, Clock.systemUTC(), "ingest.allow-private-urls", "true")) {
            DiscordDouble.Member alice = discord.member("alice");
            DiscordDouble.Member bob = discord.member("bob");
            DiscordDouble.Member carol = discord.memberIn(other, "carol", List.of());
            watch(h, home, alice, "\"state space\" models");
            watch(h, home, alice, "attention");
            watch(h, home, bob, "vision");
            watch(h, other, carol, "state space");
            discord.closeDirectMessages(bob);

            Recorded ingest = h.admin(
                    home,
                    "ingest",
                    Map.of(
                            "file",
                            new DiscordDouble.AttachmentOption(
                                    "arrival.jsonl", "application/x-ndjson", ARRIVAL.getBytes(StandardCharsets.UTF_8))),
                    discord.moderator("mod"));
            assertTrue(
                    h.answer(ingest).getString("content").contains("3 added"),
                    h.answer(ingest).toString());

            // alice: one DM listing both papers her watches matched, the watch named, a Vote button each
            Recorded dm = discord.awaitDirectMessage(alice, 200, BotHarness.WAIT);
            DataObject body = dm.json();
            assertTrue(body.getString("content").contains("2 new papers matched your watches"), body.toString());
            DataArray embeds = body.getArray("embeds");
            assertEquals(2, embeds.length(), embeds.toString());
            assertEquals(
                    "1. Selective State Space Models for Long Sequences",
                    embeds.getObject(0).getString("title"));
            assertEquals("https://arxiv.org/abs/2401.00001", embeds.getObject(0).getString("url"));
            assertTrue(embeds.getObject(0).toString().contains("TL;DR"), embeds.toString());
            assertTrue(
                    embeds.getObject(1).getArray("fields").toString().contains("Your watches"), "both of hers matched");
            assertTrue(embeds.getObject(1).toString().contains("attention"), embeds.toString());
            assertTrue(
                    body.getObject("allowed_mentions").getArray("parse").isEmpty(),
                    "a DM mentions nobody: " + body.getObject("allowed_mentions"));
            // the DM channel was opened for her through POST users/@me/channels
            assertTrue(discord.requests().stream()
                    .anyMatch(r -> r.method().equals("POST")
                            && r.path().equals("users/@me/channels")
                            && r.json().getString("recipient_id").equals(alice.userId())));

            // bob's DMs are closed: Discord answers 50007, which /watch list then tells him
            Recorded refused = discord.awaitDirectMessage(bob, 403, BotHarness.WAIT);
            assertTrue(refused.body().contains("Vision Transformers"), "bob's message was tried");
            String bobsList = awaitFailureShown(h, home, bob);
            assertTrue(bobsList.contains("My last direct message to you failed"), bobsList);
            assertTrue(bobsList.contains("Privacy Settings"), bobsList);
            assertTrue(bobsList.contains("1 match so far"), bobsList);

            // carol watches in the other server: a home-server arrival is not hers
            assertTrue(discord.directMessagesTo(carol).isEmpty(), "carol's watch is in another server");
            assertEquals(1, discord.directMessagesTo(alice).size(), "one DM per member per arrival");

            // the Vote button in the DM votes in the home server
            String dmMessageId = discord.directMessageIds(alice).get(0);
            String vote = body.getArray("components")
                    .getObject(0)
                    .getArray("components")
                    .getObject(0)
                    .getString("custom_id");
            Recorded pressed =
                    discord.awaitCallback(discord.sendButtonInDirectMessage(vote, dmMessageId, alice), BotHarness.WAIT);
            assertTrue(
                    pressed.data().getString("content").contains("Vote recorded"),
                    pressed.data().toString());
            assertTrue(h.app.votes().hasVoted(home, "ssm-1", alice.userId()));
            assertFalse(h.app.votes().hasVoted(other, "ssm-1", alice.userId()));

            // after she leaves the server, the other Vote button refuses
            discord.removeMember(alice);
            String second = body.getArray("components")
                    .getObject(0)
                    .getArray("components")
                    .getObject(1)
                    .getString("custom_id");
            Recorded late = discord.awaitCallback(
                    discord.sendButtonInDirectMessage(second, dmMessageId, alice), BotHarness.WAIT);
            assertTrue(
                    late.data().getString("content").contains("no longer a member"),
                    late.data().toString());
            assertFalse(h.app.votes().hasVoted(home, "ssm-2", alice.userId()));
        }
    }

    /**
     * Bob's {@code /watch list} once it shows the failure: the watches' thread records it after JDA
     * has handed it the 403, so ask again until then rather than sleeping a fixed time.
     */
    private static String awaitFailureShown(BotHarness h, String guildId, DiscordDouble.Member who)
            throws InterruptedException {
        long deadline = System.nanoTime() + BotHarness.WAIT.toNanos();
        while (true) {
            String list = listText(h, guildId, who);
            if (list.contains("failed") || System.nanoTime() > deadline) return list;
            Thread.sleep(100);
        }
    }

    private static void watch(BotHarness h, String guildId, DiscordDouble.Member who, String query) {
        Recorded cb = h.discord.awaitCallback(
                h.discord.sendSlashCommandIn(
                        guildId, h.discord.channelId(guildId, "general"), "watch", "add", Map.of("query", query), who),
                BotHarness.WAIT);
        assertTrue(BotHarness.ephemeral(cb), "a member's watches are private");
        assertTrue(
                h.answer(cb).getString("content").contains("Watching"),
                h.answer(cb).toString());
    }

    private static String listText(BotHarness h, String guildId, DiscordDouble.Member who) {
        Recorded cb = h.discord.awaitCallback(
                h.discord.sendSlashCommandIn(
                        guildId, h.discord.channelId(guildId, "general"), "watch", "list", Map.of(), who),
                BotHarness.WAIT);
        return h.answer(cb).toString();
    }
}
