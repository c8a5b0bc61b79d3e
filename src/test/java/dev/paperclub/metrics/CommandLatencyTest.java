package dev.paperclub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** /admin stats' p50/p99, read from the Prometheus histogram /metrics exposes. */
final class CommandLatencyTest {
    @Test
    void quantilesComeFromTheSameHistogramAsTheMetrics() {
        Metrics metrics = new Metrics();
        CommandLatency h = metrics.latency();
        assertEquals(0, h.count());
        assertEquals(0, h.quantileMillis(0.5));
        for (int i = 0; i < 99; i++)
            metrics.command("/help", Metrics.Outcome.OK, Duration.ofMillis(1).toNanos());
        metrics.command("/search", Metrics.Outcome.OK, Duration.ofMillis(200).toNanos());
        assertEquals(100, h.count());
        assertTrue(h.quantileMillis(0.5) >= 1 && h.quantileMillis(0.5) < 1.1, "p50 " + h.quantileMillis(0.5));
        assertTrue(h.quantileMillis(0.99) >= 1 && h.quantileMillis(0.99) < 1.1, "p99 " + h.quantileMillis(0.99));
        assertTrue(h.quantileMillis(0.999) >= 200 && h.quantileMillis(0.999) < 220, "p99.9 " + h.quantileMillis(0.999));
    }

    @Test
    void fromAMicrosecondToAHundredSecondsEveryQuantileIsWithinTenPercent() {
        Metrics metrics = new Metrics();
        java.util.List<Long> micros = new java.util.ArrayList<>();
        for (long m = 1; m <= 100_000_000; m *= 3) micros.add(m);
        micros.forEach(m -> metrics.command("/help", Metrics.Outcome.OK, m * 1000));
        CommandLatency h = metrics.latency();
        for (int i = 0; i < micros.size(); i++) {
            double expected = micros.get(i) / 1000.0;
            double q = h.quantileMillis((i + 1) / (double) micros.size());
            assertTrue(q >= expected * 0.999 && q < expected * 1.1, "value " + expected + " ms read as " + q);
        }
    }
}
