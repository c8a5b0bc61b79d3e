package dev.paperclub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * The ceiling the ingest figure is measured against: the same papers into a bare Lucene index
 * (an id, title and abstract stored, and one English-analysed text field: the least a ranked
 * full-text search needs) on every core, with no database, no parsing on the clock and none of
 * PaperClub's other fields. PaperClub's ingest also stores every paper in SQLite and indexes
 * more fields (title, authors, autocomplete and "did you mean" words, dates, votes), so it cannot
 * beat this; when this alone is below a target, the target is beyond the machine.
 */
final class LuceneFloor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LuceneFloor() {}

    /** Indexes the first {@code limit} papers of {@code files} into a fresh index in {@code dir}. */
    static Map<String, Object> measure(List<Path> files, int limit, Path dir, int threads) throws Exception {
        List<String[]> papers = read(files, limit); // off the clock
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer()).setRAMBufferSizeMB(64);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), config)) {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < papers.size(); i += threads) {
                        String[] p = papers.get(i);
                        Document d = new Document();
                        d.add(new StringField("id", p[0], Field.Store.YES));
                        d.add(new StoredField("title", p[1]));
                        d.add(new StoredField("abstract", p[2]));
                        d.add(new TextField("text", p[1] + " .\n" + p[2], Field.Store.NO));
                        writer.addDocument(d);
                    }
                    return null;
                }));
            }
            for (Future<?> f : parts) f.get();
            writer.commit();
        } finally {
            pool.shutdownNow();
        }
        long nanos = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("papers", papers.size());
        m.put("threads", threads);
        m.put("wall_ms", nanos / 1_000_000);
        m.put("process_cpu_ms", cpu / 1_000_000);
        m.put("cpu_us_per_paper", Math.round(cpu / 1e2 / papers.size()) / 10.0);
        m.put("papers_per_s", Math.round(papers.size() / (nanos / 1e9) * 10) / 10.0);
        m.put(
                "note",
                "bare Lucene on the same papers: id + stored title/abstract + one EnglishAnalyzer text field, "
                        + threads
                        + " threads, commit included; no SQLite, no JSON parsing on the clock, no other fields");
        return m;
    }

    /**
     * CPU time of this whole JVM (every thread, GC and JIT included): unlike wall time, what
     * another process on the machine takes does not count here.
     */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<String[]> read(List<Path> files, int limit) {
        List<String[]> out = new ArrayList<>(limit);
        for (Path f : files) {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while (out.size() < limit && (line = in.readLine()) != null) {
                    if (line.isBlank()) continue;
                    JsonNode n = JSON.readTree(line);
                    out.add(new String[] {
                        n.path("id").asText(),
                        n.path("title").asText(),
                        n.path("abstract").asText()
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (out.size() >= limit) break;
        }
        return out;
    }
}
