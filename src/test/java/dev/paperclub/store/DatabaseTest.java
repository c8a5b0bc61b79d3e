package dev.paperclub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

final class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyFileAndReopensWithoutReapplying() {
        Path file = dir.resolve("sub/paperclub.db");
        try (Database db = Database.open(file)) {
            assertEquals(11, db.schemaVersion());
            List<String> tables = db.read(c -> {
                List<String> t = new ArrayList<>();
                try (ResultSet rs = c.createStatement()
                        .executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
                    while (rs.next()) t.add(rs.getString(1));
                }
                return t;
            });
            assertTrue(
                    tables.containsAll(List.of(
                            "papers",
                            "votes",
                            "vote_cycles",
                            "read_marks",
                            "guild_settings",
                            "highlight_posts",
                            "highlighted_papers",
                            "highlight_failures",
                            "highlight_rejected_papers",
                            "audit_log",
                            "ingests",
                            "meta",
                            "paper_vectors",
                            "sessions",
                            "session_reminders")),
                    tables.toString());
            db.write(c -> c.createStatement()
                    .executeUpdate("INSERT INTO audit_log(user_id, action, result, at) VALUES ('u','x','ok','t')"));
        }
        try (Database db = Database.open(file)) {
            assertEquals(11, db.schemaVersion());
            assertEquals(1, (int) db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_log")) {
                    return rs.getInt(1);
                }
            }));
            assertEquals("wal", db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    return rs.getString(1);
                }
            }));
            assertEquals("ok", db.integrityCheck());
        }
    }

    @Test
    void pendingVectorsAreCountedFromTheCoveringIndex() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            String plan = db.read(c -> {
                StringBuilder b = new StringBuilder();
                try (var ps = c.prepareStatement("EXPLAIN QUERY PLAN " + VectorStore.PENDING_COUNT)) {
                    ps.setString(1, "m");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) b.append(rs.getString(4)).append('\n');
                    }
                }
                return b.toString();
            });
            // a scan of the table itself would read every abstract: seconds at a million papers
            assertTrue(plan.contains("papers_visible_seq"), plan);
            assertEquals(0, new VectorStore(db).pendingCount("m"));
        }
    }

    @Test
    void aFailedWriteRollsBackWhole() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            assertThrows(
                    StoreException.class,
                    () -> db.write(c -> {
                        c.createStatement()
                                .executeUpdate(
                                        "INSERT INTO audit_log(user_id, action, result, at) VALUES ('u','x','ok','t')");
                        c.createStatement().executeUpdate("INSERT INTO nope VALUES (1)");
                        return null;
                    }));
            assertEquals(0, (int) db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_log")) {
                    return rs.getInt(1);
                }
            }));
        }
    }

    @Test
    void aReadOnlyDatabaseRefusesEveryKindOfWriteSayingWhy() {
        Path file = dir.resolve("ro.db");
        Database.open(file).close();
        try (Database db = Database.openReadOnly(file)) {
            for (Executable write : List.<Executable>of(
                    () -> db.write(c -> 1), () -> db.writeUndurably(c -> 1), () -> db.trial(c -> 1))) {
                StoreException e = assertThrows(StoreException.class, write);
                assertTrue(e.getMessage().contains("cannot change it"), e.getMessage());
            }
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database db = Database.open(dir.resolve("fk.db"))) {
            assertThrows(
                    StoreException.class,
                    () -> db.write(
                            c -> c.createStatement()
                                    .executeUpdate(
                                            "INSERT INTO votes(guild_id, paper_id, user_id, created) VALUES ('g','no-such-paper','u','t')")));
        }
    }

    @Test
    void theVisibleCountFollowsAddsRemovesAndRestores() throws Exception {
        try (dev.paperclub.App app = dev.paperclub.TestApps.open(dir.resolve("count"))) {
            dev.paperclub.TestApps.ingestAllSamples(app);
            java.util.function.IntSupplier real = () -> app.database().read(c -> {
                try (ResultSet rs =
                        c.createStatement().executeQuery("SELECT COUNT(*) FROM papers WHERE removed_at IS NULL")) {
                    return rs.getInt(1);
                }
            });
            assertEquals(201, app.papers().count());
            assertEquals(real.getAsInt(), app.papers().count());
            String id =
                    app.papers().findByTitle("Pointer Networks").orElseThrow().id();
            app.papers().remove(id, dev.paperclub.TestApps.NOW);
            app.papers().remove(id, dev.paperclub.TestApps.NOW); // a second remove changes nothing
            assertEquals(200, app.papers().count());
            dev.paperclub.TestApps.ingestSample(
                    app, "hf_page_000.txt"); // re-ingesting a removed paper keeps it removed
            assertEquals(200, app.papers().count());
            app.papers().restore(id, dev.paperclub.TestApps.NOW);
            assertEquals(201, app.papers().count());
            assertEquals(real.getAsInt(), app.papers().count());
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName(
            "a file that is not SQLite is named as such, without SQLite's codes or a hint at another process")
    void notADatabase() throws Exception {
        Path file = dir.resolve("paperclub.db");
        java.nio.file.Files.writeString(file, "garbage\n");
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
        assertEquals(
                file
                        + " is not a PaperClub database (not SQLite); point --data-dir or data.dir elsewhere, or move that file away",
                e.getMessage());
        assertTrue(!e.busy());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a folder SQLite cannot write in is named as not writable")
    void readOnlyDirectoryMessage() {
        Path file = dir.resolve("paperclub.db");
        StoreException e = Database.openFailure(
                file,
                new org.sqlite.SQLiteException(
                        "[SQLITE_READONLY_DIRECTORY] Process does " + "not have permission to create a journal file",
                        org.sqlite.SQLiteErrorCode.SQLITE_READONLY_DIRECTORY));
        assertTrue(e.getMessage().startsWith(dir.toAbsolutePath() + " is not writable"), e.getMessage());
        assertTrue(!e.getMessage().contains("SQLITE") && !e.busy(), e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("only SQLite waiting in vain for a lock counts as busy")
    void busyOnlyForLocks() {
        assertTrue(new StoreException(
                        "x",
                        new java.sql.SQLException(
                                "write failed",
                                new org.sqlite.SQLiteException(
                                        "[SQLITE_BUSY] database is locked", org.sqlite.SQLiteErrorCode.SQLITE_BUSY)))
                .busy());
        assertTrue(new StoreException(
                        "x", new org.sqlite.SQLiteException("locked", org.sqlite.SQLiteErrorCode.SQLITE_LOCKED))
                .busy());
        assertTrue(
                !new StoreException("x", new org.sqlite.SQLiteException("no", org.sqlite.SQLiteErrorCode.SQLITE_NOTADB))
                        .busy());
        assertTrue(!new StoreException("x", new java.io.IOException("disk")).busy());
    }
}
