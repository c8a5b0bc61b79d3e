package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.store.VectorStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the vector worker drains a large backlog, the index is merged down: each batch it
 * re-indexed was committed as a segment with a vector graph of its own, and every hybrid
 * search walks every graph (at 100,000 papers the benchmark found 15-18 segments and hybrid
 * p99 twice that of a settled index).
 */
final class VectorBurstMergeTest {
    @TempDir
    Path dir;

    /** A stand-in model of the real one's size (384 dimensions): vectors from the text's bytes, unit length. */
    private static final class BytesEmbedder implements Embedder, Embedder.Factory {
        static final int DIMENSION = 384;

        @Override
        public String modelId() {
            return "bytes-384";
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }

        @Override
        public Embedder load() {
            return this;
        }

        @Override
        public float[] embed(String text) {
            float[] v = new float[DIMENSION];
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < b.length; i++) v[(i * 31 + b[i]) % DIMENSION] += (b[i] & 0xff) * (i % 3 + 1);
            double norm = 0;
            for (float x : v) norm += x * x;
            for (int i = 0; i < DIMENSION; i++) v[i] /= (float) Math.sqrt(norm);
            return v;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (String t : texts) out.add(embed(t));
            return out;
        }
    }

    private final BytesEmbedder model = new BytesEmbedder();

    private static int segments(App app) throws Exception {
        app.index().refresh();
        return app.index().withSearcher(s -> s.getIndexReader().leaves().size());
    }

    /**
     * {@code n} papers of varied words from a small vocabulary, as JSON Lines: with their vectors,
     * a batch of a thousand makes a segment above Lucene's 2 MB floor, which its merge policy
     * leaves alone until ten of a size pile up, as it left the benchmark's batches of 5,000.
     */
    private static Path corpus(Path file, int n, int offset) throws Exception {
        Random r = new Random(n + offset);
        String[] vocabulary = new String[500];
        for (int i = 0; i < vocabulary.length; i++) vocabulary[i] = "w" + Integer.toString(i * 7919, 36);
        StringBuilder out = new StringBuilder();
        for (int i = offset; i < offset + n; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 120; w++)
                text.append(vocabulary[r.nextInt(vocabulary.length)]).append(' ');
            out.append("{\"id\":\"2402.")
                    .append(String.format("%05d", i))
                    .append("\",\"title\":\"Paper ")
                    .append(i)
                    .append("\",\"abstract\":\"")
                    .append(text)
                    .append("\",\"authors\":[\"A\"],\"sources\":[\"bench\"]}\n");
        }
        return Files.writeString(file, out);
    }

    /** What the vector worker does for each batch (embed the pending papers, save, re-index), in batches of {@code size}. */
    private void embedPending(App app, int size) {
        while (true) {
            List<VectorStore.Pending> pending = app.vectorStore().pending(model.modelId(), size);
            if (pending.isEmpty()) {
                app.indexSync().vectorsCaughtUp(); // as the worker tells it when nothing is left
                return;
            }
            List<VectorStore.Embedded> part = new ArrayList<>();
            for (VectorStore.Pending p : pending) {
                part.add(new VectorStore.Embedded(p.id(), p.seq(), p.text(), model.embed(p.text())));
            }
            app.indexSync().applyVectors(app.vectorStore().save(model.modelId(), part));
        }
    }

    private static void ingest(App app, Path file) throws Exception {
        app.ingest().ingest(IngestInput.ofFile(file), IngestOptions.DEFAULT);
    }

    @Test
    @DisplayName(
            "a large burst of vectors leaves a merged index, kept at the next start; one more vector merges nothing")
    void largeBurstIsMergedDown() throws Exception {
        int papers = 3_000;
        int after;
        try (App app = App.open(TestApps.config(dir), TestApps.CLOCK, model)) {
            ingest(app, corpus(dir.resolve("big.jsonl"), papers, 0));
            embedPending(app, 1_000); // three commits of a thousand papers each
            assertEquals(papers, app.index().vectorCount(), "every paper has its vector");
            int merged = segments(app);
            assertTrue(
                    merged <= IndexSync.SETTLED_SEGMENTS,
                    "after the burst the index is merged down to at most " + IndexSync.SETTLED_SEGMENTS
                            + " segments, has " + merged);

            // a few new papers' vectors are no burst: the index is not merged again for them
            ingest(app, corpus(dir.resolve("few.jsonl"), 3, papers));
            embedPending(app, 1_000);
            assertEquals(papers + 3, app.index().vectorCount());
            after = segments(app);
            assertTrue(after > merged, "a few more vectors add their own segment, no merge");
            assertEquals(
                    "2402.00007",
                    app.search()
                            .search(SearchQuery.of("Paper 7", 1))
                            .hits()
                            .get(0)
                            .id(),
                    "the merged index finds what it found before");
        }
        try (App app = App.open(TestApps.config(dir), TestApps.CLOCK, model)) {
            int reopened = segments(app);
            assertTrue(
                    reopened <= after,
                    "the merge was committed: the next start opens the merged index (" + reopened + " segments)");
            assertEquals(papers + 3, app.index().vectorCount());
        }
    }
}
