package dev.paperclub.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;

/**
 * The SQLite file: WAL, foreign keys, forward-only migrations on {@code PRAGMA user_version}.
 * Writes are serialized through one connection under a fair lock, each in its own
 * {@code BEGIN IMMEDIATE} transaction (long work such as an ingest writes in short steps, so the
 * others get in between); reads use a small pool of read-only connections,
 * which WAL lets run beside the writer.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int READERS = 4;

    /** Work inside a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Connection writer;
    /**
     * Fair: a write that waits (a vote) gets the connection before a long job (an ingest applied in
     * steps) takes it again for its next step.
     */
    private final ReentrantLock writeLock = new ReentrantLock(true);

    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    /** False beside another process that owns the data dir: its checkpoints are its business, and one would wait on it. */
    private volatile boolean checkpointAtClose = true;

    private Database(Path file, Runnable beforeMigrating) throws SQLException {
        this.file = file;
        this.writer = open(file, false);
        try {
            migrate(beforeMigrating);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writer);
            throw e;
        }
        for (int i = 0; i < READERS; i++) readers.add(open(file, true));
    }

    /** Readers only: no writer, no migrations (see {@link #openBeside}). */
    private Database(Path file, int readers) throws SQLException {
        this.file = file;
        this.writer = null;
        try {
            for (int i = 0; i < readers; i++) this.readers.add(openReader(file));
        } catch (SQLException e) {
            this.readers.forEach(Database::closeQuietly);
            throw e;
        }
    }

    /** Opens (creating when absent) the database file and brings its schema up to date. */
    public static Database open(Path file) {
        return open(file, () -> {});
    }

    /**
     * As {@link #open(Path)}, running {@code beforeMigrating} first when the schema is behind
     * this version's: it may throw to stop the migrations (the data dir belongs to another process).
     */
    public static Database open(Path file, Runnable beforeMigrating) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new Database(file, beforeMigrating);
        } catch (IOException | SQLException e) {
            throw openFailure(file, e);
        }
    }

    /**
     * Opens the database for reading only, beside a running PaperClub process that writes it or
     * not: read-only connections (WAL lets them read consistent snapshots while that process
     * writes), no migrations, and {@link #write} refused. A schema version other than this
     * version's means another version of PaperClub uses it, whose data this one must not read as
     * its own: that throws, saying so.
     */
    public static Database openReadOnly(Path file) {
        Database db;
        try {
            db = new Database(file, READERS);
        } catch (SQLException e) {
            throw openFailure(file, e);
        }
        int theirs = db.schemaVersion();
        int ours = latestVersion();
        if (theirs != ours) {
            db.close();
            throw new StoreException(
                    "the database in " + file.toAbsolutePath().getParent() + " has schema version " + theirs
                            + ", and this PaperClub version expects " + ours + " ("
                            + (theirs < ours ? "an older" : "a newer")
                            + " version of PaperClub uses it); run this command with the PaperClub version that runs on"
                            + " that data dir, or stop that process and start this version on it (it migrates the data)",
                    null);
        }
        return db;
    }

    /** The schema version this PaperClub version migrates to: its last migration. */
    public static int latestVersion() {
        int v = 0;
        while (migrationText(v + 1) != null) v++;
        return v;
    }

    /**
     * Why {@code file} could not be opened, in words that say what to do: the causes a user can
     * fix get their own message without SQLite's codes; the rest keep SQLite's words.
     */
    static StoreException openFailure(Path file, Exception e) {
        Path dir = file.toAbsolutePath().getParent();
        SQLiteErrorCode code = StoreException.sqliteCode(e);
        String message;
        if (code == SQLiteErrorCode.SQLITE_NOTADB) {
            message = file
                    + " is not a PaperClub database (not SQLite); point --data-dir or data.dir elsewhere, or move that file away";
        } else if (code == SQLiteErrorCode.SQLITE_READONLY_DIRECTORY
                || code == SQLiteErrorCode.SQLITE_READONLY_CANTINIT
                || code == SQLiteErrorCode.SQLITE_READONLY_CANTLOCK
                || (code != null
                        && code.name().startsWith("SQLITE_CANTOPEN")
                        && dir != null
                        && !Files.isWritable(dir))) {
            message = dir + " is not writable (PaperClub keeps its database and index there); check its permissions,"
                    + " or point --data-dir or data.dir elsewhere";
        } else if (code == SQLiteErrorCode.SQLITE_FULL
                || (code != null && code.name().startsWith("SQLITE_IOERR") && nearlyFull(dir))) {
            // a full disk shows at opening as SQLite failing to grow its shared-memory file (xShmMap) or journal
            message =
                    "the disk holding " + dir + " is full, so the database " + file.getFileName() + " cannot be opened"
                            + " (nothing was changed); free some space there, or point --data-dir or data.dir elsewhere";
        } else if (code == SQLiteErrorCode.SQLITE_READONLY || code == SQLiteErrorCode.SQLITE_PERM) {
            message = file + " is not writable; check its permissions, or point --data-dir or data.dir elsewhere";
        } else {
            message = "Cannot open the database " + file + ": " + e.getMessage();
        }
        return new StoreException(message, e);
    }

    /** A write that found no room: the disk is full, and nothing of the change was stored (it was rolled back). */
    private StoreException diskFull(SQLException e) {
        return new StoreException(
                "the disk holding " + file.toAbsolutePath().getParent() + " is full, so the change could not be"
                        + " stored (nothing of it was); free some space there",
                e);
    }

    /** Less room than this on the data dir's disk makes an I/O error at opening a full disk, not a damaged file. */
    private static final long NEARLY_FULL_BYTES = 1 << 20;

    /** True when the disk holding {@code dir} has (nearly) no room left; false when that cannot be told. */
    static boolean nearlyFull(Path dir) {
        try {
            return dir != null && Files.exists(dir) && Files.getFileStore(dir).getUsableSpace() < NEARLY_FULL_BYTES;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Connection open(Path file, boolean readOnly) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            if (!readOnly) {
                s.execute("PRAGMA journal_mode = WAL");
                // NORMAL in WAL mode never corrupts; a power cut may lose the last transactions only.
                // FULL keeps every acknowledged write (votes) across power loss too.
                s.execute("PRAGMA synchronous = FULL");
            }
            s.execute("PRAGMA foreign_keys = ON");
            // a larger page cache keeps the id and title indexes hot during large ingests
            s.execute("PRAGMA cache_size = " + (readOnly ? -16_384 : -65_536));
            s.execute("PRAGMA temp_store = MEMORY");
            if (readOnly) s.execute("PRAGMA query_only = ON");
        }
        return c;
    }

    /**
     * A connection that cannot write, not even the checkpoint SQLite makes when the last
     * connection to a database closes: the process that owns the database does that.
     */
    private static Connection openReader(Path file) throws SQLException {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA cache_size = -16384");
            s.execute("PRAGMA temp_store = MEMORY");
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    public Path file() {
        return file;
    }

    /**
     * This connection works beside the process that holds the data dir: closing it leaves the
     * WAL checkpoint to that process (a truncating checkpoint would wait for its writes).
     */
    public void leaveCheckpointToOwner() {
        checkpointAtClose = false;
    }

    public int schemaVersion() {
        return read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                return rs.getInt(1);
            }
        });
    }

    private void migrate(Runnable beforeMigrating) throws SQLException {
        int current;
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            current = rs.getInt(1);
        }
        if (migrationText(current + 1) != null) beforeMigrating.run();
        for (int v = current + 1; ; v++) {
            String sql = migrationText(v);
            if (sql == null) break;
            log.info("Applying database migration V{}", v);
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                for (String stmt : splitStatements(sql)) s.execute(stmt);
                s.execute("PRAGMA user_version = " + v);
                writer.commit();
            } catch (SQLException e) {
                writer.rollback();
                throw new SQLException("migration V" + v + " failed: " + e.getMessage(), e);
            } finally {
                writer.setAutoCommit(true);
            }
        }
    }

    private static String migrationText(int version) {
        String prefix = "/db/migration/V" + version + "__";
        // Migrations are listed in an index file so they can be found inside a jar.
        try (InputStream idx = Database.class.getResourceAsStream("/db/migration/index.txt")) {
            if (idx == null) throw new IllegalStateException("db/migration/index.txt missing");
            for (String name : new String(idx.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (("/db/migration/" + name.trim()).startsWith(prefix)) {
                    try (InputStream in = Database.class.getResourceAsStream("/db/migration/" + name.trim())) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migrations", e);
        }
    }

    /** Splits a migration script on semicolons that end a line; comments are dropped. */
    static java.util.List<String> splitStatements(String sql) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) continue;
            int comment = line.indexOf("--");
            String code = comment >= 0 ? line.substring(0, comment) : line;
            cur.append(code).append('\n');
            if (code.strip().endsWith(";")) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }

    /** Runs {@code work} in one write transaction; rolls back on any exception. */
    public <T> T write(Work<T> work) {
        return transaction(work, true, true);
    }

    /**
     * Runs {@code work} in one write transaction committed without waiting for the disk
     * ({@code synchronous = NORMAL}): WAL keeps it atomic and the file consistent, but a power cut
     * may undo it. For a step of work that records its own progress in the same transaction, so
     * that undoing it only means doing it again (an ingest applied in steps); the connection is
     * back to {@code FULL} for the next write.
     */
    public <T> T writeUndurably(Work<T> work) {
        return transaction(work, true, false);
    }

    /** Runs {@code work} in a write transaction that is always rolled back: a dry run. */
    public <T> T trial(Work<T> work) {
        return transaction(work, false, true);
    }

    /** {@code durable} false commits without waiting for the disk; the connection is back to {@code FULL} after. */
    private <T> T transaction(Work<T> work, boolean commit, boolean durable) {
        if (writer == null)
            throw new StoreException(
                    "this command reads the database beside the PaperClub process that uses it, and cannot change it",
                    null);
        writeLock.lock();
        try {
            if (!durable) synchronous("NORMAL");
            try {
                return transaction(work, commit);
            } finally {
                if (!durable) synchronous("FULL");
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void synchronous(String level) {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA synchronous = " + level);
        } catch (SQLException e) {
            throw new StoreException("Database write failed: " + e.getMessage(), e);
        }
    }

    /** One transaction on the writer, whose lock the caller holds. */
    private <T> T transaction(Work<T> work, boolean commit) {
        try {
            try (Statement s = writer.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run(writer);
                try (Statement s = writer.createStatement()) {
                    s.execute(commit ? "COMMIT" : "ROLLBACK");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try (Statement s = writer.createStatement()) {
                    s.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } catch (SQLException e) {
            if (StoreException.sqliteCode(e) == SQLiteErrorCode.SQLITE_FULL) throw diskFull(e);
            throw new StoreException("Database write failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on a read-only connection (a consistent snapshot per statement). */
    public <T> T read(Work<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for a database connection", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("Database read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /** Runs a read under one transaction so several statements see the same snapshot. */
    public <T> T readSnapshot(Work<T> work) {
        return read(c -> {
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
    }

    /** Size of the database file plus its WAL, in bytes. */
    public long sizeBytes() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Path p = Path.of(file.toAbsolutePath() + suffix);
                if (Files.exists(p)) total += Files.size(p);
            } catch (IOException ignored) {
                // a WAL file can vanish between exists() and size(); it then has no size to count
            }
        }
        return total;
    }

    /**
     * Writes a consistent snapshot of this database to {@code target}, a file that must not
     * exist yet, with {@code VACUUM INTO}: one read transaction on a connection of its own (the
     * pool's readers cannot write the copy), so writers, in this process or another, go on meanwhile.
     */
    public void vacuumInto(Path target) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement pragma = c.createStatement()) {
                pragma.execute("PRAGMA busy_timeout = 10000");
            }
            try (java.sql.PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, target.toAbsolutePath().toString());
                vacuum.executeUpdate();
            }
        }
    }

    public String integrityCheck() {
        return read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                return rs.next() ? rs.getString(1) : "no answer";
            }
        });
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            for (Connection c : readers) closeQuietly(c);
            readers.clear();
            if (writer == null) return; // beside another process: its writer checkpoints
            if (checkpointAtClose) {
                try (Statement s = writer.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                } catch (SQLException e) {
                    log.debug("checkpoint at close failed: {}", e.getMessage());
                }
            }
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing a connection failed: {}", e.getMessage());
        }
    }
}
