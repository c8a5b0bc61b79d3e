package dev.paperclub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperclub.App;
import dev.paperclub.search.Embedder;
import dev.paperclub.search.PaperVectors;
import dev.paperclub.util.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Hybrid-search probe on a data dir kept by the benchmark ({@code --keep-data}): opens it in
 * this fresh JVM, prints the index's segments and deleted documents, and measures hybrid
 * search exactly as the benchmark does ({@link Benchmark#measureHybrid}), {@code --passes}
 * times in a row (the JVM ageing). With {@code --merge K} it measures a copy of the data dir
 * whose index was first force-merged to at most K segments; the kept data is never changed.
 *
 * <pre>
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.paperclub.bench.HybridProbe \
 *     --scifact /work/shared/bench/scifact [--merge 2] [--passes 1] DATA_DIR
 * </pre>
 */
public final class HybridProbe {

    private HybridProbe() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    @Command(name = "HybridProbe", mixinStandardHelpOptions = true, description = "Hybrid search on a kept data dir.")
    static final class Cli implements Callable<Integer> {
        @Parameters(paramLabel = "DATA_DIR")
        Path dataDir;

        @Option(names = "--scifact", required = true, description = "BEIR SciFact: queries-train.jsonl")
        Path scifact;

        @Option(names = "--merge", description = "force-merge a copy of the index to at most this many segments first")
        int merge;

        @Option(names = "--keep-copy", description = "with --merge: make the merged copy here and keep it")
        Path keepCopy;

        @Option(
                names = "--embed-first",
                description =
                        "embed this many SciFact abstracts in this JVM first, on an App then closed, as the benchmark does")
        int embedFirst;

        @Option(names = "--passes", description = "measured passes in this JVM (default: ${DEFAULT-VALUE})")
        int passes = 1;

        @Override
        public Integer call() throws Exception {
            List<String> queries = Benchmark.loadQueries(scifact.resolve("queries-train.jsonl"));
            Path dir = dataDir;
            if (merge > 0) {
                dir = keepCopy != null ? Files.createDirectories(keepCopy) : Files.createTempDirectory("hybrid-probe-");
                copy(dataDir, dir);
                long t0 = System.nanoTime();
                try (Directory d = FSDirectory.open(dir.resolve("index"));
                        IndexWriter w = new IndexWriter(
                                d, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
                    w.forceMerge(merge);
                    w.commit(); // the last commit's user data (sequence, model, layout) carries over
                }
                System.out.println("MERGED to " + merge + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }
            try {
                printIndex(dir.resolve("index"));
                if (embedFirst > 0) embedFirst(dir);
                try (App app = App.open(Benchmark.config(dir), Clock.systemUTC())) {
                    if (app.semantic().load().isEmpty()) throw new IllegalStateException("the model did not load");
                    for (int i = 0; i < passes; i++) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        long cpu0 = LuceneFloor.processCpuNanos();
                        Benchmark.measureHybrid(app, queries, m);
                        // CPU per search (3 passes of the claims plus the embedding-only calls): unlike the
                        // latencies, not inflated by other processes taking the cores
                        m.put(
                                "process_cpu_ms_per_query",
                                Math.round((LuceneFloor.processCpuNanos() - cpu0) / 1e4 / (3 * queries.size() + 200))
                                        / 100.0);
                        m.remove("protocol");
                        System.out.println("PASS " + i + " " + new ObjectMapper().writeValueAsString(m));
                    }
                }
            } finally {
                if (merge > 0 && keepCopy == null) FileTrees.delete(dir);
            }
            return 0;
        }

        private void embedFirst(Path dir) throws Exception {
            List<String[]> docs = Benchmark.loadDocs(scifact.resolve("corpus.jsonl"));
            docs = docs.subList(0, Math.min(embedFirst, docs.size()));
            long t0 = System.nanoTime();
            try (App app = App.open(Benchmark.config(dir), Clock.systemUTC())) {
                Embedder embedder = app.semantic().load().orElseThrow();
                for (int from = 0; from < docs.size(); from += 256) {
                    PaperVectors.embed(embedder, docs.subList(from, Math.min(docs.size(), from + 256)));
                }
            }
            System.out.println(
                    "EMBEDDED " + docs.size() + " abstracts first in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    private static void printIndex(Path index) throws Exception {
        try (Directory d = FSDirectory.open(index);
                DirectoryReader r = DirectoryReader.open(d)) {
            StringBuilder sizes = new StringBuilder();
            r.leaves().forEach(l -> sizes.append(' ').append(l.reader().maxDoc()));
            System.out.println("INDEX segments=" + r.leaves().size() + " maxDoc=" + r.maxDoc() + " numDocs="
                    + r.numDocs() + " deleted=" + r.numDeletedDocs() + " segment_maxDocs=" + sizes);
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else if (!Set.of("write.lock", "fts5-baseline.db")
                        .contains(p.getFileName().toString())) Files.copy(p, target);
            }
        }
    }
}
