package dev.paperclub.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;

/**
 * The command latency as {@code /admin stats} shows it (p50, p99, count), read from the same
 * Prometheus histogram that {@code /metrics} exposes: its native buckets (exponential, about 9%
 * wide at the configured resolution, coarser only if the spread of latencies needs more than 320
 * buckets) give quantiles without keeping every sample.
 */
public final class CommandLatency {
    private final Histogram histogram;

    CommandLatency(Histogram histogram) {
        this.histogram = histogram;
    }

    /** Commands and button presses timed so far. */
    public long count() {
        return histogram.getCount();
    }

    /** The {@code q} quantile in milliseconds (the upper edge of its bucket), 0 when nothing was timed. */
    public double quantileMillis(double q) {
        HistogramDataPointSnapshot data = histogram.collect().getDataPoints().get(0);
        long total = data.getCount();
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = data.getNativeZeroCount();
        if (seen >= rank) return data.getNativeZeroThreshold() * 1000;
        // bucket i holds the values in (base^(i-1), base^i], base = 2^(2^-schema)
        double base = Math.pow(2, Math.pow(2, -data.getNativeSchema()));
        NativeHistogramBuckets buckets = data.getNativeBucketsForPositiveValues();
        for (int i = 0; i < buckets.size(); i++) {
            seen += buckets.getCount(i);
            if (seen >= rank) return Math.pow(base, buckets.getBucketIndex(i)) * 1000;
        }
        return buckets.size() == 0 ? 0 : Math.pow(base, buckets.getBucketIndex(buckets.size() - 1)) * 1000;
    }
}
