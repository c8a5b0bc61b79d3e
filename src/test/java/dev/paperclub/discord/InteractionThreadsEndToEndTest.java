package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.paperclub.TestApps;
import dev.paperclub.discord.fake.DiscordDouble;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long work never holds the threads that answer within Discord's 3 s. */
final class InteractionThreadsEndToEndTest {
    static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(3);

    @TempDir
    Path dir;

    @Test
    @DisplayName("a burst of autocomplete during slow ingests is all answered within 3 s")
    void autocompleteIsAnsweredWhileIngestsAreSlow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer slowSource = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        ExecutorService sourceThreads = Executors.newFixedThreadPool(8);
        slowSource.setExecutor(sourceThreads);
        slowSource.createContext("/slow.jsonl", exchange -> {
            try {
                release.await(8, TimeUnit.SECONDS); // a download that takes its time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body =
                    "{\"id\":\"slow-1\",\"title\":\"A slowly downloaded paper\"}\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slowSource.start();
        String url = "http://127.0.0.1:" + slowSource.getAddress().getPort() + "/slow.jsonl";
        try (BotHarness h =
                new BotHarness(DiscordDouble.start(), dir, Clock.systemUTC(), "ingest.allow-private-urls", "true")) {
            TestApps.ingestAllSamples(h.app);
            DiscordDouble discord = h.discord;
            DiscordDouble.Member mod = discord.moderator("mod");
            // more slow ingests than the old shared pool had threads
            for (int i = 0; i < 4; i++) {
                discord.awaitCallback(
                        discord.sendSlashCommand("admin", "ingest", Map.of("url", url), mod), BotHarness.WAIT);
            }
            Thread.sleep(300); // the ingests are downloading now

            DiscordDouble.Member member = discord.member("typist");
            List<String> burst = new ArrayList<>();
            for (int i = 0; i < 20; i++)
                burst.add(
                        discord.sendAutocomplete("paper", "paper", "atten".substring(0, 2 + i % 4), Map.of(), member));
            for (String id : burst) {
                assertEquals(8, discord.awaitCallback(id, BotHarness.WAIT).callbackType());
                long nanos = discord.callbackLatencyNanos(id).orElseThrow();
                assertTrue(nanos < DEADLINE_NANOS, "autocomplete answered after " + nanos / 1_000_000 + " ms");
            }
            release.countDown();
        } finally {
            release.countDown();
            slowSource.stop(0);
            sourceThreads.shutdownNow();
        }
    }
}
