package dev.paperclub.cli;

import static dev.paperclub.cli.CliRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.TestApps;
import dev.paperclub.cli.CliRuns.Run;
import dev.paperclub.util.FileTrees;
import dev.paperclub.util.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted ingest says what is stored and what the index will do; the index's catch-up after it shows progress. */
@org.junit.jupiter.api.Timeout(value = 10, unit = TimeUnit.MINUTES)
final class InterruptedIngestTest {
    @TempDir
    Path dir;

    /** Over 5 MB, so that ingest shows its progress line: the sign that it is storing this input. */
    private Path big() throws Exception {
        return TestApps.writeBigExport(dir.resolve("big.jsonl"), 30_000);
    }

    @Test
    void ctrlCDuringAnIngestSaysWhatIsStored() throws Exception {
        Path data = dir.resolve("data");
        Path small = TestApps.writeSample(dir, "hf_page_000.txt");
        Path big = big();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.paperclub.Main",
                        "ingest",
                        "--data-dir",
                        data.toString(),
                        small.toString(),
                        big.toString())
                .start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = TestApps.readUntil(err, "records read");
        assertTrue(seen.indexOf("records read") >= 0, "the big input is being stored: " + seen);
        // SIGTERM runs the shutdown hooks as Ctrl-C's SIGINT does (Process.destroy would also close our end of stderr)
        assertTrue(p.toHandle().destroy());
        java.io.StringWriter rest = new java.io.StringWriter();
        err.transferTo(rest);
        seen.append(rest);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        String said = seen.toString();
        assertTrue(
                said.contains("\ninterrupted: " + big
                        + " was being stored and is not (an input is stored whole or not at all)."),
                said);
        assertTrue(
                said.contains(
                        "  stored: " + small + " (Hugging Face Daily Papers page (text copy, layout A)): 22 added"),
                said);
        assertTrue(
                said.contains("  The search index is up to date with what was stored.")
                        || said.contains("  The search index had not caught up with what was stored"),
                said);

        Run stats = run("stats", "--json", "--data-dir", data.toString());
        assertEquals(0, stats.code(), stats.err());
        assertEquals(
                22,
                Json.MAPPER.readTree(stats.out()).get("papers").asInt(),
                "what it said is stored is what is stored");
    }

    @Test
    void theIndexCatchingUpAfterAnInterruptionShowsItsProgress() throws Exception {
        String data = dir.resolve("data").toString();
        assertEquals(
                0,
                run(
                                "ingest",
                                "--data-dir",
                                data,
                                TestApps.writeSample(dir, "hf_page_000.txt").toString())
                        .code());
        // the index as an interrupted ingest leaves it: behind the store by what was stored last
        Path index = dir.resolve("data").resolve("index");
        Path behind = dir.resolve("index-before");
        copyTree(index, behind);
        // a long catch-up: 1,500 papers (a short one, under 1,000 changes, says nothing)
        assertEquals(
                0,
                run(
                                "ingest",
                                "--data-dir",
                                data,
                                TestApps.writeBigExport(dir.resolve("more.jsonl"), 1_500)
                                        .toString())
                        .code());
        FileTrees.delete(index);
        copyTree(behind, index);

        Run stats = run("stats", "--json", "--data-dir", data);
        assertEquals(0, stats.code(), stats.err());
        assertTrue(
                stats.err()
                        .matches(
                                "(?s)\r  … updating the search index: 0 papers\r  … updating the search index: 1,500 papers — done\\.\\s*"),
                stats.err());
        var s = Json.MAPPER.readTree(stats.out());
        assertEquals(s.get("papers").asInt(), s.get("indexed").asInt());
        assertEquals("", run("stats", "--json", "--data-dir", data).err(), "nothing to catch up, nothing said");

        // a short catch-up (36 papers) takes well under a second: nothing said
        FileTrees.delete(behind);
        copyTree(index, behind);
        assertEquals(
                0,
                run(
                                "ingest",
                                "--data-dir",
                                data,
                                TestApps.writeSample(dir, "hf_page_002.txt").toString())
                        .code());
        FileTrees.delete(index);
        copyTree(behind, index);
        Run quick = run("stats", "--json", "--data-dir", data);
        assertEquals("", quick.err());
        var q = Json.MAPPER.readTree(quick.out());
        assertEquals(q.get("papers").asInt(), q.get("indexed").asInt(), "caught up all the same");
    }

    @Test
    void anInterruptionWhileOnlyTheIndexCatchesUpSaysEverythingIsStored() {
        IngestInterruption state = new IngestInterruption(Path.of("/srv/data"), false, List.of("a.jsonl", "b.jsonl"));
        state.indexing(() -> true);
        state.started("a.jsonl");
        state.finished("a.jsonl (PaperClub JSON Lines export): 3 added, 0 updated, 0 unchanged, 0 rejected");
        state.started("b.jsonl");
        state.finished("b.jsonl (PaperClub JSON Lines export): 1 added, 0 updated, 0 unchanged, 0 rejected");
        assertEquals(
                List.of(
                        "interrupted: every input is stored.",
                        "  stored: a.jsonl (PaperClub JSON Lines export): 3 added, 0 updated, 0 unchanged, 0 rejected",
                        "  stored: b.jsonl (PaperClub JSON Lines export): 1 added, 0 updated, 0 unchanged, 0 rejected",
                        "  The search index had not caught up with what was stored: it catches up when PaperClub next opens /srv/data"
                                + " (any command, the console or the bot), showing its progress."),
                state.report());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        List<Path> all;
        try (var walk = Files.walk(from)) {
            all = new ArrayList<>(walk.toList());
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) Files.createDirectories(target);
            else if (!p.getFileName().toString().equals("write.lock")) Files.copy(p, target);
        }
    }
}
