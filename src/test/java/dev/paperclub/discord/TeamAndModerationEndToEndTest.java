package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.command.CommandDefinitions;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Votes, highlights and moderation through the real JDA client and the Discord double. */
final class TeamAndModerationEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    BotHarness h;
    DiscordDouble discord;
    App app;

    @BeforeEach
    void start() throws Exception {
        h = new BotHarness(
                DiscordDouble.start(),
                dir,
                java.time.Clock.systemUTC(),
                // the double serves attachments on 127.0.0.1
                "ingest.allow-private-urls",
                "true",
                "ingest.max-bytes",
                "200000");
        discord = h.discord;
        app = h.app;
    }

    @AfterEach
    void stop() {
        if (h != null) h.close();
    }

    private Recorded admin(String sub, Map<String, ?> options, DiscordDouble.Member who) {
        return discord.awaitCallback(discord.sendSlashCommand("admin", sub, options, who), WAIT);
    }

    @Test
    void aPlainMemberIsRefusedForEveryAdminCommandAndButton() throws Exception {
        DiscordDouble.Member member = discord.member("plain");
        CommandDefinitions defs = app.commands().definitions();
        int checked = 0;
        for (String key : defs.keys()) {
            if (!key.startsWith("admin ")) continue;
            Recorded cb = admin(key.substring(6), Map.of(), member);
            assertTrue(BotHarness.ephemeral(cb), key);
            assertTrue(h.answer(cb).getString("content").startsWith("Only moderators"), key + ": " + h.answer(cb));
            checked++;
        }
        assertEquals(18, checked);
        long expiry = System.currentTimeMillis() / 1000 + 60;
        String forged = "confirm-reset|" + member.userId() + "|" + expiry + "|*";
        Recorded press = discord.awaitCallback(discord.sendButton(forged, "1234", member), WAIT);
        assertTrue(
                press.data().getString("content").startsWith("Only moderators"),
                press.data().toString());
        assertEquals(
                checked + 1,
                app.audit().recent(discord.guildId(), 100).stream()
                        .filter(e -> e.result().equals("refused"))
                        .count());
    }

    @Test
    void moderatorsIngestAttachmentsOfEveryFormatAndBadOnesChangeNothing() {
        DiscordDouble.Member mod = discord.moderator("mod");
        Map<String, String> types = Map.of(
                "hf_page_000.txt",
                "text/plain; charset=utf-8",
                "hf_page_002.txt",
                "text/plain",
                "hf_daily_papers_2026-06.json",
                "application/json",
                "arxiv_atom_2026.xml",
                "application/atom+xml",
                "arxiv_atom_classic_2020.xml",
                "application/xml");
        int total = 0;
        for (var e : types.entrySet()) {
            Recorded cb = admin(
                    "ingest",
                    Map.of(
                            "file",
                            new DiscordDouble.AttachmentOption(e.getKey(), e.getValue(), TestApps.sample(e.getKey()))),
                    mod);
            DataObject a = h.answer(cb);
            String text = a.toString();
            assertTrue(text.contains("added"), e.getKey() + ": " + text);
            total = app.papers().count();
        }
        assertTrue(total >= 22 + 30 + 5 + 1, "papers " + total);
        long seq = app.papers().changeSequence();

        byte[] huge = (new String(TestApps.sample("hf_listing_001.txt"), java.nio.charset.StandardCharsets.UTF_8)
                        .repeat(2))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Recorded big = admin(
                "ingest",
                Map.of("file", new DiscordDouble.AttachmentOption("listing_twice.txt", "text/plain", huge)),
                mod);
        assertTrue(
                h.answer(big).toString().contains("ingest.max-bytes"),
                h.answer(big).toString());

        byte[] json = TestApps.sample("hf_daily_papers_2026-06.json");
        Recorded garbled = admin(
                "ingest",
                Map.of(
                        "file",
                        new DiscordDouble.AttachmentOption("cut.json", "application/json", Arrays.copyOf(json, 5000))),
                mod);
        assertTrue(
                h.answer(garbled).toString().contains("Nothing was ingested"),
                h.answer(garbled).toString());
        assertEquals(total, app.papers().count());
        assertEquals(seq, app.papers().changeSequence(), "refusals leave the store unchanged");
    }

    @Test
    void aScheduledPostArrivesWithVoteButtonsAndAPressCounts() throws Exception {
        TestApps.ingestAllSamples(app);
        DiscordDouble.Member mod = discord.moderator("mod");
        String channel = discord.channelId(discord.guildId(), "papers");
        Map<String, Object> ch = new HashMap<>();
        ch.put("channel", new DiscordDouble.ChannelOption(channel));
        assertTrue(h.answer(admin("channel", ch, mod)).toString().contains(channel));
        h.answer(admin("schedule", Map.of("time", "00:00", "timezone", "UTC", "count", 3, "enabled", true), mod));

        app.highlightScheduler().start(Duration.ofMillis(50));
        Recorded post = discord.awaitChannelMessage(channel, Duration.ofSeconds(30));
        DataObject msg = post.json();
        assertEquals(3, msg.getArray("embeds").length());
        String voteId = null;
        DataArray rows = msg.getArray("components");
        for (int i = 0; i < rows.length(); i++) {
            DataArray cs = rows.getObject(i).getArray("components");
            for (int j = 0; j < cs.length(); j++) {
                String id = cs.getObject(j).getString("custom_id", "");
                if (id.startsWith("vote|") && voteId == null) voteId = id;
            }
        }
        assertTrue(voteId != null, "the post has vote buttons: " + msg);

        DiscordDouble.Member member = discord.member("reader");
        Recorded pressed = discord.awaitCallback(discord.sendButton(voteId, "9999", member), WAIT);
        assertTrue(
                pressed.data().getString("content").contains("1 vote now"),
                pressed.data().toString());
        assertEquals(1, app.voteStore().tally(discord.guildId(), voteId.substring(5)));
    }
}
