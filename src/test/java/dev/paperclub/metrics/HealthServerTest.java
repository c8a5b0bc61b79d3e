package dev.paperclub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** /healthz when the store does not answer: 503 with the reason, within the probe's timeout. */
final class HealthServerTest {
    private static final Instant STARTED = Instant.parse("2026-11-25T10:00:00Z");

    /** GET /healthz from a server reporting on {@code papers} and {@code gateway}. */
    private static HttpResponse<String> get(IntSupplier papers, HealthServer.Gateway gateway) throws Exception {
        Clock clock = Clock.fixed(STARTED.plusSeconds(90), java.time.ZoneOffset.UTC);
        try (HealthServer server = HealthServer.start(
                "127.0.0.1", 0, new HealthServer.Sources(new Metrics(), papers, STARTED, clock), gateway)) {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JsonNode healthz(IntSupplier papers, int expectedStatus) throws Exception {
        HttpResponse<String> r = get(papers, HealthServer.Gateway.NONE);
        assertEquals(expectedStatus, r.statusCode(), r.body());
        JsonNode json = Json.MAPPER.readTree(r.body());
        assertEquals(90, json.get("uptime_seconds").asLong());
        return json;
    }

    @Test
    void aFailureWhileAnsweringIsA500() throws Exception {
        HttpResponse<String> r = get(() -> 1, new HealthServer.Gateway() {
            @Override
            public boolean connected() {
                throw new IllegalStateException("the gateway's state cannot be read");
            }

            @Override
            public String state() {
                return "?";
            }
        });
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("log"), r.body());
    }

    @Test
    void aFailingStoreIsUnavailableWithItsError() throws Exception {
        JsonNode json = healthz(
                () -> {
                    throw new IllegalStateException("database is locked");
                },
                503);
        assertEquals("unavailable", json.get("status").asText());
        assertEquals("the store failed: database is locked", json.get("reason").asText());
        assertEquals("failing", json.get("store").asText());
        assertTrue(!json.has("papers"), json.toString());
    }

    @Test
    void aStoreThatHangsIsUnavailableAfterTheTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();
        JsonNode json = healthz(
                () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 0;
                },
                503);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("the store did not answer within 2 s", json.get("reason").asText());
        assertEquals("no answer", json.get("store").asText());
        assertTrue(tookMs >= 1_900, "waited for the store " + tookMs + " ms");
    }

    @Test
    void aHealthyStoreAtTheConsoleIsOk() throws Exception {
        JsonNode json = healthz(() -> 42, 200);
        assertEquals("ok", json.get("status").asText());
        assertEquals(42, json.get("papers").asInt());
        assertEquals("not used", json.get("gateway").asText());
    }
}
