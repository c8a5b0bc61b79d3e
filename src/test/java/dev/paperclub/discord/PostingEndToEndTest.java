package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.MutableClock;
import dev.paperclub.TestApps;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import dev.paperclub.highlight.HighlightRanker.Pick;
import dev.paperclub.highlight.HighlightService.Outcome;
import dev.paperclub.highlight.HighlightService.PostResult;
import dev.paperclub.metrics.Scrapes;
import dev.paperclub.store.AuditStore;
import dev.paperclub.store.GuildSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Highlights posting that moderators can trust, through the real JDA client and a double that enforces Discord's rules. */
final class PostingEndToEndTest {
    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.now());

    /** A bot with the samples ingested and highlights due now in the first guild's #papers. */
    private BotHarness scheduled() throws Exception {
        BotHarness h = new BotHarness(DiscordDouble.start(), dir, clock);
        TestApps.ingestAllSamples(h.app);
        String guild = h.discord.guildId();
        h.app.settings()
                .put(
                        GuildSettings.empty(guild)
                                .withChannel(h.discord.channelId(guild, "papers"))
                                .withSchedule("00:00", "UTC", 3, true),
                        clock.instant());
        return h;
    }

    private static long postsIn(DiscordDouble discord, String channel) {
        return discord.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("channels/" + channel + "/messages"))
                .count();
    }

    /** Waits for an audit row of the guild: a gateway event is handled on JDA's thread, its audit row written last. */
    private static void awaitAudited(BotHarness h, String guild, Predicate<AuditStore.Entry> row)
            throws InterruptedException {
        BooleanSupplier audited = () -> h.app.audit().recent(guild, 5).stream().anyMatch(row);
        for (int i = 0; i < 400 && !audited.getAsBoolean(); i++) Thread.sleep(25);
        assertTrue(audited.getAsBoolean(), "audited");
    }

    @Test
    @DisplayName(
            "a channel without Embed Links: named at /admin channel, no post made, the failure in /highlights, /admin schedule and the audit, retries backing off")
    void aChannelLackingEmbedLinksIsReportedAndNotPostedTo() throws Exception {
        DiscordDouble discord = DiscordDouble.builder()
                .addTextChannel("no-embeds")
                .denyBotInChannel("no-embeds", Permission.MESSAGE_EMBED_LINKS.getRawValue())
                .start();
        try (BotHarness h = new BotHarness(discord, dir, clock)) {
            TestApps.ingestAllSamples(h.app);
            String guild = discord.guildId();
            String channel = discord.channelId(guild, "no-embeds");
            DiscordDouble.Member mod = discord.moderator("mod");

            String set = h.answer(
                            h.admin(guild, "channel", Map.of("channel", new DiscordDouble.ChannelOption(channel)), mod))
                    .getString("content");
            assertTrue(set.contains("missing Embed Links in #no-embeds"), set);

            h.app.settings().put(h.app.settings().get(guild).withSchedule("00:00", "UTC", 3, true), clock.instant());
            List<PostResult> first = h.app.highlightScheduler().tick();
            assertEquals(Outcome.FAILED, first.get(0).outcome(), first.toString());
            assertEquals(0, postsIn(discord, channel), "nothing is sent where the embeds would be dropped");
            assertTrue(h.app.highlightStore().highlighted(guild).isEmpty(), "no paper counts as shown");

            String preview = h.answer(h.command("highlights", Map.of(), discord.member("m")))
                    .getString("content");
            assertTrue(
                    preview.contains("Last post failed") && preview.contains("missing Embed Links in #no-embeds"),
                    preview);
            String schedule = h.answer(h.admin(guild, "schedule", Map.of(), mod))
                    .getArray("embeds")
                    .toString();
            assertTrue(
                    schedule.contains("Last post failed") && schedule.contains("missing Embed Links in #no-embeds"),
                    schedule);
            assertTrue(h.app.audit().recent(guild, 20).stream()
                    .anyMatch(e -> e.action().equals("highlights post")
                            && e.result().equals("failed")
                            && e.detail().contains("missing Embed Links")));

            // retries back off: 5 min, then 20 min, then 80 min
            assertTrue(h.app.highlightScheduler().tick().isEmpty(), "no retry at once");
            clock.advance(Duration.ofMinutes(5));
            assertEquals(
                    Outcome.FAILED, h.app.highlightScheduler().tick().get(0).outcome());
            clock.advance(Duration.ofMinutes(19));
            assertTrue(h.app.highlightScheduler().tick().isEmpty(), "the second failure waits 20 min");
            clock.advance(Duration.ofMinutes(1));
            assertEquals(
                    Outcome.FAILED, h.app.highlightScheduler().tick().get(0).outcome());
            assertEquals(3, h.app.highlightStore().failure(guild).orElseThrow().attempts());
            assertEquals(0, postsIn(discord, channel));
        }
    }

    @Test
    @DisplayName("a paper Discord refuses is left out: the others are posted, and it is not the top pick again")
    void aPoisonedPaperDoesNotBlockTheOthers() throws Exception {
        try (BotHarness h = scheduled()) {
            DiscordDouble discord = h.discord;
            String guild = discord.guildId();
            String channel = discord.channelId(guild, "papers");
            List<Pick> picks = h.app.highlights().preview(guild).picks();
            String poisoned = picks.get(0).paper().id();
            assertTrue(picks.stream().skip(1).noneMatch(p -> p.paper().id().contains(poisoned)));
            discord.rejectEmbedsContaining(poisoned);

            PostResult r = h.app.highlightScheduler().tick().get(0);
            assertEquals(Outcome.POSTED, r.outcome(), r.message());
            Recorded post = discord.awaitChannelMessage(channel, BotHarness.WAIT);
            DataArray embeds = post.json().getArray("embeds");
            assertEquals(2, embeds.length(), embeds.toString());
            assertFalse(embeds.toString().contains(poisoned));
            assertEquals(2, h.app.highlightStore().highlighted(guild).size());
            assertFalse(h.app.highlightStore().highlighted(guild).containsKey(poisoned));
            assertTrue(h.app.highlightStore().failure(guild).isEmpty(), "the post counts as a success");
            assertTrue(
                    h.app.highlights().preview(guild).picks().stream()
                            .noneMatch(p -> p.paper().id().equals(poisoned)),
                    "the refused paper is not the top pick again");
            assertTrue(h.app.audit().recent(guild, 20).stream()
                    .anyMatch(e -> e.action().equals("highlight left out") && poisoned.equals(e.target())));
            // /metrics: the post Discord refused, then the one that went out without that card
            Map<String, String> highlight = Map.of("kind", "highlight");
            assertEquals(2, Scrapes.value(h.app.metrics(), "paperclub_posts_total", highlight));
            assertEquals(1, Scrapes.value(h.app.metrics(), "paperclub_post_failures_total", highlight));
        }
    }

    @Test
    @DisplayName("removed from a server: its schedule stops (audited) and nothing is tried there again")
    void guildLeaveStopsThatServersSchedule() throws Exception {
        try (BotHarness h = scheduled()) {
            DiscordDouble discord = h.discord;
            String guild = discord.guildId();
            String channel = discord.channelId(guild, "papers");

            discord.removeBotFromGuild(guild);
            awaitAudited(h, guild, e -> e.action().equals("left server"));
            assertEquals(Boolean.FALSE, h.app.settings().get(guild).enabled(), "the schedule is turned off");
            assertTrue(h.app.highlightScheduler().tick().isEmpty());
            assertEquals(0, postsIn(discord, channel));
        }
    }

    @Test
    @DisplayName("the highlights channel deleted: the setting is cleared (audited) and /highlights says so")
    void deletedChannelClearsTheSetting() throws Exception {
        try (BotHarness h = scheduled()) {
            DiscordDouble discord = h.discord;
            String guild = discord.guildId();
            String channel = discord.channelId(guild, "papers");

            discord.deleteChannelAndNotify(channel);
            awaitAudited(h, guild, e -> e.action().equals("channel deleted") && channel.equals(e.target()));
            assertNull(h.app.settings().get(guild).channelId(), "the channel setting is cleared");
            assertTrue(h.app.highlightScheduler().tick().isEmpty());
            String preview = h.answer(h.command("highlights", Map.of(), discord.member("m")))
                    .getString("content");
            assertTrue(preview.contains("No highlights channel is set"), preview);
        }
    }
}
