package dev.paperclub.backup;

import dev.paperclub.store.Database;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.StoreException;
import dev.paperclub.store.VoteStore;
import dev.paperclub.util.UserFileException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.sqlite.SQLiteErrorCode;

/**
 * A consistent copy of the database in one file: written by {@code VACUUM INTO} (one read
 * transaction, so the bot goes on answering meanwhile) to a temporary file beside the target,
 * checked with {@code PRAGMA integrity_check}, and only then moved into place. A target that is
 * there already is kept unless the caller says to replace it; whatever fails, the target is
 * untouched and no temporary file is left. Restoring is putting the file at
 * {@code DATA_DIR/paperclub.db}: the index rebuilds from it.
 */
public final class DatabaseBackup {
    private DatabaseBackup() {}

    /** What a backup holds: papers (in the library), open votes, its size, and how long it took. */
    public record Result(Path file, int papers, int votes, long bytes, Duration took) {
        /** "Backed up 201 papers and 3 open votes (0.6 MB) to FILE in 0.1 s; integrity check ok." */
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "Backed up %,d paper%s and %,d open vote%s (%.1f MB) to %s in %.1f s; integrity check ok.",
                    papers,
                    papers == 1 ? "" : "s",
                    votes,
                    votes == 1 ? "" : "s",
                    bytes / 1e6,
                    file,
                    took.toMillis() / 1e3);
        }
    }

    /**
     * Writes a checked copy of {@code source} to {@code target}.
     *
     * @param replace whether an existing {@code target} may be overwritten
     * @throws UserFileException when the target cannot be written (it exists, is a directory,
     *     its folder is missing or not writable, the disk is full) or the copy is not sound;
     *     the message says what to do
     */
    public static Result take(Database source, Path target, boolean replace) throws UserFileException {
        long t0 = System.nanoTime();
        Path parent = checkTarget(source, target, replace);
        Path partial = parent.resolve("." + target.getFileName() + ".partial-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try {
                source.vacuumInto(partial);
            } catch (SQLException e) {
                throw failure(target, e);
            }
            int papers;
            int votes;
            try (Database copy = Database.openReadOnly(partial)) {
                String check = copy.integrityCheck();
                if (!"ok".equals(check)) {
                    throw new UserFileException("the backup copy failed its integrity check (" + check + "), so "
                            + target + " was not written; the database itself may be damaged: keep your last good"
                            + " backup and look at it with the sqlite3 tool");
                }
                papers = new PaperStore(copy).count();
                votes = new VoteStore(copy).activeVotes();
            } catch (StoreException e) {
                throw new UserFileException(
                        "the backup copy could not be read back (" + e.getMessage() + "), so " + target
                                + " was not written",
                        e);
            }
            try (FileChannel written = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                written.force(true); // on disk before it takes the target's name
                if (replace) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.move(partial, target); // a rename that refuses a file that appeared meanwhile
                }
            } catch (FileAlreadyExistsException e) {
                throw exists(target);
            } catch (IOException e) {
                throw failure(target, e);
            }
            return new Result(target, papers, votes, size(target), Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // a hidden .partial file left beside the target; nothing points at it
            }
        }
    }

    /** The target's folder, when the target may be written; else why not. */
    private static Path checkTarget(Database source, Path target, boolean replace) throws UserFileException {
        if (Files.isDirectory(target)) {
            throw new UserFileException(target + " is a directory; name the backup file to write, e.g. "
                    + target.resolve("paperclub-backup.db"));
        }
        if (Files.exists(target)) {
            if (sameFile(target, source.file())) {
                throw new UserFileException(
                        target + " is the database itself; name another file to write the backup to");
            }
            if (!replace) throw exists(target);
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserFileException("the folder " + parent + " does not exist; create it or name another file");
        }
        if (!Files.isWritable(parent)) {
            throw new UserFileException(
                    "the folder " + parent + " is not writable; check its permissions or name another file");
        }
        return parent;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // one of them is gone: not the same file
        }
    }

    private static UserFileException exists(Path target) {
        return new UserFileException(
                target + " exists already; name a new file, or add --force to replace it with this backup");
    }

    /** A copy that could not be written: a full disk says so; nothing was changed either way. */
    private static UserFileException failure(Path target, Exception e) {
        SQLiteErrorCode code = StoreException.sqliteCode(e);
        String why = StoreException.diskFull(e)
                ? "the disk is full; free some space there"
                : code != null
                                && (code.name().startsWith("SQLITE_CANTOPEN")
                                        || code.name().startsWith("SQLITE_READONLY"))
                        ? "cannot create a file in " + target.toAbsolutePath().getParent() + "; check its permissions"
                        : e.getMessage();
        return new UserFileException(
                "the backup could not be written to " + target + ": " + why
                        + " (nothing was written there, and the database is unchanged)",
                e);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
