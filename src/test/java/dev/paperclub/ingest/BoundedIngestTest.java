package dev.paperclub.ingest;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An input stored in bounded steps: members' writes get in between, a parse failure stores nothing, arrivals once. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class BoundedIngestTest {
    private static final Caller MOD = new Caller("900", "mod", "g1", "c1", List.of(), true);
    private static final Caller MEMBER = new Caller("100", "member", "g1", "c1", List.of(), false);

    @TempDir
    Path dir;

    private App open() {
        return App.open(
                TestApps.config(dir.resolve("data"))
                        .with("commands.per-user-per-minute", "10000")
                        .with("search.semantic.enabled", "false"),
                TestApps.CLOCK);
    }

    private static Reply run(App app, Caller c, String name, String sub, Map<String, Object> options) {
        return app.commands().handle(new CommandRequest(name, sub, new Options(options), c));
    }

    @Test
    void votesAreAnsweredWithinASecondWhileALargeAdminIngestIsApplied() throws Exception {
        Path big = TestApps.writeBigExport(dir.resolve("big.jsonl"), 15_000);
        try (App app = open()) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            String paper = app.papers().pageAfter("", 1).get(0).id();
            AtomicBoolean ingesting = new AtomicBoolean(true);
            List<Long> millis = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> voter = CompletableFuture.runAsync(() -> {
                boolean vote = true;
                while (ingesting.get()) {
                    long t0 = System.nanoTime();
                    Reply r = run(app, MEMBER, vote ? "vote" : "unvote", null, Map.of("paper", paper));
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                    assertTrue(r.content().contains(vote ? "Vote recorded" : "Vote removed"), r.content());
                    vote = !vote;
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long t0 = System.nanoTime();
            Reply report = run(
                    app,
                    MOD,
                    "admin",
                    "ingest",
                    Map.of(
                            "file",
                            new Attachment(big.toString(), "big.jsonl", Files.size(big), "application/jsonl", true)));
            long ingestMillis = (System.nanoTime() - t0) / 1_000_000;
            ingesting.set(false);
            voter.get(30, TimeUnit.SECONDS);
            assertTrue(
                    report.content().contains(": 15000 added, 0 updated, 0 unchanged, 0 rejected"), report.content());
            assertEquals(15_000 + 22, app.papers().count());
            assertEquals(15_000 + 22, app.index().count(), "indexed when the command answers");

            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            long max = sorted.get(sorted.size() - 1);
            long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
            System.out.printf(
                    "BoundedIngestTest: 15,000-paper /admin ingest took %,d ms; %d votes meanwhile, max %d ms, p99 %d ms%n",
                    ingestMillis, sorted.size(), max, p99);
            assertTrue(sorted.size() >= 5, "votes were cast during the ingest: " + sorted.size());
            assertTrue(max < 1_000, "every vote answered within 1 s during the ingest; max " + max + " ms");
        }
    }

    @Test
    void aParseFailureLateInAnInputStoresNothing() throws Exception {
        Path good = TestApps.writeBigExport(dir.resolve("good.jsonl"), 5_000);
        byte[] body = Files.readAllBytes(good);
        try (App app = open()) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            long seq = app.papers().changeSequence();
            int papers = app.papers().count();
            int queued = queueRows(app);
            List<byte[]> broken = List.of(
                    concat(body, "{\"id\":\"2312.99999\",\"title\":\"cut off".getBytes(StandardCharsets.UTF_8)),
                    concat(body, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'}));
            for (byte[] bytes : broken) {
                IngestException e = assertThrows(IngestException.class, () -> app.ingest()
                        .ingest(IngestInput.ofBytes("late.jsonl", bytes), IngestOptions.DEFAULT));
                assertTrue(
                        e.getMessage().contains("line 5001 is not a JSON object")
                                || e.getMessage().contains("not UTF-8"),
                        e.getMessage());
            }
            Path strict = dir.resolve("strict.jsonl");
            Files.write(
                    strict,
                    concat(
                            body,
                            "{\"id\":\"2312.99998\",\"title\":\"No abstract\"}\n".getBytes(StandardCharsets.UTF_8)));
            assertThrows(IngestException.class, () -> app.ingest()
                    .ingest(IngestInput.ofFile(strict), new IngestOptions(false, true, n -> {})));

            assertEquals(seq, app.papers().changeSequence(), "no paper changed");
            assertEquals(papers, app.papers().count());
            assertEquals(queued, queueRows(app), "nothing was queued");
            Path spool = dir.resolve("data").resolve(IngestService.SPOOL_DIR);
            assertTrue(!Files.exists(spool) || isEmpty(spool), "no staged file is left behind");
        }
    }

    @Test
    void anInputQueuedBesideIsAppliedAndAnnouncedOnce() throws Exception {
        Path file = TestApps.writeBigExport(dir.resolve("queued.jsonl"), 3_000);
        List<Arrivals.Arrival> arrived = Collections.synchronizedList(new ArrayList<>());
        try (App app = open()) {
            // as a CLI ingest beside the running process queues an input, and the running process applies it
            IngestService beside = new IngestService(
                    app.papers(), TestApps.CLOCK, 1 << 20, app.indexSync()::catchUp, Runnable::run, arrived::add);
            long id = beside.submit(IngestInput.ofFile(file), IngestOptions.DEFAULT, "CLI ingest queued.jsonl");
            assertEquals(0, app.papers().count(), "queued, not yet applied");
            assertFalse(beside.queued(id).orElseThrow().done());
            assertTrue(beside.hasQueued());

            assertEquals(1, beside.applyQueued());
            assertEquals(0, beside.applyQueued(), "applied once");
            assertFalse(beside.hasQueued());
            IngestService.Queued done = beside.queued(id).orElseThrow();
            assertEquals(3_000, done.applied());
            assertEquals(3_000, done.report().added());
            assertEquals(3_000, app.papers().count());
            assertEquals(3_000, app.index().count());
            assertEquals(1, arrived.size(), "one arrival for one input");
            Arrivals.Arrival a = arrived.get(0);
            assertEquals("CLI ingest queued.jsonl", a.source());
            assertEquals(null, a.guildId());
            // every paper it added, not only the ones the report lists (watches match all of them)
            assertEquals(3_000, a.addedIds().size());
            assertEquals(3_000, new java.util.HashSet<>(a.addedIds()).size());
            assertTrue(a.addedIds().size() > IngestReport.LISTED);

            // an input whose caller names no origin (a feed, which tells each subscribed server itself): not told
            beside.ingest(IngestInput.ofBytes("x.jsonl", TestApps.sample("hf_page_000.txt")), IngestOptions.DEFAULT);
            assertEquals(1, arrived.size());
            // one a moderator brought (/admin ingest): told once, with the server and every paper
            Path more = TestApps.writeBigExport(dir.resolve("more.jsonl"), 3_300);
            IngestReport report = beside.ingest(IngestInput.ofFile(more), IngestOptions.DEFAULT, "/admin ingest", "g1");
            assertEquals(300, report.added());
            assertEquals(2, arrived.size());
            assertEquals("g1", arrived.get(1).guildId());
            assertEquals(300, arrived.get(1).addedIds().size());
        }
    }

    static int queueRows(App app) {
        return app.database().read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM ingest_queue")) {
                return rs.getInt(1);
            }
        });
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
