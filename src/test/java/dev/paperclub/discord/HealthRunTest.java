package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.util.Json;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with {@code health.port}, as an operator starts it (a separate JVM, configured by
 * environment variables) against the Discord double: {@code /healthz} is 200 while the real JDA
 * client's gateway is connected, 503 with the reason while Discord drops it and refuses reconnects,
 * and 200 again once the bot is back.
 */
final class HealthRunTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void healthzFollowsTheGatewayConnection() throws Exception {
        Path data = dir.resolve("data");
        int papers;
        try (App app = TestApps.open(data)) {
            TestApps.ingestAllSamples(app);
            papers = app.papers().count();
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (DiscordDouble discord = DiscordDouble.start()) {
            Path log = dir.resolve("run.log");
            Process p = OperatorRunTest.run(
                            Map.of(
                                    "DISCORD_TOKEN", discord.token(),
                                    "PAPERCLUB_DISCORD_API_URL", discord.restBaseUrl(),
                                    "PAPERCLUB_DISCORD_GATEWAY_URL", discord.gatewayUrl(),
                                    "PAPERCLUB_DATA_DIR", data.toString(),
                                    "PAPERCLUB_SEARCH_SEMANTIC_ENABLED", "false",
                                    "PAPERCLUB_HEALTH_PORT", String.valueOf(port)),
                            log)
                    .start();
            try {
                JsonNode up = json(awaitHealth(port, 200, p, log));
                assertEquals("ok", up.get("status").asText(), up.toString());
                assertEquals("connected", up.get("gateway").asText(), up.toString());
                assertEquals("ok", up.get("store").asText(), up.toString());
                assertEquals(papers, up.get("papers").asInt(), up.toString());
                assertTrue(up.get("uptime_seconds").asLong() >= 0, up.toString());
                assertFalse(up.has("reason"), up.toString());

                discord.dropGatewayAndRefuseReconnects();
                JsonNode down = json(awaitHealth(port, 503, p, log));
                assertEquals("unavailable", down.get("status").asText(), down.toString());
                assertTrue(
                        down.get("reason").asText().startsWith("the Discord gateway is not connected ("),
                        down.toString());
                assertNotEquals("connected", down.get("gateway").asText(), down.toString());
                assertEquals("ok", down.get("store").asText(), "the store still answers: " + down);
                assertEquals(papers, down.get("papers").asInt(), down.toString());

                discord.acceptGatewayConnections();
                assertEquals(
                        "ok", json(awaitHealth(port, 200, p, log)).get("status").asText());
            } finally {
                p.destroy(); // SIGTERM
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops within 30 s of SIGTERM");
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertFalse(out.contains(discord.token()), "the token never appears in the output");
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return Json.MAPPER.readTree(r.body());
    }

    /** GETs /healthz until it answers {@code status} (the bot logs in, reconnects, …), for up to 60 s. */
    private static HttpResponse<String> awaitHealth(int port, int status, Process p, Path log) throws Exception {
        Predicate<HttpResponse<String>> done = r -> r.statusCode() == status;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                last = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (done.test(last)) return last;
            } catch (ConnectException notYet) {
                // the process is still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/healthz never answered " + status + "; last: "
                + (last == null ? "nothing listened" : last.statusCode() + " " + last.body()) + "\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }
}
