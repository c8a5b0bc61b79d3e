package dev.paperclub.command;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Command latencies in logarithmic buckets (about 10% wide, 10 µs to ~100 s), lock-free,
 * for p50/p99 in {@code /admin stats} without keeping every sample.
 */
public final class LatencyHistogram {
    private static final double BASE = 1.1;
    private static final double MIN_MICROS = 10;
    private static final int BUCKETS = 170;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        double micros = Math.max(nanos / 1000.0, MIN_MICROS);
        int b = (int) Math.min(BUCKETS - 1, Math.floor(Math.log(micros / MIN_MICROS) / Math.log(BASE)));
        counts.incrementAndGet(b);
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) n += counts.get(i);
        return n;
    }

    /** The {@code q} quantile in milliseconds (upper edge of its bucket), 0 when empty. */
    public double quantileMillis(double q) {
        long total = count();
        if (total == 0) return 0;
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) return MIN_MICROS * Math.pow(BASE, i + 1) / 1000.0;
        }
        return MIN_MICROS * Math.pow(BASE, BUCKETS) / 1000.0;
    }
}
