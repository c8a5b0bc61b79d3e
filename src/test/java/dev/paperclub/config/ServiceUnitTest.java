package dev.paperclub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** config/paperclub.service: the systemd unit an operator installs runs the bot as the README says. */
final class ServiceUnitTest {
    /** Section name -> key -> every value given (a key may repeat, as Environment= does). */
    private static Map<String, Map<String, List<String>>> unit() throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        String section = null;
        for (String raw : Files.readAllLines(Path.of("config/paperclub.service"))) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            assertTrue(!line.endsWith("\\"), "no continued lines: " + line);
            if (line.startsWith("[")) {
                section = line.substring(1, line.length() - 1);
                sections.put(section, new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            assertTrue(section != null && eq > 0, "a key=value line inside a section: " + line);
            sections.get(section)
                    .computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return sections;
    }

    private static String one(Map<String, List<String>> section, String key) {
        List<String> v = section.get(key);
        assertTrue(v != null && v.size() == 1, key + " given once: " + v);
        return v.get(0);
    }

    @Test
    void runsTheBotFromAJarRestartsAlwaysAndWaitsForTheNetwork() throws IOException {
        var u = unit();
        assertEquals(Set.of("Unit", "Service", "Install"), u.keySet());
        var unit = u.get("Unit");
        var service = u.get("Service");
        assertTrue(one(unit, "After").contains("network-online.target"));
        assertTrue(one(unit, "Wants").contains("network-online.target"));
        assertEquals("0", one(unit, "StartLimitIntervalSec"), "restarts are never given up");

        Matcher exec =
                Pattern.compile("(/\\S+/java) .*-jar (/\\S+\\.jar) run( .*)?$").matcher(one(service, "ExecStart"));
        assertTrue(exec.matches(), "ExecStart runs `java … -jar JAR run`: " + one(service, "ExecStart"));
        assertEquals("always", one(service, "Restart"));
        int restartSec = Integer.parseInt(one(service, "RestartSec"));
        assertTrue(restartSec >= 1 && restartSec <= 60, "RestartSec " + restartSec);
        assertEquals("multi-user.target", one(u.get("Install"), "WantedBy"));

        // a dedicated user and its own state directory, which is the data dir
        String user = one(service, "User");
        assertNotEquals("root", user);
        assertEquals("paperclub", one(service, "StateDirectory"));
        for (String key : List.of("NoNewPrivileges", "PrivateTmp")) assertEquals("yes", one(service, key), key);
        assertEquals("strict", one(service, "ProtectSystem"));
        assertEquals("yes", one(service, "ProtectHome"));
    }

    @Test
    void theTokenComesFromACredentialAndEverySettingIsAKnownKey() throws IOException {
        var service = unit().get("Service");
        Map<String, String> env = service.getOrDefault("Environment", List.of()).stream()
                .map(e -> e.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));

        // LoadCredential=NAME:PATH, read by PaperClub at discord.token-file = $CREDENTIALS_DIRECTORY/NAME (%d)
        String[] credential = one(service, "LoadCredential").split(":", 2);
        assertTrue(credential[1].startsWith("/etc/"), "the token file lives outside the data and the jar");
        assertEquals("%d/" + credential[0], env.get(Config.envName("discord.token-file")));
        assertTrue(!env.containsKey("DISCORD_TOKEN"), "never the token itself in the unit");

        // every PAPERCLUB_ variable names a configuration key, and together they are a valid configuration
        Set<String> known = Config.of(Map.of()).asMap().keySet().stream()
                .map(Config::envName)
                .collect(Collectors.toSet());
        Map<String, String> settings = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("PAPERCLUB_")) {
                assertTrue(known.contains(k), k + " is not a configuration key's variable");
                settings.put(k, v);
            }
        });
        AppSettings s = AppSettings.from(Config.load(null, settings));
        assertEquals(Path.of("/var/lib/paperclub"), s.dataDir(), "data.dir is the StateDirectory");
        assertTrue(s.health().enabled(), "the health port is set");
        assertEquals("127.0.0.1", s.health().bind());
        assertTrue(
                one(service, "ReadWritePaths").contains("/var/lib/paperclub"),
                "the data dir is writable under ProtectSystem=strict");
    }
}
