package dev.paperclub.cli;

import static dev.paperclub.cli.CliRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.cli.CliRuns.Run;
import dev.paperclub.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read verbs beside a running console (a JVM of its own holding the data dir, as an
 * operator's bot does): they read a consistent snapshot instead of stopping; {@code reindex}
 * is refused with a pointer to {@code /admin reindex}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Timeout(value = 3, unit = TimeUnit.MINUTES)
final class BesideRunningConsoleTest {
    @TempDir
    static Path dir;

    private static Path data;
    private static Path config;
    private static RunningConsole console;
    private static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void startConsole() throws Exception {
        data = dir.resolve("data");
        try (App app = TestApps.open(data)) {
            TestApps.ingestAllSamples(app);
            app.papers().forEachVisible(p -> ids.add(p.id()));
        }
        config = Files.writeString(
                dir.resolve("test.properties"), "search.semantic.enabled=false\ncommands.per-user-per-minute=10000\n");
        console = RunningConsole.start(data, config, "--moderator");
    }

    @AfterAll
    static void stopConsole() throws Exception {
        if (console != null) console.close(); // again after the restore test: harmless
    }

    private static Run beside(String... verbAndArgs) {
        List<String> args = new ArrayList<>(List.of(verbAndArgs));
        args.addAll(List.of("--data-dir", data.toString(), "--config", config.toString()));
        return run(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void statsJsonBesideTellsWhatTheStoreAndTheCommittedIndexHold() throws Exception {
        Run before = beside("stats", "--json");
        assertEquals(0, before.code(), before.err());
        JsonNode s = Json.MAPPER.readTree(before.out());
        assertEquals(ids.size(), s.get("papers").asInt());
        assertEquals(ids.size(), s.get("indexed").asInt(), "the running console's committed index");
        assertEquals(s.get("store_seq").asLong(), s.get("index_seq").asLong());
        int votes = s.get("votes").asInt();

        console.send("/vote paper:" + ids.get(0));
        console.await(l -> l.startsWith("🗳️ Vote recorded"), Duration.ofSeconds(30));
        Run after = beside("stats", "--json");
        assertEquals(0, after.code(), after.err());
        assertEquals(votes + 1, Json.MAPPER.readTree(after.out()).get("votes").asInt(), "a vote the console took");
    }

    @Test
    @Order(2)
    void searchShowAndExportReadBesideTheConsole() throws Exception {
        Run search = beside("search", "Pointer Networks", "--limit", "3");
        assertEquals(0, search.code(), search.err());
        assertTrue(search.out().contains("Pointer Networks"), search.out());

        Run show = beside("show", ids.get(1), "--json");
        assertEquals(0, show.code(), show.err());
        assertEquals(ids.get(1), Json.MAPPER.readTree(show.out()).get("id").asText());

        Run export = beside("export");
        assertEquals(0, export.code(), export.err());
        assertEquals(ids.size(), export.out().lines().count(), "every paper, one line each");
    }

    @Test
    @Order(3)
    void reindexBesideIsRefusedWithAPointerToAdminReindex() {
        Run r = beside("reindex");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("`/admin reindex`"), r.err());
        assertTrue(r.err().startsWith(UserError.PREFIX + "PaperClub is running on "), r.err());
    }

    /** What the running console ingests, a beside search finds within seconds: it commits its index after each catch-up. */
    @Test
    @Order(4)
    void aPaperTheConsoleIngestsIsFoundBesideWithinSeconds() throws Exception {
        Path file = Files.writeString(
                dir.resolve("new.jsonl"),
                "{\"id\":\"2612.00001\",\"title\":\"Quokka sampling for beside readers\","
                        + "\"abstract\":\"A probe paper.\",\"authors\":[\"A\"],\"sources\":[\"test\"]}\n");
        console.send("/admin ingest file:" + file);
        console.await(l -> l.contains("1 added"), Duration.ofSeconds(30));
        long acknowledged = System.nanoTime();
        Run found;
        do {
            found = beside("search", "quokka", "--limit", "1");
        } while (!found.out().contains("Quokka sampling") && System.nanoTime() - acknowledged < 20_000_000_000L);
        double seconds = (System.nanoTime() - acknowledged) / 1e9;
        System.out.printf(
                "beside search found the console's new paper %.2f s after the console acknowledged it%n", seconds);
        assertTrue(found.out().contains("Quokka sampling"), found.out() + found.err());
        assertTrue(seconds < 10, "found after " + seconds + " s");
    }

    /**
     * A backup taken while the console answers a burst of votes holds every vote acknowledged
     * before it began; restored as the README says (stop, put the file at DATA_DIR/paperclub.db,
     * start), the app rebuilds the index from it, search works, and the votes are there.
     */
    @Test
    @Order(5)
    void aBackupDuringABurstOfVotesRestoresWithEveryAcknowledgedVote() throws Exception {
        java.util.function.Predicate<String> recorded = l -> l.startsWith("🗳️ Vote recorded");
        int before = console.count(recorded);
        List<String> burst = ids.subList(1, ids.size());
        Thread voter = new Thread(() -> {
            try {
                for (String id : burst) console.send("/vote paper:" + id);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        voter.start();
        console.await(recorded, before + 20, Duration.ofSeconds(60));
        int acknowledged = console.count(recorded) - before; // the first ones of the burst, in order
        Path backup = dir.resolve("backups").resolve("during-votes.db");
        Files.createDirectories(backup.getParent());
        Run taken = beside("backup", backup.toString());
        int afterBackup = console.count(recorded) - before;
        assertEquals(0, taken.code(), taken.err());
        assertTrue(taken.out().startsWith("Backed up " + (ids.size() + 1) + " papers and "), taken.out());
        voter.join(60_000);
        console.await(recorded, before + burst.size(), Duration.ofSeconds(60));
        System.out.printf(
                "backup began after %d of %d acknowledged votes (%d when it ended): %s%n",
                acknowledged, burst.size(), afterBackup, taken.out().strip());

        // a paper the library gains after the backup: the restored index must not keep it
        Path later = Files.writeString(
                dir.resolve("later.jsonl"),
                "{\"id\":\"2612.00002\",\"title\":\"Wombat paper after the backup\","
                        + "\"abstract\":\"Ingested after.\",\"authors\":[\"A\"],\"sources\":[\"test\"]}\n");
        console.send("/admin ingest file:" + later);
        console.await(l -> l.contains("later.jsonl") && l.contains("1 added"), Duration.ofSeconds(30));

        // restore as documented
        console.close();
        for (String f : List.of(App.DATABASE_FILE, App.DATABASE_FILE + "-wal", App.DATABASE_FILE + "-shm"))
            Files.deleteIfExists(data.resolve(f));
        Files.copy(backup, data.resolve(App.DATABASE_FILE));
        try (App restored = TestApps.open(data)) {
            assertEquals("ok", restored.database().integrityCheck());
            assertEquals(ids.size() + 1, restored.papers().count());
            assertEquals(ids.size() + 1, restored.index().count(), "the index rebuilt from the restored store");
            java.util.Map<String, Integer> tallies = restored.voteStore().tallies("console", ids);
            assertEquals(1, tallies.getOrDefault(ids.get(0), 0));
            for (int i = 0; i < acknowledged; i++) {
                assertEquals(
                        1, tallies.getOrDefault(burst.get(i), 0), "acknowledged vote " + i + " for " + burst.get(i));
            }
        }
        Run search = run("search", "quokka", "--data-dir", data.toString(), "--config", config.toString());
        assertEquals(0, search.code(), search.err());
        assertTrue(search.out().contains("Quokka sampling"), search.out());
        Run gone = run("search", "wombat", "--data-dir", data.toString(), "--config", config.toString());
        assertTrue(!gone.out().contains("Wombat paper"), "ingested after the backup: " + gone.out());
    }
}
