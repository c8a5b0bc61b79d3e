package dev.paperclub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code stats} says beside the process that owns the data dir. */
final class BesideStatsTest {
    @TempDir
    Path dir;

    @Test
    void theSemanticStateIsTheRunningProcesssNotThisOnes() throws Exception {
        try (App owner = TestApps.open(dir)) {
            TestApps.ingestSample(owner, "hf_page_000.txt");
            assertTrue(App.inUse(dir), "the owner holds the data dir");
            try (App beside = App.openBeside(TestApps.config(dir), TestApps.CLOCK)) {
                // this process never loads a model beside the owner: its own state ("not_loaded") would mislead
                assertEquals(
                        "see the running process (/admin stats)", beside.stats().get("semantic"));
                assertEquals(22, beside.stats().get("papers"));
            }
        }
    }
}
