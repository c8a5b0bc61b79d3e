package dev.paperclub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class AppSettingsTest {
    @Test
    void everyKeyIsParsedAndBoundedInOnePlace() {
        AppSettings s = AppSettings.from(Config.load(
                null,
                Map.of(
                        "PAPERCLUB_INGEST_READ_TIMEOUT_SECONDS", "90",
                        "PAPERCLUB_SEARCH_THREADS", "3",
                        "PAPERCLUB_HIGHLIGHTS_TIMEZONE", "Asia/Tokyo",
                        "PAPERCLUB_FEEDS_HF_DAILY_TIME", "06:30",
                        "PAPERCLUB_DISCORD_ALLOWED_GUILD_IDS", "123, 456")));
        assertEquals(Duration.ofSeconds(90), s.ingest().readTimeout());
        assertEquals(3, s.search().searchThreads());
        assertEquals(ZoneId.of("Asia/Tokyo"), s.highlights().zone());
        assertEquals(LocalTime.of(6, 30), s.hfDaily().time());
        assertEquals(java.util.List.of("123", "456"), s.discord().allowedGuildIds());

        ConfigException e = assertThrows(
                ConfigException.class,
                () -> AppSettings.from(Config.load(null, Map.of("PAPERCLUB_INGEST_MAX_REDIRECTS", "21"))));
        assertTrue(
                e.getMessage().contains("ingest.max-redirects")
                        && e.getMessage().contains("between 0 and 20"),
                e.getMessage());
        // the validation every command runs at start is this parse
        assertThrows(ConfigException.class, () -> Config.load(null, Map.of("PAPERCLUB_INGEST_MAX_REDIRECTS", "21"))
                .validate());
    }
}
