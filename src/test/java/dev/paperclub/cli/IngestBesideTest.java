package dev.paperclub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.cli.CliRuns.Run;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A CLI {@code ingest} while a console (another process) holds the data dir: the console stores, indexes and shows it. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
final class IngestBesideTest {
    @TempDir
    Path dir;

    /** {@code n} papers whose titles hold the word {@code word}, in the export format. */
    private Path papers(String name, String word, int n) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(
                    "{\"id\":\"2411.%05d\",\"title\":\"%s reading paper %d\",\"abstract\":\"How %s groups read paper %d together.\",\"sources\":[\"test\"]}\n"
                            .formatted(i, word, i, word.toLowerCase(java.util.Locale.ROOT), i));
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    @Test
    void aCliIngestBesideARunningConsoleIsStoredByItAndShowsInItsSearch() throws Exception {
        Path data = dir.resolve("data");
        Path file = papers("quokka.jsonl", "Quokka", 500);
        try (ConsoleProcess console = ConsoleProcess.start(data)) {
            Run dry = CliRuns.run("ingest", "--dry-run", "--data-dir", data.toString(), file.toString());
            assertEquals(0, dry.code(), dry.err());
            assertTrue(
                    dry.out().startsWith("[dry run] " + file + " (PaperClub JSON Lines export): 500 added"), dry.out());
            assertEquals(0, count(data, "SELECT COUNT(*) FROM ingest_queue"), "a dry run queues nothing");

            long t0 = System.nanoTime();
            Run r = CliRuns.run("ingest", "--data-dir", data.toString(), file.toString());
            long cliMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, r.code(), r.err());
            assertEquals(
                    file + " (PaperClub JSON Lines export): 500 added, 0 updated, 0 unchanged, 0 rejected\n", r.out());
            assertTrue(r.err().contains("a running PaperClub (run or console) holds " + data), r.err());
            assertEquals(500, count(data, "SELECT COUNT(*) FROM papers"), "stored whole when the CLI reports it");

            // the running console shows them in its search within seconds
            long t1 = System.nanoTime();
            String found = "";
            while (!found.contains("Quokka reading paper") && System.nanoTime() - t1 < TimeUnit.SECONDS.toNanos(30)) {
                found = console.ask("/search query:quokka limit:3", Duration.ofSeconds(30));
            }
            long searchMillis = (System.nanoTime() - t1) / 1_000_000;
            assertTrue(found.contains("Quokka reading paper"), found);
            System.out.printf(
                    "IngestBesideTest: the CLI ingest beside the console took %,d ms; its papers were in the console's search %,d ms after it returned%n",
                    cliMillis, searchMillis);

            Run again = CliRuns.run("ingest", "--data-dir", data.toString(), file.toString());
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().contains(": 0 added, 0 updated, 500 unchanged, 0 rejected"), again.out());
        }
    }

    @Test
    void anInputACrashInterruptedIsCompletedWholeAtTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        Path big = TestApps.writeBigExport(dir.resolve("big.jsonl"), 12_000);
        try (ConsoleProcess console = ConsoleProcess.start(data)) {
            Process cli = ConsoleProcess.verb("-Xmx256m", "ingest", "--data-dir", data.toString(), big.toString())
                    .start();
            try {
                // the running console is applying it: some of its records are stored, not all
                BufferedReader err =
                        new BufferedReader(new InputStreamReader(cli.getErrorStream(), StandardCharsets.UTF_8));
                Pattern partial = Pattern.compile("stored by the running PaperClub: ([0-9,]+) of 12,000 records");
                StringBuilder seen = new StringBuilder();
                int c;
                while ((c = err.read()) != -1) {
                    seen.append((char) c);
                    Matcher m = partial.matcher(seen);
                    int applied = -1;
                    while (m.find()) applied = Integer.parseInt(m.group(1).replace(",", ""));
                    if (applied > 0) break;
                }
                assertTrue(seen.indexOf("stored by the running PaperClub") >= 0, seen.toString());
                console.kill(); // a crash in the middle of the apply
            } finally {
                cli.destroyForcibly();
                cli.waitFor(30, TimeUnit.SECONDS);
            }
        }
        int applied = count(data, "SELECT applied FROM ingest_queue");
        assertTrue(applied > 0 && applied < 12_000, "the crash left the input partly applied: " + applied);
        assertEquals(applied, count(data, "SELECT COUNT(*) FROM papers"));
        assertEquals(0, count(data, "SELECT COUNT(*) FROM ingests"));

        try (App app = TestApps.open(data)) { // the next start completes it before anything else
            assertEquals(12_000, app.papers().count());
            assertEquals(12_000, app.index().count());
        }
        assertEquals(1, count(data, "SELECT COUNT(*) FROM ingests WHERE added = 12000"), "one input, stored whole");
        assertEquals(0, count(data, "SELECT COUNT(*) FROM ingest_queue WHERE done_at IS NULL"));
        try (var spools = Files.list(data.resolve("ingest-spool"))) {
            assertEquals(0, spools.count(), "its spool file is gone");
        }
    }

    @Test
    void ctrlCAfterTheHandOverSaysTheRunningProcessFinishesIt() {
        IngestInterruption state =
                new IngestInterruption(Path.of("/srv/data"), false, java.util.List.of("a.jsonl", "b.jsonl"));
        state.started("a.jsonl");
        state.queued();
        assertEquals(
                java.util.List.of(
                        "interrupted: a.jsonl is queued: the running PaperClub is storing it and will finish it"
                                + " (whole), then index it; not started: b.jsonl."),
                state.report());
    }

    /** A query's one number, read straight from the database file (no PaperClub code in between). */
    private static int count(Path data, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("paperclub.db"));
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.getInt(1);
        }
    }
}
