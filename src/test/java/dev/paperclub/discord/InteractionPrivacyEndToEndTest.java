package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.config.Config;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private answers stay private and shared messages stay their owner's: deferrals take the
 * answer's visibility, another member's press on a public search answers them alone, and a
 * stop lets in-flight answers reach Discord.
 */
final class InteractionPrivacyEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final int SLOW_INGESTS = 8;

    @TempDir
    Path dir;

    DiscordDouble discord;
    App app;
    DiscordBot bot;

    @BeforeEach
    void start() throws Exception {
        discord = DiscordDouble.start();
        // the double serves attachments on 127.0.0.1
        Config config = DiscordApps.config(dir, discord)
                .with("ingest.allow-private-urls", "true")
                .with("ingest.max-bytes", "200000");
        app = App.open(config, java.time.Clock.systemUTC());
        TestApps.ingestAllSamples(app);
        bot = DiscordApps.start(discord, app, List.of());
    }

    @AfterEach
    void stop() {
        if (bot != null) bot.close();
        if (app != null) app.close();
        if (discord != null) discord.close();
    }

    private String slowIngest(DiscordDouble.Member mod) {
        return discord.sendSlashCommand(
                "admin",
                "ingest",
                Map.of(
                        "file",
                        new DiscordDouble.AttachmentOption(
                                "hf_page_000.txt", "text/plain", TestApps.sample("hf_page_000.txt"))),
                mod);
    }

    private static boolean ephemeral(DataObject data) {
        return (data.getInt("flags", 0) & 64) != 0;
    }

    @Test
    @DisplayName(
            "answers that wait behind slow work: a private one is deferred privately, and a private error after a public deferral follows the deletion")
    void privateAnswersAreNeverShownPublicly() {
        DiscordDouble.Member alice = discord.member("alice");
        discord.awaitCallback(discord.sendSlashCommand("vote", Map.of("paper", "Pointer Networks"), alice), WAIT);

        DiscordDouble.Member mod = discord.moderator("mod");
        discord.delayAttachments(Duration.ofSeconds(4));
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < SLOW_INGESTS; i++) busy.add(slowIngest(mod));
        String help = discord.sendSlashCommand("help", Map.of(), alice);
        String again = discord.sendSlashCommand("vote", Map.of("paper", "Pointer Networks"), alice);

        Recorded helpAck = discord.awaitCallback(help, WAIT);
        assertTrue(ephemeral(helpAck.data()), "/help is private from its first acknowledgement: " + helpAck);

        Recorded voteAck = discord.awaitCallback(again, WAIT);
        System.out.printf(
                "/help acknowledged with type %d, the repeated /vote with type %d%n",
                helpAck.callbackType(), voteAck.callbackType());
        if (voteAck.callbackType() == 4) {
            assertTrue(ephemeral(voteAck.data()), voteAck.toString());
        } else {
            // a public deferral, then a private answer: the loading message is deleted before the follow-up is sent
            String token = voteAck.segments().get(2);
            Recorded followUp = discord.awaitRequest(
                    r -> r.succeeded()
                            && r.method().equals("POST")
                            && r.path().equals("webhooks/" + discord.applicationId() + "/" + token),
                    WAIT);
            assertTrue(ephemeral(followUp.json()), followUp.toString());
            assertTrue(followUp.json().getString("content").contains("already voted"), followUp.toString());
            List<Recorded> log = discord.requests();
            int deleted =
                    indexOf(log, r -> r.method().equals("DELETE") && r.path().contains(token));
            int sent = indexOf(log, r -> r == followUp);
            assertTrue(deleted >= 0 && deleted < sent, "the deletion comes before the private follow-up: " + log);
        }
        for (String id : busy) discord.awaitCallback(id, WAIT);
    }

    private static int indexOf(List<Recorded> log, java.util.function.Predicate<Recorded> p) {
        for (int i = 0; i < log.size(); i++) if (p.test(log.get(i))) return i;
        return -1;
    }

    @Test
    @DisplayName(
            "another member paging someone's public search gets their own page privately; the shared message is untouched")
    void pagingSomeoneElsesSearchAnswersThePresser() {
        DiscordDouble.Member alice = discord.member("alice");
        DiscordDouble.Member bob = discord.member("bob");
        discord.awaitCallback(discord.sendSlashCommand("vote", Map.of("paper", "1601.00001"), bob), WAIT);
        Recorded search = discord.awaitCallback(
                discord.sendSlashCommand("search", Map.of("query", "speech recognition", "limit", 3), alice), WAIT);
        assertFalse(ephemeral(search.data()));
        String next = DiscordEndToEndTest.buttons(search.data()).stream()
                .filter(b -> b.getString("label").startsWith("Next"))
                .findFirst()
                .orElseThrow()
                .getString("custom_id");

        Recorded bobs = discord.awaitCallback(discord.sendButton(next, "4242", bob), WAIT);
        assertEquals(4, bobs.callbackType(), "a new message for bob, not an update of alice's: " + bobs);
        assertTrue(ephemeral(bobs.data()), bobs.toString());
        assertTrue(bobs.data().getString("content").contains("page 2"), bobs.toString());
        String bobsPrev = DiscordEndToEndTest.buttons(bobs.data()).stream()
                .filter(b -> b.getString("label").contains("Prev"))
                .findFirst()
                .orElseThrow()
                .getString("custom_id");
        assertTrue(bobsPrev.contains(bob.userId()), "bob's page is bob's to turn: " + bobsPrev);

        Recorded alices = discord.awaitCallback(discord.sendButton(next, "4243", alice), WAIT);
        assertEquals(7, alices.callbackType(), "the owner still turns the shared page");
    }

    @Test
    @DisplayName("stopping the bot lets an answer in flight reach Discord before JDA shuts down")
    void aStopDrainsAnswersInFlight() {
        discord.delayAttachments(Duration.ofSeconds(2));
        String id = slowIngest(discord.moderator("mod"));
        Recorded deferral = discord.awaitCallback(id, WAIT);
        assertEquals(5, deferral.callbackType());
        bot.close();
        bot = null;
        String token = deferral.segments().get(2);
        Recorded answer = discord.awaitRequest(
                r -> r.succeeded()
                        && r.method().equals("PATCH")
                        && r.path().contains(token)
                        && r.json().getString("content", "").contains("added"),
                Duration.ofSeconds(5));
        assertTrue(answer.json().toString().contains("hf_page_000"), answer.toString());
    }
}
