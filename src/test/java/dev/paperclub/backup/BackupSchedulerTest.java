package dev.paperclub.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.TestApps;
import dev.paperclub.config.Config;
import dev.paperclub.store.AuditStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily backups of the running process, driven tick by tick with a hand-moved clock. */
final class BackupSchedulerTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-25T00:00:00Z"));

    private App open(Path backups) {
        Config c = Config.of(Map.of(
                "data.dir", dir.resolve("data").toString(),
                "search.semantic.enabled", "false",
                "highlights.timezone", "Europe/Berlin",
                "backup.dir", backups.toString(),
                "backup.time", "02:30",
                "backup.keep", "3"));
        return App.open(c, clock);
    }

    private List<String> files(Path backups) throws Exception {
        try (Stream<Path> s = Files.list(backups)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Optional<DatabaseBackup.Result> tickAt(App app, String instant) {
        clock.set(Instant.parse(instant));
        return app.backupScheduler().tick();
    }

    @Test
    void takesOneBackupADayKeepsTheNewestItWroteAndNeverTouchesOtherFiles() throws Exception {
        Path backups = dir.resolve("backups");
        Files.createDirectories(backups);
        Files.writeString(backups.resolve("paperclub-2026-03-01.db"), "the operator's own copy");
        Files.writeString(backups.resolve("notes.txt"), "keep me");
        try (App app = open(backups)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            assertTrue(tickAt(app, "2026-03-25T01:29:00Z").isEmpty(), "02:29 in Berlin: not yet");
            DatabaseBackup.Result first = tickAt(app, "2026-03-25T01:30:00Z").orElseThrow();
            assertEquals(22, first.papers());
            assertTrue(tickAt(app, "2026-03-25T20:00:00Z").isEmpty(), "one a day");
            for (String day : List.of("26", "27", "28")) {
                assertTrue(tickAt(app, "2026-03-" + day + "T01:31:00Z").isPresent(), day);
            }
            assertEquals(
                    List.of(
                            "notes.txt",
                            "paperclub-2026-03-01.db",
                            "paperclub-2026-03-26.db",
                            "paperclub-2026-03-27.db",
                            "paperclub-2026-03-28.db"),
                    files(backups),
                    "the three newest it wrote, and the files it did not write");
            // 29 March: Berlin skips 02:00-03:00, so 02:30 comes at the first valid instant, 03:00 CEST (01:00Z)
            assertTrue(tickAt(app, "2026-03-29T00:59:00Z").isEmpty());
            assertTrue(tickAt(app, "2026-03-29T01:00:00Z").isPresent());
            // down on the 30th and 31st, started again on 1 April at noon: that day's backup is taken then
            assertTrue(tickAt(app, "2026-04-01T10:00:00Z").isPresent());
            assertEquals(
                    List.of(
                            "notes.txt",
                            "paperclub-2026-03-01.db",
                            "paperclub-2026-03-28.db",
                            "paperclub-2026-03-29.db",
                            "paperclub-2026-04-01.db"),
                    files(backups));
            try (var copy = dev.paperclub.store.Database.openReadOnly(backups.resolve("paperclub-2026-04-01.db"))) {
                assertEquals("ok", copy.integrityCheck());
                assertEquals(22, new dev.paperclub.store.PaperStore(copy).count());
            }
        }
    }

    @Test
    void aFailureIsAuditedAndTriedAgainLaterAndAnOperatorsFileOfThatNameIsKept() throws Exception {
        Path backups = dir.resolve("backups");
        Files.createDirectories(backups.resolve("paperclub-2026-03-25.db")); // a folder in the file's place
        Path operators = Files.writeString(backups.resolve("paperclub-2026-03-26.db"), "the operator's file");
        try (App app = open(backups)) {
            assertTrue(tickAt(app, "2026-03-25T02:00:00Z").isEmpty());
            List<AuditStore.Entry> audited = app.audit().recent(null, 10);
            assertEquals(1, audited.size());
            AuditStore.Entry failed = audited.get(0);
            assertEquals("backup", failed.action());
            assertEquals("failed", failed.result());
            assertEquals(AuditStore.SYSTEM_USER, failed.userId());
            assertTrue(failed.detail().contains("is a directory"), failed.detail());

            assertTrue(tickAt(app, "2026-03-25T02:10:00Z").isEmpty(), "waits before trying again");
            assertEquals(1, app.audit().recent(null, 10).size());
            Files.delete(backups.resolve("paperclub-2026-03-25.db"));
            assertTrue(tickAt(app, "2026-03-25T02:16:00Z").isPresent(), "tried again 15 minutes later");

            assertTrue(tickAt(app, "2026-03-26T02:00:00Z").isEmpty());
            assertEquals("the operator's file", Files.readString(operators), "never replaced");
            assertTrue(
                    app.audit().recent(null, 10).get(0).detail().contains("PaperClub did not write it, so it is kept"));
        }
    }
}
