package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.util.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A data dir the verbs that only read must not write to: a read-only snapshot (a read-only
 * mount, or files whose write permissions were taken away). Opening a data dir writes even to
 * read: SQLite's WAL and shared-memory files, the index's write lock, an index catching up. So
 * such a dir is read from a temporary copy, deleted when the process ends, and stays untouched.
 */
final class ReadOnlyDataDir {
    private static final Set<PosixFilePermission> WRITE =
            Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private ReadOnlyDataDir() {}

    /**
     * True when {@code dir} or its database may not be written: the system says so (a read-only
     * mount, no permission), or no one holds a write permission on it — which marks a snapshot
     * as read-only also for root, whom the system lets write anyway.
     */
    static boolean applies(Path dir) {
        Path db = dir.resolve(App.DATABASE_FILE);
        // a file in the data dir's place, or no database in it, is reported as it is when opening
        if (!Files.isDirectory(dir) || !Files.isRegularFile(db)) return false;
        return !Files.isWritable(dir) || !Files.isWritable(db) || !writePermitted(dir) || !writePermitted(db);
    }

    private static boolean writePermitted(Path p) {
        try {
            return Files.getPosixFilePermissions(p).stream().anyMatch(WRITE::contains);
        } catch (UnsupportedOperationException | IOException e) {
            return true; // no POSIX permissions to read (Windows): the system's answer above decides
        }
    }

    /** A temporary copy of {@code dir}'s database and index, deleted when the process ends. */
    static Path copy(Path dir) {
        Path copy;
        try {
            copy = Files.createTempDirectory("paperclub-read-only-");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot make a temporary copy of the read-only data dir " + dir + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                FileTrees.delete(copy);
                            } catch (IOException | UncheckedIOException e) {
                                // a temporary folder left behind; the system cleans those
                            }
                        },
                        "paperclub-read-only-copy"));
        try {
            for (String name : List.of(App.DATABASE_FILE, App.DATABASE_FILE + "-wal")) {
                Path from = dir.resolve(name);
                if (Files.isRegularFile(from)) copyWritable(from, copy.resolve(name));
            }
            Path index = dir.resolve("index");
            if (Files.isDirectory(index)) {
                try (Stream<Path> files = Files.walk(index)) {
                    for (Path from : files.toList()) {
                        Path to = copy.resolve("index")
                                .resolve(index.relativize(from).toString());
                        if (Files.isDirectory(from)) Files.createDirectories(to);
                        else if (!from.getFileName().toString().equals("write.lock")) copyWritable(from, to);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot copy the read-only data dir " + dir + " to " + copy + ": " + e.getMessage(), e);
        }
        return copy;
    }

    /** Copies a file; the copy is ours to write to, whatever the snapshot's permissions were. */
    private static void copyWritable(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        to.toFile().setWritable(true, true);
    }
}
