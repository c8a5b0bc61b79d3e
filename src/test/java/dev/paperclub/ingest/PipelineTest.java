package dev.paperclub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.store.Database;
import dev.paperclub.store.PaperStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PipelineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    /** The pipeline's indexing thread, owned here as App owns it. */
    private final ExecutorService indexing = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopIndexing() {
        indexing.shutdownNow();
    }

    private static IngestInput jsonl(String name, String... titles) {
        StringBuilder b = new StringBuilder();
        for (String t : titles)
            b.append("{\"title\":\"")
                    .append(t)
                    .append("\",\"abstract\":\"About ")
                    .append(t)
                    .append(".\"}\n");
        return IngestInput.ofBytes(name, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName(
            "the next input is stored while the index catches up on the last, and close waits until it has every input")
    void storesWhileIndexing() throws Exception {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaperStore papers = new PaperStore(db);
            CountDownLatch secondStored = new CountDownLatch(1);
            List<Long> seenByIndex = new CopyOnWriteArrayList<>();
            IngestService ingest = new IngestService(
                    papers,
                    CLOCK,
                    1 << 20,
                    () -> {
                        try {
                            // the first catch-up holds until the second input is stored: that can only
                            // happen if storing does not wait for the index
                            assertTrue(
                                    secondStored.await(10, TimeUnit.SECONDS),
                                    "the second input was not stored meanwhile");
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        seenByIndex.add(papers.changeSequence());
                    },
                    indexing);
            try (IngestService.Pipeline pipeline = ingest.pipeline()) {
                assertEquals(
                        2,
                        pipeline.ingest(jsonl("a.jsonl", "Alpha", "Beta"), IngestOptions.DEFAULT)
                                .added());
                assertEquals(
                        1,
                        pipeline.ingest(jsonl("b.jsonl", "Gamma"), IngestOptions.DEFAULT)
                                .added());
                secondStored.countDown();
            }
            assertEquals(3, papers.count());
            // after close the index has caught up with everything stored
            assertFalse(seenByIndex.isEmpty());
            assertEquals(papers.changeSequence(), seenByIndex.get(seenByIndex.size() - 1));
        }
    }

    @Test
    @DisplayName("a failed catch-up is reported by close, and the stored papers stay")
    void indexFailureSurfaces() throws Exception {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaperStore papers = new PaperStore(db);
            IllegalStateException boom = new IllegalStateException("index disk full");
            IngestService ingest = new IngestService(
                    papers,
                    CLOCK,
                    1 << 20,
                    () -> {
                        throw boom;
                    },
                    indexing);
            IngestService.Pipeline pipeline = ingest.pipeline();
            pipeline.ingest(jsonl("a.jsonl", "Alpha"), IngestOptions.DEFAULT);
            assertSame(boom, assertThrows(IllegalStateException.class, pipeline::close));
            assertEquals(1, papers.count());
        }
    }

    @Test
    @DisplayName("a refused input stores nothing and queues no catch-up")
    void refusedInput() throws Exception {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaperStore papers = new PaperStore(db);
            List<Long> calls = new CopyOnWriteArrayList<>();
            IngestService ingest =
                    new IngestService(papers, CLOCK, 1 << 20, () -> calls.add(papers.changeSequence()), indexing);
            try (IngestService.Pipeline pipeline = ingest.pipeline()) {
                assertThrows(
                        IngestException.class,
                        () -> pipeline.ingest(
                                IngestInput.ofBytes(
                                        "bad.jsonl", "{\"title\":\"A\",\"abs".getBytes(StandardCharsets.UTF_8)),
                                IngestOptions.DEFAULT));
            }
            assertEquals(0, papers.count());
            assertTrue(calls.isEmpty());
        }
    }
}
