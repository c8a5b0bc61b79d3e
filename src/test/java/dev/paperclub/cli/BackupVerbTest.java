package dev.paperclub.cli;

import static dev.paperclub.cli.CliRuns.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.cli.CliRuns.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup FILE} on a data dir no process holds: what it writes, and what it refuses to overwrite. */
final class BackupVerbTest {
    @TempDir
    Path dir;

    private Path data() throws Exception {
        Path data = dir.resolve("data");
        try (App app = TestApps.open(data)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
        }
        return data;
    }

    @Test
    void oneOfAThingIsSaidInTheSingular() {
        var one = new dev.paperclub.backup.DatabaseBackup.Result(
                Path.of("b.db"), 1, 1, 1_100_000, java.time.Duration.ofMillis(100));
        assertEquals("Backed up 1 paper and 1 open vote (1.1 MB) to b.db in 0.1 s; integrity check ok.", one.summary());
    }

    @Test
    void writesACheckedCopyAndSaysWhatItHolds() throws Exception {
        Path data = data();
        Path file = dir.resolve("b.db");
        Run r = run("backup", file.toString(), "--data-dir", data.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Backed up 22 papers and 0 open votes ("), r.out());
        assertTrue(r.out().contains(" MB) to " + file + " in "), r.out());
        assertTrue(r.out().strip().endsWith("s; integrity check ok."), r.out());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(
                    List.of("b.db", "data"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left beside it");
        }
        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(file, restored.resolve(App.DATABASE_FILE));
        try (App app = TestApps.open(restored)) {
            assertEquals(22, app.papers().count());
            assertEquals(22, app.index().count(), "the index rebuilds from the backup");
        }
    }

    @Test
    void refusesToOverwriteAnExistingFileUnlessForced() throws Exception {
        Path data = data();
        Path file = Files.writeString(dir.resolve("precious.db"), "not to be lost");
        byte[] before = Files.readAllBytes(file);
        Run refused = run("backup", file.toString(), "--data-dir", data.toString());
        assertEquals(1, refused.code());
        assertEquals(
                UserError.PREFIX + file
                        + " exists already; name a new file, or add --force to replace it with this backup",
                refused.err().strip());
        assertArrayEquals(before, Files.readAllBytes(file), "untouched");

        Run forced = run("backup", "--force", file.toString(), "--data-dir", data.toString());
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.size(file) > before.length);
    }

    @Test
    void aDirectoryOrAMissingFolderIsRefusedWithoutAStackTrace() throws Exception {
        Path data = data();
        Run directory = run("backup", dir.toString(), "--data-dir", data.toString());
        assertEquals(1, directory.code());
        assertTrue(
                directory.err().startsWith(UserError.PREFIX + dir + " is a directory; name the backup file"),
                directory.err());
        Run missing = run("backup", dir.resolve("no/such/folder/b.db").toString(), "--data-dir", data.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("does not exist; create it or name another file"), missing.err());
        Run itself =
                run("backup", "--force", data.resolve(App.DATABASE_FILE).toString(), "--data-dir", data.toString());
        assertEquals(1, itself.code());
        assertTrue(itself.err().contains("is the database itself"), itself.err());
        for (Run r : List.of(directory, missing, itself)) assertFalse(r.err().contains("Exception"), r.err());
        Run usage = run("backup", "--data-dir", data.toString());
        assertEquals(2, usage.code(), "FILE is required");
    }
}
