package dev.paperclub.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.TestApps;
import dev.paperclub.config.Config;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s start-up warning about a shared library without home servers. */
final class RunVerbGovernanceTest {
    @TempDir
    Path dir;

    @Test
    void warnsOnlyWhenInSeveralServersWithoutHomeServers() {
        Config config = TestApps.config(dir);
        assertTrue(RunVerb.governanceWarning(config, 1).isEmpty(), "one server: nobody else shares the library");
        String w = RunVerb.governanceWarning(config, 2).orElseThrow();
        assertTrue(w.contains("2 servers") && w.contains("discord.home-guild-ids") && w.contains("Public Bot"), w);
        assertTrue(RunVerb.governanceWarning(config.with("discord.home-guild-ids", "123"), 2)
                .isEmpty());
    }
}
