package dev.paperclub.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperclub.paper.Paper;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * What each index field costs to write (a diagnosis tool, not a test): indexes the same papers
 * with {@link PaperIndex#toDocument}'s documents, whole and with one group of fields left out,
 * on one thread into an in-memory index (flushes included, no merges), and reports the
 * thread's CPU time per paper for each variant, best of the passes (the variants take turns, so
 * load on the machine spreads over all of them).
 *
 * <pre>
 * java -cp "$CP" dev.paperclub.search.IndexFieldCost CORPUS.jsonl [PAPERS] [PASSES]
 * </pre>
 */
public final class IndexFieldCost {

    private static final Map<String, Set<String>> WITHOUT = new LinkedHashMap<>();

    static {
        WITHOUT.put("every field (the product)", Set.of());
        WITHOUT.put("without the spelling words", Set.of(PaperFields.WORDS));
        WITHOUT.put("without the autocomplete n-grams", Set.of(PaperFields.TITLE_PREFIX));
        WITHOUT.put(
                "only id, stored title/abstract, text",
                Set.of(
                        PaperFields.WORDS,
                        PaperFields.TITLE_PREFIX,
                        PaperFields.TITLE_KEY,
                        PaperFields.AUTHOR,
                        PaperFields.PUBLISHED,
                        PaperFields.UPVOTES));
    }

    private IndexFieldCost() {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int limit = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 50_000;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Paper> papers = read(corpus, limit);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> best = new LinkedHashMap<>();
        try (PaperAnalyzer analyzer = new PaperAnalyzer(AnalysisOptions.defaults())) {
            for (int pass = 0; pass < passes; pass++) {
                for (Map.Entry<String, Set<String>> v : WITHOUT.entrySet()) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    try (IndexWriter w = new IndexWriter(
                            new ByteBuffersDirectory(),
                            new IndexWriterConfig(analyzer)
                                    .setRAMBufferSizeMB(64)
                                    .setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE))) {
                        DocumentAnalysis words = new DocumentAnalysis(analyzer);
                        for (Paper p : papers) {
                            Document d = PaperIndex.toDocument(p, null, words);
                            for (String f : v.getValue()) d.removeFields(f);
                            w.addDocument(d);
                        }
                        w.commit();
                    }
                    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                    best.merge(v.getKey(), cpu, Math::min);
                    System.out.printf(
                            Locale.ROOT,
                            "pass %d  %-40s %6.1f µs a paper%n",
                            pass + 1,
                            v.getKey(),
                            cpu / 1e3 / papers.size());
                }
            }
        }
        double all = best.values().iterator().next();
        System.out.printf(Locale.ROOT, "%nbest of %d passes, %,d papers, one thread:%n", passes, papers.size());
        for (Map.Entry<String, Long> e : best.entrySet()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-40s %6.1f µs a paper  (%5.1f%% of every field)%n",
                    e.getKey(),
                    e.getValue() / 1e3 / papers.size(),
                    100 * e.getValue() / all);
        }
    }

    private static List<Paper> read(Path corpus, int limit) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Paper> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            String line;
            while (out.size() < limit && (line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode n = json.readTree(line);
                List<String> authors = new ArrayList<>();
                n.path("authors").forEach(a -> authors.add(a.asText()));
                String published = n.path("published").asText("");
                out.add(new Paper(
                        n.path("id").asText(),
                        null,
                        n.path("title").asText(),
                        n.path("abstract").asText(),
                        authors,
                        authors.size(),
                        null,
                        published.isEmpty() ? null : LocalDate.parse(published),
                        n.path("upvotes").asInt(),
                        null,
                        List.of(),
                        null,
                        null));
            }
        }
        return out;
    }
}
