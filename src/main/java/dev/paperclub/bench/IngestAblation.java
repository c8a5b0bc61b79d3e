package dev.paperclub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperclub.paper.PaperRecord;
import dev.paperclub.search.AnalysisOptions;
import dev.paperclub.search.PaperAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

/**
 * Diagnosis, not a product benchmark: where ingest time goes. Times the parse/clean step
 * alone, the input's SHA-256, and Lucene indexing of the same papers with the product's
 * document layout (replicated from {@code PaperIndex.toDocument}) and with one cost removed
 * at a time: the commit every 5,000 papers plus the 200 ms NRT refresh that the product
 * runs during a catch-up, the title_start prefixes, the title_prefix edge n-grams, the
 * words field, the combined text field; and, for comparison, the layout before index schema 2
 * (the abstract indexed with offsets for the highlighter, the title with offsets).
 *
 * <pre>java -cp target/paperclub.jar dev.paperclub.bench.IngestAblation CORPUS_DIR [max-papers] [work-dir]</pre>
 */
public final class IngestAblation {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Cut { PRODUCT_COMMITS_AND_REFRESH, TITLE_START, TITLE_PREFIX, WORDS, TEXT_FIELD, PREVIOUS_LAYOUT }

    record P(String id, String title, String abs, List<String> authors, LocalDate published, int upvotes) { }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int max = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Path work = args.length > 2 ? Path.of(args[2]) : Path.of("target", "ablation");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        // store-side Java work: JSON parse + PaperRecord (TextNormalizer.clean on every text field)
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(files.get(0), StandardCharsets.UTF_8)) {
            String l;
            while ((l = in.readLine()) != null && lines.size() < max) lines.add(l);
        }
        List<P> papers = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long parseOnly = 0;
            papers.clear();
            for (String l : lines) {
                long a = System.nanoTime();
                JsonNode n = JSON.readTree(l);
                parseOnly += System.nanoTime() - a;
                List<String> authors = new ArrayList<>();
                n.get("authors").forEach(x -> authors.add(x.asText()));
                PaperRecord r = new PaperRecord(n.get("id").asText(), n.get("arxiv_id").asText(), n.get("title").asText(),
                        n.get("abstract").asText(), authors, n.get("author_count").asInt(),
                        n.get("organization").isNull() ? null : n.get("organization").asText(),
                        LocalDate.parse(n.get("published").asText()), n.get("upvotes").asInt(), n.get("url").asText(),
                        List.of("hf-api"), 1);
                papers.add(new P(r.ownId(), r.title(), r.abstractText(), r.authors(), r.published(), r.upvotes()));
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "parse+PaperRecord (round %d): %,.0f papers/s  (Jackson readTree alone %,.0f/s)%n",
                    round, lines.size() / s, lines.size() / (parseOnly / 1e9));
        }
        long t0 = System.nanoTime();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(files.get(0))) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        }
        System.out.printf(Locale.ROOT, "sha256 of %s (%,d bytes): %d ms%n", files.get(0).getFileName(), Files.size(files.get(0)),
                (System.nanoTime() - t0) / 1_000_000);

        List<Map.Entry<String, Set<Cut>>> variants = new ArrayList<>();
        variants.add(Map.entry("product layout, commit/5k + 200ms NRT refresh (as IndexSync does)", EnumSet.noneOf(Cut.class)));
        variants.add(Map.entry("product layout, one commit, no refresh", EnumSet.of(Cut.PRODUCT_COMMITS_AND_REFRESH)));
        variants.add(Map.entry("  ... minus title_start prefixes", EnumSet.of(Cut.PRODUCT_COMMITS_AND_REFRESH, Cut.TITLE_START)));
        variants.add(Map.entry("  ... minus title_prefix edge n-grams", EnumSet.of(Cut.PRODUCT_COMMITS_AND_REFRESH, Cut.TITLE_PREFIX)));
        variants.add(Map.entry("  ... minus words field", EnumSet.of(Cut.PRODUCT_COMMITS_AND_REFRESH, Cut.WORDS)));
        variants.add(Map.entry("  ... plus abstract indexed, offsets (schema 1)", EnumSet.of(Cut.PRODUCT_COMMITS_AND_REFRESH, Cut.PREVIOUS_LAYOUT)));
        variants.add(Map.entry("  ... minus text (title+abstract) field", EnumSet.of(Cut.PRODUCT_COMMITS_AND_REFRESH, Cut.TEXT_FIELD)));
        // warm the JIT on the full layout first (not reported)
        index(papers.subList(0, Math.min(papers.size(), 5000)), EnumSet.of(Cut.PRODUCT_COMMITS_AND_REFRESH), work.resolve("warm"));
        for (Map.Entry<String, Set<Cut>> v : variants) {
            long[] r = index(papers, v.getValue(), work.resolve("v"));
            System.out.printf(Locale.ROOT, "%-70s %,8.0f papers/s  (%,d ms, index %,.1f MB)%n", v.getKey(),
                    papers.size() / (r[0] / 1e9), r[0] / 1_000_000, r[1] / 1048576.0);
        }
        deleteTree(work);
        System.exit(0);
    }

    private static long[] index(List<P> papers, Set<Cut> cuts, Path dir) throws IOException {
        deleteTree(dir);
        boolean productCommits = !cuts.contains(Cut.PRODUCT_COMMITS_AND_REFRESH);
        boolean previous = cuts.contains(Cut.PREVIOUS_LAYOUT);
        FieldType withOffsets = new FieldType(TextField.TYPE_STORED);
        withOffsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        withOffsets.freeze();
        FieldType docsOnly = new FieldType();
        docsOnly.setIndexOptions(IndexOptions.DOCS);
        docsOnly.setTokenized(true);
        docsOnly.setOmitNorms(true);
        docsOnly.freeze();
        ScheduledExecutorService sched = Executors.newSingleThreadScheduledExecutor();
        long t0 = System.nanoTime();
        long bytes;
        try (FSDirectory d = FSDirectory.open(dir);
             PaperAnalyzer analyzer = new PaperAnalyzer(AnalysisOptions.defaults());
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity())
                     .setCommitOnClose(false).setRAMBufferSizeMB(64))) {
            SearcherManager sm = new SearcherManager(w, new SearcherFactory());
            if (productCommits) {
                sched.scheduleWithFixedDelay(() -> {
                    try {
                        sm.maybeRefresh();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, 200, 200, TimeUnit.MILLISECONDS);
            }
            int n = 0;
            for (P p : papers) {
                Document doc = new Document();
                doc.add(new StringField("id", p.id(), Field.Store.YES));
                doc.add(new Field("title", p.title(), previous ? withOffsets : TextField.TYPE_STORED));
                doc.add(previous ? new Field("abstract", p.abs(), withOffsets) : new StoredField("abstract", p.abs()));
                if (!cuts.contains(Cut.TEXT_FIELD)) doc.add(new TextField("text", p.title() + " .\n" + p.abs(), Field.Store.NO));
                for (String a : p.authors()) doc.add(new TextField("author", a, Field.Store.NO));
                if (!cuts.contains(Cut.WORDS)) doc.add(new Field("words", p.title() + "\n" + p.abs(), docsOnly));
                if (!cuts.contains(Cut.TITLE_PREFIX)) doc.add(new Field("title_prefix", p.title(), docsOnly));
                String key = titleKey(p.title());
                doc.add(new StringField("title_key", key, Field.Store.NO));
                if (!cuts.contains(Cut.TITLE_START)) {
                    for (int i = 1; i <= Math.min(20, key.length()); i++) {
                        doc.add(new StringField("title_start", key.substring(0, i), Field.Store.NO));
                    }
                }
                long day = p.published().toEpochDay();
                doc.add(new LongPoint("published", day));
                doc.add(new NumericDocValuesField("published", day));
                doc.add(new NumericDocValuesField("upvotes", p.upvotes()));
                w.updateDocument(new Term("id", p.id()), doc);
                if (productCommits && ++n % 5000 == 0) w.commit();
            }
            w.commit();
            sm.maybeRefreshBlocking();
            sched.shutdownNow();
            sm.close();
            bytes = 0;
            for (String f : d.listAll()) bytes += d.fileLength(f);
        }
        return new long[] {System.nanoTime() - t0, bytes};
    }

    private static String titleKey(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(n.length());
        n.codePoints().filter(Character::isLetterOrDigit).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Collections.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
