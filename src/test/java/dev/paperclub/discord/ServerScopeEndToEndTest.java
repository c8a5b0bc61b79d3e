package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the commands live and who can use them: registration switching between global and
 * per-server scope, a listed server joined later, and interactions from outside a server the
 * bot is in (a user-installed app in a foreign server, a direct message).
 */
final class ServerScopeEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    DiscordDouble discord;
    App app;
    String lab;
    String later;

    @BeforeEach
    void start() {
        discord = DiscordDouble.builder().addGuildNotJoined("Joined Later").start();
        lab = discord.guildId();
        later = discord.guilds().get(1).id();
        app = App.open(DiscordApps.config(dir, discord), java.time.Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (app != null) app.close();
        if (discord != null) discord.close();
    }

    private DiscordBot bot(List<String> guildIds) throws InterruptedException {
        return DiscordApps.start(discord, app, guildIds);
    }

    private void awaitScope(String scope, int commands) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (discord.registeredCommands(scope).length() != commands) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        scope + " has " + discord.registeredCommands(scope).length() + " commands, expected " + commands
                                + "; requests: "
                                + discord.requests().stream()
                                        .filter(r -> r.path().contains("commands"))
                                        .toList());
            }
            Thread.onSpinWait();
        }
    }

    @Test
    @DisplayName(
            "switching between global and per-server registration clears the other scope; a listed server joined later gets its commands")
    void registrationScopeSwitchesCleanly() throws Exception {
        int n = app.commands().definitions().json().size();
        try (DiscordBot global = bot(List.of())) {
            awaitScope("global", n);
        }
        try (DiscordBot perServer = bot(List.of(lab, later))) {
            awaitScope(lab, n);
            awaitScope("global", 0);
            assertEquals(0, discord.registeredCommands(later).length(), "not in that server yet");
            discord.joinGuild(later);
            awaitScope(later, n);
        }
        try (DiscordBot global = bot(List.of())) {
            awaitScope("global", n);
            awaitScope(lab, 0);
            awaitScope(later, 0);
        }
    }

    @Test
    @DisplayName("an interaction without a server member the bot can read gets a clear private answer")
    void interactionsOutsideAServerAreAnswered() throws Exception {
        try (DiscordBot bot = bot(List.of())) {
            DiscordDouble.Member stranger = discord.member("stranger");
            // the app used in a server the bot is not in: JDA gives a detached guild and member
            String detached = discord.sendSlashCommandIn(
                    later, discord.channelId(later, "general"), "reading-list", null, Map.of(), stranger);
            assertOutsideServerAnswer(discord.awaitCallback(detached, WAIT));
            String adminThere = discord.sendSlashCommandIn(
                    later, discord.channelId(later, "general"), "admin", "stats", Map.of(), stranger);
            assertOutsideServerAnswer(discord.awaitCallback(adminThere, WAIT));
            String direct = discord.sendDirectSlashCommand("help", Map.of(), stranger);
            assertOutsideServerAnswer(discord.awaitCallback(direct, WAIT));
        }
    }

    private static void assertOutsideServerAnswer(Recorded cb) {
        assertEquals(4, cb.callbackType());
        assertEquals(64, cb.data().getInt("flags", 0) & 64, "private: " + cb.data());
        assertTrue(
                cb.data().getString("content").contains("inside a server"),
                cb.data().toString());
    }
}
