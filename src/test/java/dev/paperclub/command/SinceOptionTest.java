package dev.paperclub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class SinceOptionTest {

    @Test
    @DisplayName("since accepts dates and ages, and explains anything else")
    void parse() {
        var clock = java.time.Clock.fixed(java.time.Instant.parse("2026-06-15T12:00:00Z"), java.time.ZoneOffset.UTC);
        assertEquals(LocalDate.of(2024, 1, 31), SinceOption.parse("2024-01-31", clock));
        assertEquals(LocalDate.of(2026, 6, 8), SinceOption.parse("7d", clock));
        assertEquals(LocalDate.of(2026, 6, 1), SinceOption.parse("2w", clock));
        assertEquals(LocalDate.of(2026, 3, 15), SinceOption.parse("3m", clock));
        assertEquals(LocalDate.of(2025, 6, 15), SinceOption.parse(" 1Y ", clock));
        for (String bad : List.of("", "yesterday", "7", "d7", "2024-02-30", "2024/01/31", "-1d", "1h", "99999d")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> SinceOption.parse(bad, clock), bad);
            assertTrue(e.getMessage().contains("2024-01-31") || e.getMessage().contains("YYYY-MM-DD"), e.getMessage());
        }
    }
}
