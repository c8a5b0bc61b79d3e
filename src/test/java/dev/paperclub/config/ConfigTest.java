package dev.paperclub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigTest {
    @TempDir Path dir;

    @Test
    void layersDefaultsThenFileThenEnvironment() throws Exception {
        Path file = dir.resolve("my.properties");
        Files.writeString(file, "votes.per-member=3\nhighlights.count=5\n");
        Config c = Config.load(file, Map.of("PAPERCLUB_HIGHLIGHTS_COUNT", "7")).validate();
        assertEquals(3, c.intInRange("votes.per-member", 0, 100));
        assertEquals(7, c.intInRange("highlights.count", 1, 10));
        assertEquals("UTC", c.zone("highlights.timezone").getId(), "default kept");
        assertEquals("PAPERCLUB_FEEDS_HF_DAILY_URL", Config.envName("feeds.hf-daily.url"));
    }

    @Test
    void badValuesNameTheKeyAndTheProblem() {
        ConfigException zone = assertThrows(ConfigException.class,
                () -> Config.load(null, Map.of("PAPERCLUB_HIGHLIGHTS_TIMEZONE", "Mars/Olympus")).validate());
        assertTrue(zone.getMessage().contains("highlights.timezone") && zone.getMessage().contains("IANA"), zone.getMessage());
        ConfigException count = assertThrows(ConfigException.class,
                () -> Config.load(null, Map.of("PAPERCLUB_HIGHLIGHTS_COUNT", "11")).validate());
        assertTrue(count.getMessage().contains("highlights.count") && count.getMessage().contains("between 1 and 10"));
        ConfigException time = assertThrows(ConfigException.class,
                () -> Config.load(null, Map.of("PAPERCLUB_HIGHLIGHTS_TIME", "9am")).validate());
        assertTrue(time.getMessage().contains("HH:MM"));
        ConfigException missing = assertThrows(ConfigException.class, () -> Config.load(dir.resolve("nope.properties")));
        assertTrue(missing.getMessage().contains("nope.properties"));
    }
}
