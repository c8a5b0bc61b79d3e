package dev.paperclub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void membersAreLimitedAndTheLocalConsoleIsNot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (dev.paperclub.App app = dev.paperclub.App.open(
                dev.paperclub.TestApps.config(dir).with("commands.per-user-per-minute", "3"),
                dev.paperclub.TestApps.CLOCK)) {
            Caller member = new Caller("1", "m", "g1", "c1", java.util.List.of(), false);
            CommandRequest help = new CommandRequest("help", null, Options.none(), member);
            for (int i = 0; i < 3; i++)
                assertFalse(app.commands().handle(help).content().contains("going a bit fast"));
            assertTrue(
                    app.commands().handle(help).content().contains("going a bit fast"), "the fourth in a minute waits");
            for (int i = 0; i < 10; i++)
                assertFalse(app.commands().handleLocally(help).content().contains("going a bit fast"));
        }
    }
}
