package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.discord.fake.DiscordDouble;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as an operator starts it: a separate JVM, configured by environment variables
 * only, against the Discord double; answers a command, then stops cleanly on SIGTERM.
 */
final class OperatorRunTest {
    @TempDir
    Path dir;

    /** {@code run} in a JVM of its own, configured by {@code env} only, its output in {@code log}. */
    static ProcessBuilder run(Map<String, String> env, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.paperclub.Main", "run");
        pb.environment().remove("DISCORD_TOKEN");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb;
    }

    @Test
    void runsFromEnvironmentVariablesAnswersAndStopsOnSigterm() throws Exception {
        try (DiscordDouble discord = DiscordDouble.start()) {
            Path log = dir.resolve("run.log");
            Process p = run(
                            Map.of(
                                    "DISCORD_TOKEN",
                                    discord.token(),
                                    "PAPERCLUB_DISCORD_API_URL",
                                    discord.restBaseUrl(),
                                    "PAPERCLUB_DISCORD_GATEWAY_URL",
                                    discord.gatewayUrl(),
                                    "PAPERCLUB_DATA_DIR",
                                    dir.resolve("data").toString(),
                                    "PAPERCLUB_DISCORD_GUILD_IDS",
                                    discord.guildId()),
                            log)
                    .start();
            try {
                var put = discord.awaitCommandRegistration(Duration.ofSeconds(60));
                assertEquals(
                        "applications/" + discord.applicationId() + "/guilds/" + discord.guildId() + "/commands",
                        put.path(),
                        "discord.guild-ids registers per server");
                String id = discord.sendSlashCommand("help", Map.of(), discord.member("operator-test"));
                assertEquals(
                        4, discord.awaitCallback(id, Duration.ofSeconds(20)).callbackType());
                // let the background model load finish, so this checks a shutdown of a fully started bot
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!Files.readString(log, StandardCharsets.UTF_8).contains("Semantic search")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(
                        Files.readString(log, StandardCharsets.UTF_8).contains("Semantic search ready"),
                        Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                p.destroy(); // SIGTERM
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops within 30 s of SIGTERM");
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertFalse(out.contains(discord.token()), "the token never appears in the output");
            assertTrue(out.contains("Shutting down"), out);
            assertFalse(out.contains("Exception"), out);
        }
    }

    @Test
    void aMissingTokenSaysWhatToDoAndPointsToTheConsole() throws Exception {
        Path log = dir.resolve("notoken.log");
        Process p = run(Map.of("PAPERCLUB_DATA_DIR", dir.resolve("data2").toString()), log)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(out.contains("DISCORD_TOKEN") && out.contains("console"), out);
        assertFalse(out.contains("\tat "), out);
    }

    @Test
    void aWrongTokenIsRefusedWithoutPrintingIt() throws Exception {
        try (DiscordDouble discord = DiscordDouble.start()) {
            Path log = dir.resolve("badtoken.log");
            String wrong = "wrong-" + discord.token();
            Process p = run(
                            Map.of(
                                    "DISCORD_TOKEN",
                                    wrong,
                                    "PAPERCLUB_DISCORD_API_URL",
                                    discord.restBaseUrl(),
                                    "PAPERCLUB_DISCORD_GATEWAY_URL",
                                    discord.gatewayUrl(),
                                    "PAPERCLUB_DATA_DIR",
                                    dir.resolve("data3").toString()),
                            log)
                    .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(out.contains("refused the token"), out);
            assertFalse(out.contains(wrong), "the token never appears in errors");
        }
    }

    @Test
    void anUnreachableDiscordIsNamedInWords() throws Exception {
        Path log = dir.resolve("unreachable.log");
        Process p = run(
                        Map.of(
                                "DISCORD_TOKEN",
                                "any-token",
                                "PAPERCLUB_DISCORD_API_URL",
                                "http://127.0.0.1:1/api/v10/",
                                "PAPERCLUB_DISCORD_GATEWAY_URL",
                                "ws://127.0.0.1:1",
                                "PAPERCLUB_DATA_DIR",
                                dir.resolve("data4").toString()),
                        log)
                .start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(out.contains("Could not reach Discord: connection refused") && out.contains("discord.api-url"), out);
        assertFalse(out.contains("java.net.") || out.contains("\tat "), out);
    }
}
