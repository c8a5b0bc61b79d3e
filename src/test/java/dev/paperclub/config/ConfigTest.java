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
    @TempDir
    Path dir;

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
        ConfigException zone = assertThrows(
                ConfigException.class, () -> Config.load(null, Map.of("PAPERCLUB_HIGHLIGHTS_TIMEZONE", "Mars/Olympus"))
                        .validate());
        assertTrue(
                zone.getMessage().contains("highlights.timezone")
                        && zone.getMessage().contains("IANA"),
                zone.getMessage());
        ConfigException count =
                assertThrows(ConfigException.class, () -> Config.load(null, Map.of("PAPERCLUB_HIGHLIGHTS_COUNT", "11"))
                        .validate());
        assertTrue(count.getMessage().contains("highlights.count")
                && count.getMessage().contains("between 1 and 10"));
        ConfigException time =
                assertThrows(ConfigException.class, () -> Config.load(null, Map.of("PAPERCLUB_HIGHLIGHTS_TIME", "9am"))
                        .validate());
        assertTrue(time.getMessage().contains("HH:MM"));
        ConfigException missing =
                assertThrows(ConfigException.class, () -> Config.load(dir.resolve("nope.properties")));
        assertTrue(missing.getMessage().contains("nope.properties"));
    }

    @Test
    void aMisspeltKeyStopsTheStartNamingTheKeyMeant() throws Exception {
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "highlights.cout=5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(typo, Map.of()));
        assertTrue(
                e.getMessage().contains("'highlights.cout'")
                        && e.getMessage().contains("did you mean 'highlights.count'?"),
                e.getMessage());
        Path token = dir.resolve("token.properties");
        Files.writeString(token, "discord.token=abc\n");
        ConfigException t = assertThrows(ConfigException.class, () -> Config.load(token, Map.of()));
        assertTrue(t.getMessage().contains("DISCORD_TOKEN") && !t.getMessage().contains("abc"), t.getMessage());
        Path binary = dir.resolve("binary.properties");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 'a', '=', (byte) 0xc3});
        ConfigException b = assertThrows(ConfigException.class, () -> Config.load(binary, Map.of()));
        assertTrue(b.getMessage().contains("not UTF-8 text"), b.getMessage());
        // unknown environment variables are only warned about: the environment is shared with other programs
        assertEquals(
                3,
                Config.load(null, Map.of("PAPERCLUB_FOO", "1", "PAPERCLUB_VOTES_PER_MEMBER", "3"))
                        .intInRange("votes.per-member", 0, 9));
    }
}
