package dev.paperclub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.command.Attachment;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Options;
import dev.paperclub.command.Reply;
import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk is named as such, with what was and was not stored. The disk is made full the way
 * SQLite itself reports it: {@code PRAGMA max_page_count} at the database's current size makes
 * every write that needs a new page fail with SQLITE_FULL, the code a full disk gives.
 */
final class DiskFullTest {
    @TempDir
    Path dir;

    static final Caller MOD = new Caller("900", "mod", "g1", "c1", List.of(), true);
    static final Caller MEMBER = new Caller("100", "member", "g1", "c1", List.of(), false);

    /** No room for one more page in the database file from now on. */
    private static void fillTheDisk(App app) {
        app.database().write(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                long pages = rs.getLong(1);
                s.execute("PRAGMA max_page_count = " + pages);
                return pages;
            }
        });
    }

    private static Reply run(App app, Caller c, String name, String sub, Map<String, Object> opts) {
        return app.commands().handle(new CommandRequest(name, sub, new Options(new LinkedHashMap<>(opts)), c));
    }

    @Test
    void anIngestOnAFullDiskSaysTheDiskIsFullAndThatNothingWasStored() throws Exception {
        try (App app = App.open(TestApps.config(dir.resolve("data")), TestApps.CLOCK)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            fillTheDisk(app);
            Path listing = dir.resolve("hf_listing_001.txt");
            Files.write(listing, TestApps.sample("hf_listing_001.txt"));

            // the CLI and the pipeline get it from the ingest service
            IngestException e = assertThrows(IngestException.class, () -> app.ingest()
                    .ingest(IngestInput.ofFile(listing), IngestOptions.DEFAULT));
            assertTrue(
                    e.getMessage()
                            .endsWith(
                                    "hf_listing_001.txt: the disk is full, so nothing from this input was stored; free some"
                                            + " space on the disk holding the data dir and ingest it again."),
                    e.getMessage());
            assertEquals(22, app.papers().count(), "nothing of the input is in the store");

            // Discord and the console get it from /admin ingest
            Reply r = run(
                    app,
                    MOD,
                    "admin",
                    "ingest",
                    Map.of(
                            "file",
                            new Attachment(listing.toString(), "hf_listing_001.txt", Files.size(listing), null, true)));
            assertTrue(r.ephemeral());
            assertTrue(r.content().contains("the disk is full, so nothing from this input was stored"), r.content());
            assertFalse(r.content().contains("Something went wrong"), r.content());
            assertEquals(22, app.papers().count());
        }
    }

    @Test
    void anyOtherChangeOnAFullDiskSaysSoInsteadOfSomethingWentWrong() throws Exception {
        try (App app = App.open(TestApps.config(dir.resolve("data")), TestApps.CLOCK)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            fillTheDisk(app);
            // votes go into pages with room to spare at first: vote until the store has to grow
            Reply r = null;
            for (int i = 0; i < 5_000; i++) {
                r = run(
                        app,
                        new Caller("m" + i, "m" + i, "g" + i, "c1", List.of(), false),
                        "vote",
                        null,
                        Map.of("paper", "Pointer Networks"));
                if (!r.content().contains("Vote recorded")) break;
            }
            assertTrue(
                    r.content()
                            .startsWith(
                                    "The disk I keep the library on is full, so I could not save that; nothing was changed."),
                    r.content());

            StoreException failure =
                    assertThrows(StoreException.class, () -> app.database().write(c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("CREATE TABLE filler(x BLOB)");
                            s.execute("INSERT INTO filler VALUES (zeroblob(1000000))");
                        }
                        return null;
                    }));
            assertTrue(
                    failure.getMessage()
                            .startsWith(
                                    "the disk holding " + dir.resolve("data").toAbsolutePath()
                                            + " is full, so the change could not be stored (nothing of it was)"),
                    failure.getMessage());
        }
    }

    @Test
    void aDatabaseThatCannotBeOpenedOnAFullDiskSaysTheDiskIsFull() {
        Path file = dir.resolve("data").resolve("paperclub.db");
        StoreException e = Database.openFailure(
                file,
                new org.sqlite.SQLiteException(
                        "[SQLITE_FULL] database or disk is full", org.sqlite.SQLiteErrorCode.SQLITE_FULL));
        assertEquals(
                "the disk holding " + file.toAbsolutePath().getParent()
                        + " is full, so the database paperclub.db cannot be"
                        + " opened (nothing was changed); free some space there, or point --data-dir or data.dir elsewhere",
                e.getMessage());
    }
}
