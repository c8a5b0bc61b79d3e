package dev.paperclub.cli;

import static dev.paperclub.cli.CliRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.cli.CliRuns.Run;
import dev.paperclub.util.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beside a running process of another PaperClub version (its database at another schema
 * version), the read verbs say so and stop, and migrate nothing.
 */
final class BesideSchemaVersionTest {
    @TempDir
    Path dir;

    private static int userVersion(Path data, Integer set) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(App.DATABASE_FILE));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            if (set != null) s.execute("PRAGMA user_version = " + set);
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                return rs.getInt(1);
            }
        }
    }

    @Test
    void anotherSchemaVersionIsNamedAndNothingIsMigrated() throws Exception {
        Path data = dir.resolve("data");
        // the running process: an app holding the data dir (its index's write lock), as run or console does
        try (App running = TestApps.open(data)) {
            TestApps.ingestSample(running, "hf_page_000.txt");
            int ours = running.database().schemaVersion();

            userVersion(data, ours + 1);
            Run newer = run("stats", "--json", "--data-dir", data.toString());
            assertEquals(1, newer.code(), newer.out());
            assertEquals(
                    UserError.PREFIX + "the database in " + data + " has schema version " + (ours + 1)
                            + ", and this PaperClub version expects " + ours
                            + " (a newer version of PaperClub uses it); run this command with the PaperClub version"
                            + " that runs on that data dir, or stop that process and start this version on it (it"
                            + " migrates the data)",
                    newer.err().strip());

            userVersion(data, ours - 1);
            Run older = run("search", "pointer", "--data-dir", data.toString());
            assertEquals(1, older.code(), older.out());
            assertTrue(older.err().contains("(an older version of PaperClub uses it)"), older.err());
            assertEquals(ours - 1, userVersion(data, null), "nothing migrated under the running process");

            userVersion(data, ours);
            Run same = run("stats", "--json", "--data-dir", data.toString());
            assertEquals(0, same.code(), same.err());
            assertEquals(22, Json.MAPPER.readTree(same.out()).get("papers").asInt());
            assertEquals(22, Json.MAPPER.readTree(same.out()).get("indexed").asInt());
        }
    }

    /** {@code console} or {@code ingest} of a newer version started beside the running process stops before migrating. */
    @Test
    void anOwningVerbBesideTheRunningProcessMigratesNothing() throws Exception {
        Path data = dir.resolve("data");
        try (App running = TestApps.open(data)) {
            TestApps.ingestSample(running, "hf_page_000.txt");
            int ours = running.database().schemaVersion();
            userVersion(data, ours - 1); // as if the running process were the previous version
            org.junit.jupiter.api.Assertions.assertThrows(
                    dev.paperclub.DataDirInUseException.class,
                    () -> TestApps.open(data).close());
            assertEquals(ours - 1, userVersion(data, null), "no migration under the running process");
        }
    }
}
