package dev.paperclub.cli;

import static dev.paperclub.cli.CliRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.TestApps;
import dev.paperclub.cli.CliRuns.Run;
import dev.paperclub.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs that only read work on a read-only snapshot of a data dir and leave it exactly as it
 * was. The snapshot is made read-only by its permissions (no write bit anywhere), which marks it
 * so whoever runs the test, root included.
 */
final class ReadOnlyDataDirTest {
    @TempDir
    Path dir;

    /** Every file under {@code root} with a digest of its bytes. */
    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                String key = root.relativize(p).toString();
                m.put(
                        key,
                        Files.isDirectory(p)
                                ? "dir"
                                : HexFormat.of()
                                        .formatHex(MessageDigest.getInstance("SHA-256")
                                                .digest(Files.readAllBytes(p))));
            }
        }
        return m;
    }

    private static void permissions(Path root, String dirs, String files) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? dirs : files));
            }
        }
    }

    @Test
    void aReadOnlySnapshotCanBeReadAndExportedAndStaysUntouched() throws Exception {
        Path data = dir.resolve("data");
        Path sample = TestApps.writeSample(dir, "hf_page_000.txt");
        assertEquals(
                0,
                run("ingest", "--data-dir", data.toString(), sample.toString()).code());
        permissions(data, "r-xr-xr-x", "r--r--r--");
        Map<String, String> before = contents(data);
        // also what is written and removed again before a verb ends (SQLite's -wal and -shm files)
        java.nio.file.WatchService watch = data.getFileSystem().newWatchService();
        for (Path watched : List.of(data, data.resolve("index"))) {
            watched.register(
                    watch,
                    java.nio.file.StandardWatchEventKinds.ENTRY_CREATE,
                    java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY,
                    java.nio.file.StandardWatchEventKinds.ENTRY_DELETE);
        }
        try (watch) {
            String d = data.toString();
            Run stats = run("stats", "--json", "--data-dir", d);
            assertEquals(0, stats.code(), stats.err());
            assertEquals(22, Json.MAPPER.readTree(stats.out()).get("papers").asInt());
            Run export = run("export", "--data-dir", d);
            assertEquals(0, export.code(), export.err());
            assertEquals(22, export.out().lines().count());
            Run search = run("search", "--data-dir", d, "pointer networks");
            assertEquals(0, search.code(), search.err());
            assertTrue(search.out().contains("Pointer Networks"), search.out());
            for (List<String> verb : List.of(
                    List.of("show", "Pointer Networks"),
                    List.of("similar", "Pointer Networks"),
                    List.of("summarize", "Pointer Networks"))) {
                Run r = run(verb.get(0), "--data-dir", d, verb.get(1));
                assertEquals(0, r.code(), verb + ": " + r.err());
            }
            assertEquals(
                    before,
                    contents(data),
                    "the read-only snapshot is exactly as it was: no WAL, no lock, no index change");
            List<String> written = new java.util.ArrayList<>();
            for (java.nio.file.WatchKey key = watch.poll(); key != null; key = watch.poll()) {
                key.pollEvents().forEach(e -> written.add(e.kind() + " " + e.context()));
            }
            assertEquals(List.of(), written, "nothing was written in the read-only snapshot, not even for a moment");
        } finally {
            permissions(data, "rwxr-xr-x", "rw-r--r--");
        }
    }
}
