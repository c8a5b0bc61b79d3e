package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.paperclub.ingest.Arrivals;
import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.store.Database;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.VectorStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's inputs are indexed while their transaction stores them ({@link
 * IndexSync#whileStoring}): no catch-up runs here (the after-commit hook does nothing), so
 * everything the index holds it took during the transaction.
 */
final class LiveIndexingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** {@code n} papers with ids from {@code from}, as JSON Lines. */
    private static IngestInput papers(String name, int from, int n, IntFunction<String> abstractOf) {
        return IngestInput.ofBytes(name, lines(from, n, abstractOf).getBytes(StandardCharsets.UTF_8));
    }

    private static String lines(int from, int n, IntFunction<String> abstractOf) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            b.append(String.format(
                    Locale.ROOT,
                    "{\"id\":\"2401.%05d\",\"title\":\"Paper number %d\",\"abstract\":\"%s\"}%n",
                    i,
                    i,
                    abstractOf.apply(i)));
        }
        return b.toString();
    }

    private static int count(PaperIndex index, String word) throws Exception {
        index.refresh();
        return index.withSearcher(s -> s.count(new TermQuery(new Term(PaperFields.TEXT, word))));
    }

    private record Setup(Database db, PaperStore papers, PaperIndex index, IngestService ingest)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            index.close();
            db.close();
        }
    }

    private Setup open() throws Exception {
        Database db = Database.open(dir.resolve("p.db"));
        PaperStore papers = new PaperStore(db);
        PaperIndex index = PaperIndex.open(dir.resolve("index"));
        IndexSync sync = new IndexSync(papers, index, new VectorStore(db));
        IngestService ingest = new IngestService(papers, CLOCK, 1 << 26, () -> {}, Runnable::run, Arrivals.NONE, sync);
        return new Setup(db, papers, index, ingest);
    }

    @Test
    @DisplayName(
            "an input of several index parts is searchable and committed when the pipeline returns, with no catch-up")
    void indexedWhileStored() throws Exception {
        try (Setup s = open();
                IngestService.Pipeline pipeline = s.ingest().pipeline()) {
            assertEquals(
                    2_500,
                    pipeline.ingest(papers("a.jsonl", 0, 2_500, i -> "About quokka " + i + "."), IngestOptions.DEFAULT)
                            .added());
            assertEquals(2_500, s.index().count());
            assertEquals(2_500, count(s.index(), "quokka"));
            assertEquals(s.papers().changeSequence(), s.index().committedSequence());
        }
    }

    @Test
    @DisplayName("changes the index had not caught up with before the input are applied with it")
    void catchesUpWithEarlierChanges() throws Exception {
        try (Setup s = open()) {
            // stored with no index at all: the index is behind the store
            IngestService storeOnly = new IngestService(s.papers(), CLOCK, 1 << 26, () -> {}, Runnable::run);
            try (IngestService.Pipeline pipeline = storeOnly.pipeline()) {
                pipeline.ingest(papers("early.jsonl", 5_000, 5, i -> "About wombat " + i + "."), IngestOptions.DEFAULT);
            }
            assertEquals(0, s.index().count());
            try (IngestService.Pipeline pipeline = s.ingest().pipeline()) {
                pipeline.ingest(papers("a.jsonl", 0, 1_500, i -> "About quokka " + i + "."), IngestOptions.DEFAULT);
            }
            assertEquals(1_505, s.index().count());
            assertEquals(5, count(s.index(), "wombat"));
            assertEquals(s.papers().changeSequence(), s.index().committedSequence());
        }
    }

    @Test
    @DisplayName("searches see none of an input's papers while its transaction is open, though parts of it are indexed")
    void nothingShowsBeforeTheCommit() throws Exception {
        try (Database db = Database.open(dir.resolve("p.db"));
                PaperIndex index = PaperIndex.open(dir.resolve("index"))) {
            PaperStore papers = new PaperStore(db);
            IndexSync sync = new IndexSync(papers, index, new VectorStore(db));
            AtomicInteger seenMidway = new AtomicInteger(-1);
            dev.paperclub.ingest.LiveIndexing watched = new dev.paperclub.ingest.LiveIndexing() {
                @Override
                public <T> T whileStoring(
                        java.util.function.Function<java.util.function.Consumer<dev.paperclub.store.PaperChange>, T>
                                storing) {
                    return sync.whileStoring(take -> storing.apply(change -> {
                        take.accept(change);
                        if (change.seq() == 1_500) {
                            try {
                                Thread.sleep(
                                        700); // the first part (1,000 papers) is indexed; 3 background refresh periods
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            seenMidway.set(index.withSearcher(
                                    searcher -> searcher.getIndexReader().numDocs()));
                        }
                    }));
                }
            };
            IngestService ingest =
                    new IngestService(papers, CLOCK, 1 << 26, () -> {}, Runnable::run, Arrivals.NONE, watched);
            try (IngestService.Pipeline pipeline = ingest.pipeline()) {
                pipeline.ingest(papers("a.jsonl", 0, 2_000, i -> "About quokka " + i + "."), IngestOptions.DEFAULT);
            }
            assertEquals(0, seenMidway.get());
            assertEquals(2_000, count(index, "quokka"));
        }
    }

    @Test
    @DisplayName("a paper stored twice in one input is indexed as the store has it at the end")
    void repeatsTakeTheLastVersion() throws Exception {
        try (Setup s = open();
                IngestService.Pipeline pipeline = s.ingest().pipeline()) {
            StringBuilder b = new StringBuilder();
            // the same paper first and last among 1,500 others (two index parts may run at once)
            b.append("{\"id\":\"2401.99999\",\"title\":\"The repeated paper\",\"abstract\":\"Short quokka.\"}\n");
            b.append(lines(0, 1_500, i -> "About " + i + "."));
            // the longer abstract wins the merge
            b.append("{\"id\":\"2401.99999\",\"title\":\"The repeated paper\","
                    + "\"abstract\":\"A much longer abstract about a wombat.\"}\n");
            pipeline.ingest(
                    IngestInput.ofBytes("r.jsonl", b.toString().getBytes(StandardCharsets.UTF_8)),
                    IngestOptions.DEFAULT);
            assertEquals(1_501, s.index().count());
            assertEquals(1, count(s.index(), "wombat"));
            assertEquals(0, count(s.index(), "quokka"));
        }
    }

    @Test
    @DisplayName(
            "an input refused after its papers went to the index leaves the index as the store is: nothing added, updates undone")
    void rollbackPutsTheIndexBack() throws Exception {
        try (Setup s = open();
                IngestService.Pipeline pipeline = s.ingest().pipeline()) {
            pipeline.ingest(papers("a.jsonl", 0, 10, i -> "About quokka " + i + "."), IngestOptions.DEFAULT);
            long committed = s.index().committedSequence();
            // 2,000 new papers and a longer abstract for paper 3, then a bad record: --strict refuses it whole
            StringBuilder b = new StringBuilder();
            b.append("{\"id\":\"2401.00003\",\"title\":\"Paper number 3\","
                    + "\"abstract\":\"A much longer abstract about a wombat, not the other animal.\"}\n");
            b.append(lines(100, 2_000, i -> "About wombat " + i + ".")).append("{\"title\":\"\",\"abstract\":\"\"}\n");
            AtomicInteger before = new AtomicInteger(s.index().count());
            IngestException refused = assertThrows(
                    IngestException.class,
                    () -> pipeline.ingest(
                            IngestInput.ofBytes("b.jsonl", b.toString().getBytes(StandardCharsets.UTF_8)),
                            new IngestOptions(false, true, n -> {})));
            assertEquals(true, refused.getMessage().contains("--strict"), refused.getMessage());
            assertEquals(10, s.papers().count());
            assertEquals(before.get(), s.index().count());
            assertEquals(0, count(s.index(), "wombat"));
            assertEquals(10, count(s.index(), "quokka"));
            assertEquals(committed, s.index().committedSequence());
        }
    }
}
