package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.config.Config;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vectors are data: the database keeps them, and whenever the index is built from the
 * database (a copy of it in a new data dir, the repair of a damaged index, semantic search
 * switched back on) its documents take them, without embedding anything again.
 */
final class StoredVectorsTest {
    @TempDir
    Path dir;

    /** A small stand-in model that counts the papers it embeds: vectors from the text's bytes, unit length. */
    private static final class CountingEmbedder implements Embedder {
        final AtomicInteger passages = new AtomicInteger();

        @Override
        public String modelId() {
            return "counting-8";
        }

        @Override
        public int dimension() {
            return 8;
        }

        @Override
        public float[] embed(String text) {
            float[] v = new float[8];
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < b.length; i++) v[i % 8] += (b[i] & 0xff) * (i % 3 + 1);
            double norm = 0;
            for (float x : v) norm += x * x;
            if (norm == 0) v[0] = 1;
            else for (int i = 0; i < 8; i++) v[i] /= (float) Math.sqrt(norm);
            return v;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            passages.addAndGet(texts.size());
            List<float[]> out = new ArrayList<>();
            for (String t : texts) out.add(embed(t));
            return out;
        }

        Embedder.Factory factory() {
            return new Embedder.Factory() {
                @Override
                public String modelId() {
                    return CountingEmbedder.this.modelId();
                }

                @Override
                public Embedder load() {
                    return CountingEmbedder.this;
                }
            };
        }
    }

    private final CountingEmbedder model = new CountingEmbedder();

    private App open(Path dataDir) {
        return App.open(TestApps.config(dataDir), TestApps.CLOCK, model.factory());
    }

    /** A library in {@code dataDir} whose every paper has a vector; returns how many papers. */
    private int embeddedLibrary(Path dataDir) throws Exception {
        try (App app = open(dataDir)) {
            TestApps.ingestAllSamples(app);
            app.vectorWorker().drain();
            int papers = app.papers().count();
            assertEquals(papers, app.index().vectorCount(), "every paper has a vector");
            return papers;
        }
    }

    /** The app sees every stored vector, in stats and in its index, and embeds none of them again. */
    private void keepsVectors(App app, int papers) throws Exception {
        int embeddedBefore = model.passages.get();
        assertEquals(papers, app.index().vectorCount(), "the index carries the stored vectors");
        Map<String, Object> stats = app.stats();
        assertEquals(papers, stats.get("vectors"), "stats counts the database's vectors: " + stats);
        assertEquals(0, stats.get("vectors_pending"), stats.toString());
        app.vectorWorker().drain();
        assertEquals(embeddedBefore, model.passages.get(), "nothing is embedded again");
    }

    @Test
    @DisplayName(
            "a copy of paperclub.db in a new data dir keeps its vectors: stats counts them and the index carries them")
    void restoredDatabaseKeepsVectors() throws Exception {
        int papers = embeddedLibrary(dir.resolve("old"));
        Path restored = Files.createDirectories(dir.resolve("new"));
        Files.copy(dir.resolve("old").resolve(App.DATABASE_FILE), restored.resolve(App.DATABASE_FILE));
        try (App app = open(restored)) {
            keepsVectors(app, papers);
        }
    }

    @Test
    @DisplayName("the automatic repair of a damaged index puts the stored vectors back")
    void repairedIndexKeepsVectors() throws Exception {
        Path data = dir.resolve("data");
        int papers = damagedLibrary(data);
        try (App app = open(data)) {
            assertTrue(hasDamagedCopy(data), "the index was found damaged and set aside");
            keepsVectors(app, papers);
        }
    }

    @Test
    @DisplayName(
            "an index repaired while semantic search was off takes the stored vectors when it is switched on again")
    void vectorsReturnWhenSemanticSearchIsSwitchedOn() throws Exception {
        Path data = dir.resolve("data");
        int papers = damagedLibrary(data);
        Config off = TestApps.config(data).with("search.semantic.enabled", "false");
        try (App app = App.open(off, TestApps.CLOCK, model.factory())) {
            assertEquals(papers, app.index().count());
            assertEquals(0, app.index().vectorCount(), "semantic search is off: the repair took no vectors");
        }
        try (App app = open(data)) {
            keepsVectors(app, papers);
        }
    }

    /** An embedded library whose index's commit point is then truncated: opening it finds the index damaged. */
    private int damagedLibrary(Path data) throws Exception {
        int papers = embeddedLibrary(data);
        try (Stream<Path> files = Files.list(data.resolve("index"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments_"))
                    .toList()) {
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(50);
                }
            }
        }
        return papers;
    }

    private static boolean hasDamagedCopy(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("index.damaged-"));
        }
    }
}
