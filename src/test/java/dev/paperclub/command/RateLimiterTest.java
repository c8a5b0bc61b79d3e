package dev.paperclub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class RateLimiterTest {
    @Test
    void allowsThePerMinuteBudgetThenAsksToWaitThenForgives() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        RateLimiter limiter = new RateLimiter(3, now::get);
        for (int i = 0; i < 3; i++) assertEquals(0, limiter.acquire("alice"));
        long wait = limiter.acquire("alice");
        assertTrue(wait >= 1 && wait <= 60, "wait " + wait);
        assertEquals(0, limiter.acquire("bob"), "limits are per user");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(0, limiter.acquire("alice"));
    }

    @Test
    void latencyHistogramQuantiles() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 99; i++) h.record(Duration.ofMillis(1).toNanos());
        h.record(Duration.ofMillis(200).toNanos());
        assertEquals(100, h.count());
        assertTrue(h.quantileMillis(0.5) >= 1 && h.quantileMillis(0.5) < 1.2, "p50 " + h.quantileMillis(0.5));
        assertTrue(h.quantileMillis(0.999) >= 200 && h.quantileMillis(0.999) < 230, "p99.9 " + h.quantileMillis(0.999));
    }
}
