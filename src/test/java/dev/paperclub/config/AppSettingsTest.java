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

    @Test
    void theFeedKeysHaveArxivsDefaultsAndItsRateCannotBeRaisedAgainstArxiv() {
        AppSettings.Feeds f = AppSettings.from(Config.load(null, Map.of())).feeds();
        assertEquals(Duration.ofMinutes(60), f.lead());
        assertEquals("https://export.arxiv.org/api/query", f.arxivApiUrl().toString());
        assertEquals(Duration.ofSeconds(3), f.arxivMinInterval());
        assertEquals(100, f.arxivPageSize());
        assertEquals(200, f.arxivMaxPerFetch());
        ConfigException fast = assertThrows(
                ConfigException.class,
                () -> AppSettings.from(Config.load(null, Map.of("PAPERCLUB_FEEDS_ARXIV_MIN_INTERVAL_SECONDS", "1"))));
        assertTrue(fast.getMessage().contains("at least 3 for export.arxiv.org"), fast.getMessage());
        AppSettings local = AppSettings.from(Config.load(
                null,
                Map.of(
                        "PAPERCLUB_FEEDS_ARXIV_API_URL", "http://127.0.0.1:9/api/query",
                        "PAPERCLUB_FEEDS_ARXIV_MIN_INTERVAL_SECONDS", "0.25")));
        assertEquals(Duration.ofMillis(250), local.feeds().arxivMinInterval(), "a local double may go faster");
        assertThrows(
                ConfigException.class,
                () -> AppSettings.from(Config.load(null, Map.of("PAPERCLUB_FEEDS_ARXIV_MAX_PER_FETCH", "201"))));
        assertThrows(
                ConfigException.class,
                () -> AppSettings.from(
                        Config.load(null, Map.of("PAPERCLUB_FEEDS_ARXIV_MIN_INTERVAL_SECONDS", "soon"))));
    }
}
