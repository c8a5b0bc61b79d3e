package dev.paperclub.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.paper.PaperRecord;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the CLI with SIGKILL in the middle of work, restarts, and checks that nothing is
 * half-done: the database is intact, a file is in or out whole, the index matches the store
 * without a manual reindex, and every acknowledged vote is there.
 */
@org.junit.jupiter.api.Timeout(value = 10, unit = TimeUnit.MINUTES)
final class CrashConsistencyTest {
    @TempDir
    Path dir;

    private Process cli(Path data, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(
                List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.paperclub.Main"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--data-dir", data.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PAPERCLUB_INGEST_MAX_BYTES", "1000000000");
        pb.environment().put("PAPERCLUB_COMMANDS_PER_USER_PER_MINUTE", "10000");
        return pb.start();
    }

    private Path bigExport(int n) throws Exception {
        return TestApps.writeBigExport(dir.resolve("big.jsonl"), n);
    }

    @Test
    void aKilledIngestLeavesTheFileOutWholeAndTheIndexConsistent() throws Exception {
        Path data = dir.resolve("data");
        Path file = bigExport(60_000);
        Process p = cli(data, "ingest", file.toString());
        // wait until the ingest is well under way (its progress line), then kill -9
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = TestApps.readUntil(err, "records read");
        assertTrue(seen.indexOf("records read") >= 0, "ingest showed progress: " + seen);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));

        try (App app = TestApps.open(data)) {
            assertEquals("ok", app.database().integrityCheck());
            int n = app.papers().count();
            assertTrue(n == 0 || n == 60_000, "in or out whole, found " + n);
            assertEquals(n, app.index().count(), "index matches the store without a reindex");
        }
        // and the same file ingests completely afterwards
        Process again = cli(data, "ingest", "--quiet", file.toString());
        assertTrue(again.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue());
        try (App app = TestApps.open(data)) {
            assertEquals(60_000, app.papers().count());
            assertEquals(60_000, app.index().count());
        }
    }

    @Test
    void aCrashBetweenTheStoreCommitAndTheIndexCommitHealsAtStart() throws Exception {
        Path data = dir.resolve("heal");
        try (App app = TestApps.open(data)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            // write to the store only, as if the process died before the index caught up
            app.database().write(c -> {
                var batch = app.papers().batch(c);
                batch.upsert(
                        new PaperRecord(
                                "2501.00001",
                                null,
                                "Written before the crash",
                                "Only the store saw this.",
                                List.of(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                List.of("test"),
                                1),
                        TestApps.NOW);
                batch.finish();
                return null;
            });
            app.papers()
                    .remove(
                            app.papers()
                                    .findByTitle("Pointer Networks")
                                    .orElseThrow()
                                    .id(),
                            TestApps.NOW);
        }
        try (App app = TestApps.open(data)) {
            assertEquals(22, app.papers().count());
            assertEquals(22, app.index().count());
            assertEquals(
                    "2501.00001",
                    app.titles().resolve("Written before the crash").orElseThrow());
            assertTrue(app.titles().suggest("Pointer Networks", 25).stream()
                    .noneMatch(s -> s.name().equals("Pointer Networks")));
        }
    }

    @Test
    void everyAcknowledgedVoteSurvivesAKill() throws Exception {
        Path data = dir.resolve("votes");
        List<String> ids = new ArrayList<>();
        try (App app = TestApps.open(data)) {
            TestApps.ingestAllSamples(app);
            app.papers().forEachVisible(p -> ids.add(p.id()));
        }
        Process p = cli(data, "console", "--user", "voter");
        BufferedWriter in = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        // feed a burst of votes, read acknowledgements, and kill without warning part-way
        Thread writer = new Thread(() -> {
            try {
                for (String id : ids) {
                    in.write("/vote paper:" + id + "\n");
                }
                in.flush();
                in.close();
            } catch (Exception ignored) {
                // the process was killed mid-burst
            }
        });
        writer.start();
        int acknowledged = 0;
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("🗳️ Vote recorded")) acknowledged++;
            if (acknowledged == 120) break;
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        writer.join(10_000);
        assertEquals(120, acknowledged);
        try (App app = TestApps.open(data)) {
            assertEquals("ok", app.database().integrityCheck());
            Map<String, Integer> tallies = app.voteStore().tallies("console", ids);
            for (int i = 0; i < acknowledged; i++) {
                assertEquals(1, tallies.getOrDefault(ids.get(i), 0), "acknowledged vote " + i + " for " + ids.get(i));
            }
            assertEquals(app.papers().count(), app.index().count());
        }
    }
}
