package dev.paperclub.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-user fixed-window limit: at most {@code perMinute} commands in each user's current
 * minute. Windows live in a Caffeine cache that forgets idle users.
 */
public final class RateLimiter {
    private final int perMinute;
    private final Ticker ticker;
    private final Cache<String, Window> windows;

    public RateLimiter(int perMinute, Ticker ticker) {
        this.perMinute = perMinute;
        this.ticker = ticker;
        this.windows = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(Duration.ofMinutes(2))
                .maximumSize(100_000)
                .recordStats()
                .build();
    }

    /** Seconds until the user may try again, or 0 when this command is allowed. */
    public long acquire(String userId) {
        long now = ticker.read();
        Window w = windows.get(userId, k -> new Window(now));
        synchronized (w) {
            if (now - w.start >= Duration.ofMinutes(1).toNanos()) {
                w.start = now;
                w.count.set(0);
            }
            if (w.count.incrementAndGet() <= perMinute) return 0;
            return Math.max(1, (w.start + Duration.ofMinutes(1).toNanos() - now + 999_999_999L) / 1_000_000_000L);
        }
    }

    private static final class Window {
        long start;
        final AtomicLong count = new AtomicLong();

        Window(long start) {
            this.start = start;
        }
    }
}
