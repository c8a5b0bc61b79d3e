package dev.paperclub.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.paperclub.App;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Options;
import dev.paperclub.command.Reply;
import dev.paperclub.config.Config;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.IngestReport;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.search.AnalysisOptions;
import dev.paperclub.search.IndexSync;
import dev.paperclub.search.PaperIndex;
import dev.paperclub.search.PaperSearch;
import dev.paperclub.search.SearchQuery;
import dev.paperclub.search.SearchResults;
import dev.paperclub.search.TitleSuggestions;
import dev.paperclub.store.Database;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.VectorStore;
import dev.paperclub.summary.Summarizer;
import dev.paperclub.util.DaemonThreads;
import dev.paperclub.util.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * PaperClub's performance benchmark (a main class, not a test). For each corpus size it
 * generates a deterministic corpus from the SciFact abstracts, ingests it into a fresh data
 * dir, and measures ingest, search (against SQLite FTS5 on the same corpus and queries),
 * autocomplete, summaries, every command handler, start-up on the existing data, heap and
 * disk. Prints a table and writes {@code <out>/bench-<size>.json} and {@code <out>/bench.json}.
 *
 * <pre>
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.paperclub.bench.Benchmark \
 *     --scifact /work/shared/bench/scifact --sizes 10000,100000 [--out target/bench] [--seed 42]
 *     [--jfr] [--keep-data] [--reuse-data] [--ingest-only] [--cli-papers 100_000]
 * </pre>
 *
 * The project's build and tests never run this; every data path is an argument.
 */
@Command(
        name = "Benchmark",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "PaperClub's performance benchmark on generated corpora of the given sizes.")
public final class Benchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int GENERATOR_VERSION = 1;
    private static final int FILE_PAPERS = 50_000;
    /** Papers ingested (and indexed by bare Lucene) before the ingest figures, off the clock. */
    private static final int WARM_UP_PAPERS = 20_000;
    /** Papers the bare-Lucene ceiling indexes: enough for a steady rate, cheap at every size. */
    private static final int FLOOR_PAPERS = 100_000;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T12:00:00Z"), ZoneOffset.UTC);
    private static final Pattern FTS_WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** Calls of each command before the measured ones (fewer when the sample is small). */
    private static final int COMMAND_WARMUP = 200;

    @Option(
            names = "--scifact",
            required = true,
            paramLabel = "DIR",
            description = "BEIR SciFact: corpus.jsonl and queries-train.jsonl")
    private Path scifact;

    @Option(
            names = "--sizes",
            required = true,
            split = ",",
            paramLabel = "N",
            converter = Count.class,
            description = "corpus sizes, e.g. 10000,100000,1_000_000")
    private List<Integer> sizes = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "where the JSON goes (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target", "bench");

    @Option(names = "--seed", description = "corpus generator seed (default: ${DEFAULT-VALUE})")
    private long seed = 42;

    @Option(names = "--jfr", description = "record a Java Flight Recording of each size")
    private boolean jfr;

    @Option(names = "--keep-data", description = "keep each size's data dir")
    private boolean keepData;

    @Option(names = "--reuse-data", description = "measure on a data dir kept by an earlier run instead of ingesting")
    private boolean reuseData;

    @Option(
            names = "--ingest-only",
            description = "measure the ingest and its bare-Lucene ceiling only (profiling the ingest)")
    private boolean ingestOnly;

    /** The CLI ingest of one file of this many papers, against FTS5 on the same file (issue #21); 0 = off. */
    @Option(
            names = "--cli-papers",
            paramLabel = "N",
            converter = Count.class,
            description =
                    "time `paperclub ingest` of one file of the first N papers in a new JVM against an FTS5 build "
                            + "of the same file, at each size >= N; 0 = off (default: ${DEFAULT-VALUE})")
    private int cliPapers = 100_000;

    @Option(names = "--command-runs", description = "measured calls of each command (default: ${DEFAULT-VALUE})")
    private int commandRuns = 200;

    @Option(
            names = "--fts-queries",
            paramLabel = "N",
            description = "measure FTS5 on the first N queries only (for 1M)")
    private int ftsQueries = Integer.MAX_VALUE;
    /** Hybrid search is measured up to this size (1M runs lexical only); 0 = never. */
    @Option(
            names = "--semantic-max",
            converter = Count.class,
            description = "hybrid search up to this size; 0 = off (default: ${DEFAULT-VALUE})")
    private int semanticMax = 100_000;
    /** Up to this size every paper is embedded for real, through the product's worker. */
    @Option(
            names = "--embed-all-max",
            converter = Count.class,
            description = "embed every paper for real up to this size (default: ${DEFAULT-VALUE})")
    private int embedAllMax = 10_000;

    /** A count that may be written with underscores, as 1_000_000. */
    static final class Count implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return Integer.parseInt(value.strip().replace("_", ""));
        }
    }

    private List<String[]> docs; // SciFact title, text
    private List<String> queries; // SciFact train claims

    public static void main(String[] args) {
        // the product's background threads are daemons; exit explicitly anyway
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        run();
        return 0;
    }

    // ================================================================== driver

    private void run() throws Exception {
        Files.createDirectories(out);
        docs = loadDocs(scifact.resolve("corpus.jsonl"));
        queries = loadQueries(scifact.resolve("queries-train.jsonl"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machine", machine());
        summary.put("seed", seed);
        summary.put("scifact_docs", docs.size());
        summary.put("queries", queries.size());
        List<Map<String, Object>> results = new ArrayList<>();
        summary.put("results", results);
        for (int size : sizes) {
            Map<String, Object> r = runSize(size);
            results.add(r);
            JSON.writeValue(out.resolve("bench-" + size + ".json").toFile(), r);
            JSON.writeValue(out.resolve("bench.json").toFile(), summary);
            printTable(r);
        }
        System.out.println("\nJSON: " + out.resolve("bench.json").toAbsolutePath());
    }

    private Map<String, Object> runSize(int size) throws Exception {
        log("==== size " + size + " ====");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("size", size);
        r.put("machine", machine());

        Path corpusDir = generate(size);
        List<Path> files = corpusFiles(corpusDir);
        Path dataDir = out.resolve("data-" + size);
        boolean reuse = reuseData && Files.isDirectory(dataDir.resolve("index"));
        if (!reuse) {
            FileTrees.delete(dataDir);
            Files.createDirectories(dataDir);
            r.put("ingest_warm_up", warmUpIngest(files));
            r.put("ingest", ingest(size, files, dataDir));
            Path floorDir = out.resolve("floor-" + size);
            FileTrees.delete(floorDir);
            log("bare Lucene on the first " + Math.min(size, FLOOR_PAPERS) + " papers (the ceiling for ingest)");
            r.put(
                    "ingest_floor",
                    LuceneFloor.measure(
                            files,
                            Math.min(size, FLOOR_PAPERS),
                            floorDir,
                            Runtime.getRuntime().availableProcessors()));
            FileTrees.delete(floorDir);
            r.put("ingest_vs_bare_lucene", ratio(r));
            if (cliPapers > 0 && size >= cliPapers) r.put("cli_ingest", cliIngest(size, files));
            if (ingestOnly) {
                if (!keepData) FileTrees.delete(dataDir);
                return r;
            }
        } else {
            log("reusing existing data dir " + dataDir + " (no ingest measured)");
        }
        Path ftsFile = dataDir.resolve("fts5-baseline.db");
        Sample sample = new Sample();
        r.put("fts5_build", buildFts(files, ftsFile, sample, Math.max(1, size / 3000), reuse && Files.exists(ftsFile)));

        Config config = config(dataDir);
        r.put("ready_in_process", ready(config));
        r.put("ready_fresh_jvm", readyFreshJvm(dataDir));

        boolean[] rebuilt = {false};
        long t0 = System.nanoTime();
        try (App app = App.open(config, CLOCK, n -> rebuilt[0] = true)) {
            log("opened in " + ms(System.nanoTime() - t0) + " ms");
            jdk.jfr.Recording rec = startJfr();
            r.put("search", searchBench(app, ftsFile));
            stopJfr(rec, "search-" + size);
            r.put("autocomplete", autocomplete(app, sample));
            r.put("summarize", summarize(sample));
            r.put("commands", commands(app, sample));
            Map<String, Object> disk = new LinkedHashMap<>();
            disk.put("db_bytes", app.database().sizeBytes());
            disk.put(
                    "db_files_bytes",
                    dirBytes(dataDir, p -> p.getFileName().toString().startsWith("paperclub.db")));
            disk.put("index_bytes", app.index().sizeBytes());
            disk.put("fts5_bytes", Files.size(ftsFile));
            disk.put("stats", app.stats());
            r.put("disk", disk);
            r.put(
                    "heap_with_app_open",
                    heapAfterGc("after GC with the App open (store, index readers, caches) at the end of the run"));
        }
        r.put("heap_after_gc", heapAfterGc("after closing the App (what the JVM retains)"));
        if (size <= semanticMax) r.put("semantic", semanticBench(config, size, files));
        if (!keepData && !reuseData) {
            FileTrees.delete(dataDir);
        }
        return r;
    }

    static Config config(Path dataDir) {
        return Config.of(Map.of(
                "data.dir", dataDir.toString(),
                "search.semantic.threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
                "ingest.max-bytes", Long.toString(Long.MAX_VALUE / 2),
                "commands.per-user-per-minute", "10000"));
    }

    // ================================================================== corpus

    static List<String[]> loadDocs(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode n = JSON.readTree(line);
                String title = n.path("title").asText("").strip();
                String text = n.path("text").asText("").strip();
                if (title.isEmpty() || text.isEmpty()) continue;
                if (title.endsWith(".")) title = title.substring(0, title.length() - 1);
                out.add(new String[] {title, text});
            }
        }
        return out;
    }

    static List<String> loadQueries(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) out.add(JSON.readTree(line).path("text").asText());
            }
        }
        return out;
    }

    private static final String[] SUFFIXES = {
        "a randomized controlled trial",
        "a prospective cohort study",
        "a systematic review and meta-analysis",
        "evidence from a population-based cohort",
        "a case-control study",
        "revisited",
        "in a mouse model",
        "mechanisms and clinical implications",
        "a multicentre study",
        "results from a national registry",
        "a cross-sectional analysis",
        "a longitudinal study",
        "insights from single-cell sequencing",
        "a genome-wide association study",
        "a retrospective analysis",
        "a pilot study",
        "in older adults",
        "in children and adolescents",
        "a modelling study",
        "an observational study",
        "in vitro and in vivo evidence",
        "a secondary analysis",
        "a replication study",
        "a Mendelian randomization study",
        "a pooled analysis",
        "lessons from clinical practice",
        "a structural perspective",
        "a computational approach",
        "an updated review",
        "a nationwide study",
        "in human cells",
        "in zebrafish",
        "a phase II trial",
        "implications for therapy",
        "a quantitative analysis",
        "a comparative study",
        "across three cohorts",
        "a proteomic analysis",
        "a twin study",
        "a machine learning approach"
    };
    private static final String[] PREFIXES = {
        "Role of",
        "Effects of",
        "Revisiting",
        "Towards understanding",
        "On",
        "Characterizing",
        "Mapping",
        "Re-evaluating",
        "Dissecting",
        "Quantifying",
        "Targeting",
        "Modelling"
    };
    private static final String[] FIRST = {
        "Alice", "Bo", "Carlos", "Dana", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jun", "Kofi", "Lena", "Mateo",
                "Nadia",
        "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Xenia", "Yusuf", "Zoe", "Anika",
                "Bruno",
        "Chen", "Diego", "Eva", "Farah", "Goran", "Hana", "Ivan", "Jia", "Karin", "Luis", "Mei", "Nils", "Olga",
                "Pablo",
        "Rui", "Sara", "Tomas", "Uma", "Viktor", "Yan", "Amir", "Lucia"
    };
    private static final String[] LAST = {
        "Smith",
        "Zhang",
        "Garcia",
        "Müller",
        "Okafor",
        "Tanaka",
        "Rossi",
        "Kowalski",
        "Nguyen",
        "Ivanova",
        "Haddad",
        "Johansson",
        "Kim",
        "Patel",
        "Silva",
        "Dubois",
        "Novak",
        "Yilmaz",
        "Cohen",
        "Andersen",
        "Li",
        "Wang",
        "Chen",
        "Liu",
        "Singh",
        "Kumar",
        "Santos",
        "Fischer",
        "Weber",
        "Moreau",
        "Bianchi",
        "Horvat",
        "Petrov",
        "Sato",
        "Suzuki",
        "Park",
        "Lee",
        "Hernandez",
        "Lopez",
        "Martin",
        "Brown",
        "Wilson",
        "Taylor",
        "Thomas",
        "Walker",
        "Hall",
        "Young",
        "King",
        "Wright",
        "Scott",
        "Green",
        "Baker",
        "Adams",
        "Nelson",
        "Hill",
        "Campbell",
        "Mitchell",
        "Roberts",
        "Carter",
        "Phillips"
    };
    private static final String[] ORGS = {
        "University of Oxford",
        "MIT",
        "Stanford University",
        "ETH Zürich",
        "Tsinghua University",
        "Max Planck Society",
        "Karolinska Institutet",
        "Institut Pasteur",
        "University of Tokyo",
        "Broad Institute",
        "EMBL",
        "Google DeepMind",
        "Microsoft Research",
        "University of Toronto",
        "Harvard Medical School",
        "Imperial College London",
        "Seoul National University",
        "University of São Paulo",
        "Weizmann Institute",
        "Allen Institute"
    };

    /** Writes the corpus for {@code size} (unless already there) and returns its directory. */
    private Path generate(int size) throws IOException {
        Path dir = out.resolve("corpus-" + size + "-seed" + seed);
        Path done = dir.resolve("DONE");
        String marker = "size=" + size + " seed=" + seed + " generator=" + GENERATOR_VERSION + " docs=" + docs.size();
        if (Files.exists(done) && Files.readString(done).strip().equals(marker)) {
            log("corpus " + dir + " present, not regenerated");
            return dir;
        }
        FileTrees.delete(dir);
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        Random rnd = new Random(seed);
        int d = docs.size();
        int[] perm = permutation(rnd);
        List<List<String>> sentences = new ArrayList<>(d);
        for (String[] doc : docs) sentences.add(splitSentences(doc[1]));
        int[] perMonth = new int[36];
        LocalDate start = LocalDate.of(2022, 1, 1);
        JsonGenerator g = null;
        OutputStream os = null;
        int part = 0;
        try {
            for (int i = 0; i < size; i++) {
                if (i % FILE_PAPERS == 0) {
                    if (g != null) {
                        g.close();
                        os.close();
                    }
                    os = new java.io.BufferedOutputStream(
                            Files.newOutputStream(dir.resolve(String.format(Locale.ROOT, "part-%04d.jsonl", part++))),
                            1 << 16);
                    g = JSON.getFactory().createGenerator(os, JsonEncoding.UTF8);
                    g.setPrettyPrinter(null);
                }
                int base = perm[i % d];
                int round = i / d;
                String title = docs.get(base)[0];
                String abs = docs.get(base)[1];
                if (round > 0) {
                    title = varyTitle(title, rnd);
                    abs = varyAbstract(sentences.get(base), sentences.get(rnd.nextInt(d)), rnd);
                }
                LocalDate pub = start.plusDays(rnd.nextInt(1096));
                int month = (pub.getYear() - 2022) * 12 + pub.getMonthValue() - 1;
                int num = ++perMonth[month];
                String id = String.format(Locale.ROOT, "%02d%02d.%05d", pub.getYear() % 100, pub.getMonthValue(), num);
                int nAuthors = 1 + (int) Math.min(11, Math.floor(-Math.log(1 - rnd.nextDouble()) * 3));
                double u = 1 - rnd.nextDouble(); // (0,1]
                int upvotes = (int) Math.min(3000, Math.floor(Math.pow(u, -1 / 1.1)) - 1);
                g.writeStartObject();
                g.writeStringField("id", id);
                g.writeStringField("arxiv_id", id);
                g.writeStringField("title", title);
                g.writeStringField("abstract", abs);
                g.writeArrayFieldStart("authors");
                for (int a = 0; a < nAuthors; a++) {
                    g.writeString(FIRST[rnd.nextInt(FIRST.length)] + " " + LAST[rnd.nextInt(LAST.length)]);
                }
                g.writeEndArray();
                g.writeNumberField("author_count", nAuthors);
                if (rnd.nextInt(10) < 3) g.writeStringField("organization", ORGS[rnd.nextInt(ORGS.length)]);
                else g.writeNullField("organization");
                g.writeStringField("published", pub.toString());
                g.writeNumberField("upvotes", upvotes);
                g.writeStringField("url", "https://arxiv.org/abs/" + id);
                g.writeArrayFieldStart("sources");
                g.writeString(rnd.nextInt(4) == 0 ? "arxiv" : "hf-api");
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } finally {
            if (g != null) g.close();
            if (os != null) os.close();
        }
        Files.writeString(done, marker + "\n");
        log("generated " + size + " papers in " + ms(System.nanoTime() - t0) + " ms into " + dir);
        return dir;
    }

    /** Paper i of a corpus is made from SciFact document perm[i % docs]: the first draws of the generator's random sequence. */
    private int[] permutation(Random rnd) {
        int d = docs.size();
        int[] perm = new int[d];
        for (int i = 0; i < d; i++) perm[i] = i;
        for (int i = d - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    private static List<String> splitSentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("(?<=[.!?])\\s+(?=[A-Z0-9(])")) {
            if (!s.isBlank()) out.add(s.strip());
        }
        return out;
    }

    private String varyTitle(String title, Random rnd) {
        String[] words = title.split("\\s+");
        switch (rnd.nextInt(4)) {
            case 0 -> {
                return title + ": " + SUFFIXES[rnd.nextInt(SUFFIXES.length)];
            }
            case 1 -> {
                // first half of this title, second half of another
                String[] other = docs.get(rnd.nextInt(docs.size()))[0].split("\\s+");
                int a = Math.max(1, words.length / 2);
                int b = other.length / 2;
                String s = String.join(" ", Arrays.copyOfRange(words, 0, a)) + " "
                        + String.join(" ", Arrays.copyOfRange(other, b, other.length));
                return s.strip();
            }
            case 2 -> {
                String rest = Character.toLowerCase(title.charAt(0)) + title.substring(1);
                if (words.length > 1 && words[0].length() > 1 && Character.isUpperCase(words[0].charAt(1)))
                    rest = title;
                return PREFIXES[rnd.nextInt(PREFIXES.length)] + " " + rest;
            }
            default -> {
                return title + " " + SUFFIXES[rnd.nextInt(SUFFIXES.length)].replaceFirst("^an? ", "(") + ")";
            }
        }
    }

    private static String varyAbstract(List<String> base, List<String> other, Random rnd) {
        List<String> s = new ArrayList<>(base);
        if (s.size() >= 3 && !other.isEmpty()) {
            s.set(1 + rnd.nextInt(s.size() - 1), other.get(rnd.nextInt(other.size())));
        } else if (!other.isEmpty()) {
            s.add(other.get(rnd.nextInt(other.size())));
        }
        if (s.size() >= 4 && rnd.nextBoolean()) Collections.swap(s, 1, 2);
        return String.join(" ", s);
    }

    private static List<Path> corpusFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        }
    }

    // ================================================================== ingest

    /**
     * Ingests through the product's {@link IngestService} pipeline, as {@code paperclub ingest}
     * does with several files: the index takes each file's papers while its transaction stores
     * them ({@link IndexSync#whileStoring}), so store_ms covers both; the after-commit hook
     * ({@code indexSync::catchUp}, which then finds nothing left to do, but waits while the next
     * input holds the index) is timed as index_ms.
     */
    private Map<String, Object> ingest(int size, List<Path> files, Path dataDir) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        ScheduledExecutorService background =
                Executors.newScheduledThreadPool(1, DaemonThreads.named("bench-background"));
        java.util.concurrent.ExecutorService indexing =
                Executors.newSingleThreadExecutor(DaemonThreads.named("ingest-index"));
        java.util.concurrent.ExecutorService indexWork = PaperIndex.workPool();
        AtomicLong indexNanos = new AtomicLong();
        long storeNanos = 0;
        long added = 0;
        long rejected = 0;
        jdk.jfr.Recording rec = startJfr();
        long cpu0 = LuceneFloor.processCpuNanos();
        long t0 = System.nanoTime();
        try (Database db = Database.open(dataDir.resolve("paperclub.db"));
                PaperIndex index =
                        new PaperIndex(dataDir.resolve("index"), AnalysisOptions.defaults(), background, indexWork)) {
            PaperStore papers = new PaperStore(db);
            IndexSync sync = new IndexSync(papers, index, new VectorStore(db));
            sync.reconcile(n -> {});
            IngestService ingest = new IngestService(
                    papers,
                    CLOCK,
                    Long.MAX_VALUE / 2,
                    () -> {
                        long s = System.nanoTime();
                        sync.catchUp();
                        indexNanos.addAndGet(System.nanoTime() - s);
                    },
                    indexing,
                    dev.paperclub.ingest.Arrivals.NONE,
                    // -Dbench.live-indexing=false: the index catches up after each commit (A/B against the product's
                    // way)
                    Boolean.parseBoolean(System.getProperty("bench.live-indexing", "true"))
                            ? sync
                            : dev.paperclub.ingest.LiveIndexing.NONE);
            try (IngestService.Pipeline pipeline = ingest.pipeline()) {
                for (Path f : files) {
                    long fs = System.nanoTime();
                    IngestReport rep = pipeline.ingest(IngestInput.ofFile(f), IngestOptions.DEFAULT);
                    storeNanos += System.nanoTime() - fs;
                    added += rep.added();
                    rejected += rep.rejections().size();
                    log(String.format(
                            Locale.ROOT,
                            "  %s: +%d stored in %d ms (index so far %d ms)",
                            f.getFileName(),
                            rep.added(),
                            ms(System.nanoTime() - fs),
                            ms(indexNanos.get())));
                }
            }
        } finally {
            indexing.shutdownNow();
            indexWork.shutdownNow();
            background.shutdownNow();
        }
        long total = System.nanoTime() - t0;
        long cpu = LuceneFloor.processCpuNanos() - cpu0;
        stopJfr(rec, "ingest-" + size);
        m.put("papers_added", added);
        m.put("rejected", rejected);
        m.put("files", files.size());
        m.put("wall_ms", ms(total));
        m.put("process_cpu_ms", ms(cpu));
        m.put("cpu_us_per_paper", round1(cpu / 1e3 / Math.max(1, added)));
        m.put("store_ms", ms(storeNanos));
        m.put("index_ms", ms(indexNanos.get()));
        m.put("papers_per_s", round1(added / (total / 1e9)));
        m.put("store_papers_per_s", round1(added / (storeNanos / 1e9)));
        m.put("index_papers_per_s", round1(added / (indexNanos.get() / 1e9)));
        m.put(
                "note",
                "one transaction per file of <= " + FILE_PAPERS
                        + " papers, through IngestService.pipeline() as the ingest "
                        + "verb does: the index takes the papers while the transaction stores them (IndexSync.whileStoring) "
                        + "and commits after it; index_ms is the after-commit hook (a catch-up that finds nothing to do, "
                        + "on the indexing thread, which waits meanwhile for the next input to release the index); wall_ms "
                        + "includes closing the index; "
                        + "process_cpu_ms is the JVM's CPU time over the same span (every thread)");
        return m;
    }

    /**
     * Both sides of the ingest ratio measured with the JIT in the same state: before either is
     * timed, this JVM ingests the corpus's first {@value #WARM_UP_PAPERS} papers through the
     * product's pipeline and bare Lucene indexes them, each into a scratch dir then deleted.
     * Without it the product ran first on a cold JVM (its compiler threads took about a quarter
     * of the CPU) and handed bare Lucene, measured next, an indexing chain already compiled. A
     * cold start is what the CLI row measures, in a fresh JVM.
     */
    private Map<String, Object> warmUpIngest(List<Path> files) throws Exception {
        Path scratch = out.resolve("warm-up");
        FileTrees.delete(scratch);
        Files.createDirectories(scratch);
        try {
            Path input = scratch.resolve("first.jsonl");
            long papers = firstLines(files, WARM_UP_PAPERS, input);
            Path data = Files.createDirectories(scratch.resolve("data"));
            long t0 = System.nanoTime();
            ingest((int) papers, List.of(input), data);
            LuceneFloor.measure(
                    List.of(input),
                    (int) papers,
                    scratch.resolve("floor"),
                    Runtime.getRuntime().availableProcessors());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("papers", papers);
            m.put("wall_ms", ms(System.nanoTime() - t0));
            m.put("note", "not measured: the product's ingest and bare Lucene each ran once on these papers first");
            return m;
        } finally {
            FileTrees.delete(scratch);
        }
    }

    // ================================================================== FTS5 baseline

    /** A sample of papers (id, title, abstract) spread over the corpus, for commands and autocomplete. */
    private static final class Sample {
        final List<String> ids = new ArrayList<>();
        final List<String> titles = new ArrayList<>();
        final List<String> abstracts = new ArrayList<>();
    }

    private Map<String, Object> buildFts(List<Path> files, Path ftsFile, Sample sample, int every, boolean exists)
            throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        int[] stride = {0};
        long rows = ftsBuild(files, ftsFile, exists, n -> {
            // papers spread evenly over the corpus (dates, bases and variants) join the sample, up to 3,000
            if (++stride[0] % every == 0 && sample.ids.size() < 3000) {
                sample.ids.add(n.get("id").asText());
                sample.titles.add(n.get("title").asText());
                sample.abstracts.add(n.get("abstract").asText());
            }
        });
        m.put("rows", rows);
        m.put("build_ms", exists ? null : ms(System.nanoTime() - t0));
        m.put("schema", FTS_SCHEMA + " (separate file, same papers)");
        return m;
    }

    private static final String FTS_SCHEMA = "CREATE VIRTUAL TABLE docs USING fts5(title, abstract, tokenize='porter')";

    /**
     * The FTS5 baseline's build: every line of {@code files} parsed as JSON and inserted into a
     * new {@code ftsFile} (journal and sync off, one transaction); each parsed line then goes to
     * {@code eachPaper}. When {@code exists}, the file is kept as it is and the lines are only read.
     * The number of lines.
     */
    private static long ftsBuild(List<Path> files, Path ftsFile, boolean exists, Consumer<JsonNode> eachPaper)
            throws Exception {
        if (!exists) Files.deleteIfExists(ftsFile);
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ftsFile.toAbsolutePath())) {
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode = OFF");
                    s.execute("PRAGMA synchronous = OFF");
                    s.execute(FTS_SCHEMA);
                }
                c.setAutoCommit(false);
            }
            try (PreparedStatement ps =
                    exists ? null : c.prepareStatement("INSERT INTO docs(rowid, title, abstract) VALUES (?,?,?)")) {
                for (Path f : files) {
                    try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            JsonNode n = JSON.readTree(line);
                            rows++;
                            if (!exists) {
                                ps.setLong(1, rows);
                                ps.setString(2, n.get("title").asText());
                                ps.setString(3, n.get("abstract").asText());
                                ps.executeUpdate();
                            }
                            eachPaper.accept(n);
                        }
                    }
                }
            }
            if (!exists) c.commit();
        }
        return rows;
    }

    // ================================================================== CLI ingest (issue #21)

    /**
     * What a user waits for when ingesting one file of {@link #cliPapers} papers: {@code paperclub
     * ingest FILE --quiet} in a new JVM on a fresh data dir, from process start to exit (JVM start,
     * open, store, index, close), against an FTS5 build of the same file in this JVM, as the
     * baseline is built ({@link #ftsBuild}). The file is written off the clock.
     */
    private Map<String, Object> cliIngest(int size, List<Path> files) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        Path file = out.resolve("cli-" + cliPapers + ".jsonl");
        Path dataDir = out.resolve("cli-data-" + size);
        Path ftsFile = out.resolve("cli-fts5-" + size + ".db");
        long written = firstLines(files, cliPapers, file);
        if (written != cliPapers) {
            throw new IllegalStateException(
                    "the corpus of " + size + " has only " + written + " papers, not " + cliPapers);
        }
        FileTrees.delete(dataDir);
        Files.createDirectories(dataDir);
        try {
            log("CLI ingest of one file of " + cliPapers + " papers in a new JVM");
            ProcessBuilder pb = freshJvm(
                    "dev.paperclub.Main",
                    "ingest",
                    file.toAbsolutePath().toString(),
                    "--data-dir",
                    dataDir.toAbsolutePath().toString(),
                    "--quiet");
            // the caller's PAPERCLUB_* settings would win over the defaults: measure the defaults
            pb.environment().keySet().removeIf(k -> k.startsWith("PAPERCLUB_"));
            pb.redirectErrorStream(true);
            StringBuilder output = new StringBuilder();
            Pattern summary = Pattern.compile(": (\\d+) added, (\\d+) updated, (\\d+) unchanged, (\\d+) rejected$");
            long summaryAt = -1;
            long added = -1;
            long t0 = System.nanoTime();
            Process p = pb.start();
            try (BufferedReader in =
                    new BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher sm = summary.matcher(line.strip());
                    if (added < 0 && sm.find()) {
                        summaryAt = System.nanoTime();
                        added = Long.parseLong(sm.group(1));
                    }
                }
            }
            int rc = p.waitFor();
            long cliNanos = System.nanoTime() - t0;
            if (rc != 0 || added != cliPapers) {
                throw new IllegalStateException("the CLI ingest exited with " + rc + " and reported "
                        + (added < 0 ? "no summary line" : added + " papers added") + " (expected " + cliPapers
                        + "); its output:\n" + output);
            }
            log("  CLI: " + ms(cliNanos) + " ms, summary printed after " + ms(summaryAt - t0)
                    + " ms; FTS5 on the same file");
            long f0 = System.nanoTime();
            long rows = ftsBuild(List.of(file), ftsFile, false, n -> {});
            long ftsNanos = System.nanoTime() - f0;
            Files.deleteIfExists(ftsFile);
            m.put("papers", added);
            m.put("file_bytes", Files.size(file));
            m.put("cli_wall_ms", ms(cliNanos));
            m.put("cli_summary_printed_ms", ms(summaryAt - t0));
            m.put("cli_after_summary_ms", ms(t0 + cliNanos - summaryAt));
            m.put("cli_own_figure", null);
            m.put("fts5_rows", rows);
            m.put("fts5_same_file_ms", ms(ftsNanos));
            m.put("ratio", round2(cliNanos / (double) ftsNanos));
            m.put("target", "<= 2");
            m.put(
                    "note",
                    "one JSON Lines file of the corpus's first " + cliPapers + " papers (written off the clock); "
                            + "cli_wall_ms: `java -Xmx512m -cp <benchmark classpath> dev.paperclub.Main ingest FILE "
                            + "--data-dir <fresh empty dir> --quiet` in a new JVM, from process start to exit (JVM "
                            + "start, open, store, index, close), default config, exit code 0 and the summary's added "
                            + "count checked; cli_summary_printed_ms: when its summary line arrived (stored), "
                            + "cli_after_summary_ms: the rest (index catch-up, close); the CLI prints no timing of "
                            + "its own (cli_own_figure null); fts5_same_file_ms: in this JVM, the FTS5 baseline's "
                            + "build (" + FTS_SCHEMA + ", journal and sync off, one transaction, each line parsed "
                            + "as JSON on the clock) of the same file into a temporary db file, deleted after");
        } finally {
            Files.deleteIfExists(ftsFile);
            Files.deleteIfExists(file);
            if (!keepData) FileTrees.delete(dataDir);
        }
        return m;
    }

    /** Copies the first {@code n} lines of {@code files}, in order, into {@code target}; how many it copied. */
    private static long firstLines(List<Path> files, long n, Path target) throws IOException {
        long lines = 0;
        try (java.io.BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (Path f : files) {
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    while (lines < n && (line = in.readLine()) != null) {
                        w.write(line);
                        w.write('\n');
                        lines++;
                    }
                }
                if (lines == n) break;
            }
        }
        return lines;
    }

    // ================================================================== start-up

    private Map<String, Object> ready(Config config) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean[] rebuilt = {false};
        long t0 = System.nanoTime();
        try (App app = App.open(config, CLOCK, n -> rebuilt[0] = true)) {
            m.put("ms", ms(System.nanoTime() - t0));
            m.put("rebuilt", rebuilt[0]);
            m.put("papers", app.papers().count());
        }
        m.put("note", "App.open on the existing data dir inside the benchmark JVM (classes already loaded)");
        return m;
    }

    /** Times App.open in a new JVM (same classpath, -Xmx512m): what an operator's restart sees. */
    private Map<String, Object> readyFreshJvm(Path dataDir) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        ProcessBuilder pb =
                freshJvm(ReadyProbe.class.getName(), dataDir.toAbsolutePath().toString());
        pb.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        long processMs = ms(System.nanoTime() - t0);
        Matcher mm = Pattern.compile("READY open_ms=(\\d+) rebuilt=(\\w+) jvm_uptime_ms=(\\d+)")
                .matcher(output);
        if (rc == 0 && mm.find()) {
            m.put("open_ms", Long.parseLong(mm.group(1)));
            m.put("rebuilt", Boolean.parseBoolean(mm.group(2)));
            m.put("jvm_uptime_at_ready_ms", Long.parseLong(mm.group(3)));
        } else {
            m.put("error", output.length() > 2000 ? output.substring(0, 2000) : output);
        }
        m.put("process_wall_ms", processMs);
        return m;
    }

    /** {@code mainClass args} in a new JVM with this one's classpath and {@code -Xmx512m}, as an operator runs it. */
    private static ProcessBuilder freshJvm(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command);
    }

    // ================================================================== search

    private Map<String, Object> searchBench(App app, Path ftsFile) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        // warm-up: every query twice (JIT, caches), then measure every query once
        Timed timed = timeSearches(app.search(), queries, (round, q) -> q);
        long[] lucene = timed.nanos();
        m.put("lucene", timed.stats());

        List<String> ftsSet = queries.subList(0, Math.min(ftsQueries, queries.size()));
        long[] fts = new long[ftsSet.size()];
        int ftsZero = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ftsFile.toAbsolutePath());
                PreparedStatement ps = c.prepareStatement("SELECT rowid, title, snippet(docs, 1, '**', '**', '…', 24) "
                        + "FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10")) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA cache_size = -65536");
            }
            // warm-up: SQLite needs no JIT, only its page cache and the OS's: 200 queries
            for (String q : queries.subList(0, Math.min(Math.min(200, ftsSet.size()), queries.size()))) runFts(ps, q);
            for (int i = 0; i < ftsSet.size(); i++) {
                long t0 = System.nanoTime();
                int n = runFts(ps, ftsSet.get(i));
                fts[i] = System.nanoTime() - t0;
                if (n == 0) ftsZero++;
            }
        }
        Map<String, Object> f = stats(fts);
        f.put("zero_hit_queries", ftsZero);
        f.put("query_form", "each word [\\p{L}\\p{N}]+ quoted, OR-ed; ORDER BY bm25 LIMIT 10; snippet() on abstract");
        m.put("fts5", f);
        // compare on the same queries: when FTS5 ran on a prefix of the list, so does the Lucene figure here
        long[] luceneSame = Arrays.copyOf(lucene, fts.length);
        if (fts.length < lucene.length) m.put("lucene_on_fts5_query_subset", stats(luceneSame));
        m.put("p50_speedup_vs_fts5", round2(percentile(fts, 0.50) / (double) percentile(luceneSame, 0.50)));
        m.put("p99_speedup_vs_fts5", round2(percentile(fts, 0.99) / (double) percentile(luceneSame, 0.99)));
        m.put(
                "protocol",
                queries.size() + " SciFact train claims; Lucene: 2 warm-up passes over all queries, FTS5: 200 warm-up "
                        + "queries; then 1 measured pass each; top 10 with snippets");
        return m;
    }

    /** Per-query latencies of one measured pass, and what the searches returned. */
    private record Timed(long[] nanos, long hits, int zeroHit) {
        Map<String, Object> stats() {
            Map<String, Object> s = Benchmark.stats(nanos);
            s.put("avg_hits_returned", round1((double) hits / nanos.length));
            s.put("zero_hit_queries", zeroHit);
            return s;
        }
    }

    /** Two warm-up passes searching {@code warmUp(round, query)}, then every query once, top 10 with snippets. */
    private static Timed timeSearches(
            PaperSearch search, List<String> queries, java.util.function.BiFunction<Integer, String, String> warmUp) {
        for (int round = 0; round < 2; round++) {
            for (String q : queries) search.search(SearchQuery.of(warmUp.apply(round, q), 10));
        }
        long[] nanos = new long[queries.size()];
        long hits = 0;
        int zero = 0;
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            SearchResults r = search.search(SearchQuery.of(queries.get(i), 10));
            nanos[i] = System.nanoTime() - t0;
            hits += r.hits().size();
            if (r.hits().isEmpty()) zero++;
        }
        return new Timed(nanos, hits, zero);
    }

    private static int runFts(PreparedStatement ps, String query) throws SQLException {
        List<String> words = new ArrayList<>();
        Matcher mm = FTS_WORD.matcher(query);
        while (mm.find()) words.add("\"" + mm.group() + "\"");
        if (words.isEmpty()) return 0;
        ps.setString(1, String.join(" OR ", words));
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getLong(1);
                rs.getString(2);
                rs.getString(3);
                n++;
            }
        }
        return n;
    }

    // ================================================================== autocomplete, summaries

    private Map<String, Object> autocomplete(App app, Sample sample) {
        TitleSuggestions search = app.titles();
        List<String> prefixes = new ArrayList<>();
        List<String> warmUp = new ArrayList<>();
        Random rnd = new Random(seed + 1);
        int n = Math.min(1000, sample.titles.size() / 2);
        for (int i = 0; i < 2 * n; i++) {
            String t = sample.titles.get(i);
            // what a member has typed so far: 2..30 characters of a title
            int len = Math.min(t.length(), 2 + rnd.nextInt(29));
            (i < n ? prefixes : warmUp).add(t.substring(0, len));
        }
        // Answers are cached per index version: warming up on the measured prefixes would measure the cache.
        for (String p : warmUp) search.suggest(p, 25);
        long hitsBefore = search.cacheStats().hitCount();
        long[] lat = new long[prefixes.size()];
        int empty = 0;
        for (int i = 0; i < prefixes.size(); i++) {
            long t0 = System.nanoTime();
            int found = search.suggest(prefixes.get(i), 25).size();
            lat[i] = System.nanoTime() - t0;
            if (found == 0) empty++;
        }
        Map<String, Object> m = stats(lat);
        m.put("empty_results", empty);
        m.put("cache_hits", search.cacheStats().hitCount() - hitsBefore);
        m.put(
                "protocol",
                prefixes.size()
                        + " title prefixes of 2-30 chars, TitleSuggestions.suggest(prefix, 25), after a warm-up on "
                        + warmUp.size()
                        + " prefixes of other titles; cache_hits counts measured prefixes answered from the cache "
                        + "(the same text typed twice)");
        return m;
    }

    private Map<String, Object> summarize(Sample sample) {
        Summarizer s = new Summarizer();
        int n = sample.abstracts.size();
        int warm = Math.min(300, n / 3);
        for (int i = 0; i < warm; i++) s.summarize(sample.titles.get(i), sample.abstracts.get(i));
        long[] lat = new long[n - warm];
        for (int i = warm; i < n; i++) {
            long t0 = System.nanoTime();
            s.summarize(sample.titles.get(i), sample.abstracts.get(i));
            lat[i - warm] = System.nanoTime() - t0;
        }
        Map<String, Object> m = stats(lat);
        m.put(
                "protocol",
                "Summarizer.summarize directly (no cache) on " + lat.length + " abstracts not seen in the " + warm
                        + "-abstract warm-up");
        return m;
    }

    // ================================================================== commands

    private Map<String, Object> commands(App app, Sample sample) {
        Map<String, Object> m = new LinkedHashMap<>();
        int slice = sample.ids.size() / 6;
        int n = Math.min(commandRuns, slice);
        // Warm-up calls use papers beyond the measured ones in each slice, so /vote and /summarize
        // still meet fresh papers. The first hundred or so calls of a command run while the JIT
        // compiles its path, and on two cores the compiler takes the core a search would use
        // (measured at 1M: /search p50 13-15 ms over its first 150 calls, 9-10 ms after): the
        // rows give the steady state, as the search row does after its two warm-up passes.
        int warm = Math.max(20, Math.min(COMMAND_WARMUP, slice - n));
        int[] user = {0};
        Supplier<Caller> caller = () -> {
            int u = user[0]++ % 40;
            return new Caller("9000000" + u, "bench" + u, "700000000000000001", "800000000000000001", List.of(), true);
        };
        // disjoint slices of the sample so /summarize and /vote mostly see papers they have not seen
        record Cmd(String label, String name, java.util.function.IntFunction<Map<String, Object>> options) {}
        List<Cmd> cmds = List.of(
                new Cmd("/search", "search", i -> Map.of("query", queries.get((i * 7) % queries.size()))),
                new Cmd("/paper (id)", "paper", i -> Map.of("paper", sample.ids.get(i % slice))),
                new Cmd("/paper (typed title)", "paper", i -> Map.of("paper", sample.titles.get(slice + i % slice))),
                new Cmd("/summarize", "summarize", i -> Map.of("paper", sample.ids.get(2 * slice + i % slice))),
                new Cmd("/similar", "similar", i -> Map.of("paper", sample.ids.get(3 * slice + i % slice))),
                new Cmd("/vote", "vote", i -> Map.of("paper", sample.ids.get(4 * slice + i % slice))),
                new Cmd("/unvote", "unvote", i -> Map.of("paper", sample.ids.get(4 * slice + i % slice))),
                new Cmd("/reading-list", "reading-list", i -> Map.of("limit", 10L)),
                new Cmd("/help", "help", i -> Map.of()));
        for (Cmd c : cmds) {
            long[] lat = new long[n];
            int failures = 0;
            String firstFailure = null;
            for (int i = -warm; i < n; i++) {
                int k = i < 0 ? n + (-i) : i; // warm-up uses indices beyond the measured ones
                CommandRequest req = new CommandRequest(
                        c.name(), null, new Options(c.options().apply(k)), caller.get());
                long t0 = System.nanoTime();
                Reply r = app.commands().handle(req);
                long dt = System.nanoTime() - t0;
                if (i >= 0) {
                    lat[i] = dt;
                    String text = r.content();
                    if (r.ephemeral()
                            && (text.startsWith("Something went wrong")
                                    || text.startsWith("No paper matches")
                                    || text.startsWith("You're going a bit fast"))) {
                        failures++;
                        if (firstFailure == null) firstFailure = text;
                    }
                }
            }
            Map<String, Object> s = stats(lat);
            s.put("failed_replies", failures);
            if (firstFailure != null)
                s.put("first_failure", firstFailure.length() > 200 ? firstFailure.substring(0, 200) : firstFailure);
            m.put(c.label(), s);
        }
        List<String> keys = new ArrayList<>(app.commands().definitions().keys());
        m.put("defined_commands", keys);
        m.put("admin_commands_present", keys.stream().anyMatch(k -> k.startsWith("admin")));
        m.put(
                "protocol",
                n + " measured calls per command after " + warm + " warm-up calls, through CommandService.handle, "
                        + "caller with Manage Server, 40 rotating users");
        return m;
    }

    // ================================================================== semantic

    /**
     * Embedding throughput, then hybrid search (query embedding + BM25 + nearest neighbours +
     * fusion, top 10 with snippets) over the SciFact claims, each query embedded afresh.
     * Up to {@code --embed-all-max} papers every paper is embedded for real by the product's
     * worker. Beyond, embedding every generated paper would take hours here, so the 5,183
     * SciFact abstracts are embedded for real (the throughput figure) and each generated paper
     * gets the vector of the abstract it was made from, jittered (cosine ~0.9 to it): a
     * stand-in with the same clustering, for latency only, and labelled so in the output.
     */
    private Map<String, Object> semanticBench(Config config, int size, List<Path> files) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        try (App app = App.open(config, CLOCK)) {
            if (!embed(app, size, files, m)) return m;
        }
        // Closing let the merges the vector writes started finish, as a running bot's background merging would.
        try (App app = App.open(config, CLOCK)) {
            if (app.semantic().load().isEmpty()) throw new IllegalStateException("the model loaded before, not now");
            measureHybrid(app, queries, m);
        }
        return m;
    }

    /** Gives every paper a vector (see {@link #semanticBench}); false when the model cannot load. */
    private boolean embed(App app, int size, List<Path> files, Map<String, Object> m) throws Exception {
        if (app.semantic().load().isEmpty()) {
            m.put(
                    "skipped",
                    "the embedding model could not be loaded: "
                            + app.semantic().stats().get("state"));
            return false;
        }
        String model = app.semantic().modelId();
        int threads = Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        if (size <= embedAllMax) {
            log("embedding all " + size + " papers through the vector worker (" + threads + " threads)");
            app.vectorWorker().drain();
            double secs = (System.nanoTime() - t0) / 1e9;
            m.put("vectors", "every paper embedded by the model (VectorWorker: store read, embed, save, re-index)");
            m.put("embedded_papers", app.vectorWorker().embeddedCount());
            m.put("embed_papers_per_s", round1(app.vectorWorker().papersPerSecond()));
            m.put(
                    "worker_papers_per_s_incl_store_and_index",
                    round1(app.vectorWorker().embeddedCount() / secs));
        } else {
            dev.paperclub.search.Embedder embedder = app.semantic().embedder().orElseThrow();
            log("embedding the " + docs.size() + " SciFact abstracts (" + threads + " threads)");
            List<float[]> base = new ArrayList<>(docs.size());
            for (int from = 0; from < docs.size(); from += 256) {
                base.addAll(dev.paperclub.search.PaperVectors.embed(
                        embedder, docs.subList(from, Math.min(docs.size(), from + 256))));
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            m.put(
                    "vectors",
                    "the " + docs.size() + " SciFact abstracts embedded by the model; each generated paper carries the "
                            + "vector of the abstract it was made from plus Gaussian noise (cosine ~0.9), a latency stand-in");
            m.put("embedded_papers", docs.size());
            m.put("embed_papers_per_s", round1(docs.size() / secs));
            long s0 = System.nanoTime();
            Map<String, Integer> sourceOf = sources(files);
            while (true) {
                List<dev.paperclub.store.VectorStore.Pending> pending =
                        app.vectorStore().pending(model, 5_000);
                if (pending.isEmpty()) break;
                List<dev.paperclub.store.VectorStore.Embedded> part = new ArrayList<>();
                for (dev.paperclub.store.VectorStore.Pending p : pending) {
                    float[] v = jitter(base.get(sourceOf.get(p.id())), new Random(seed ^ p.id().hashCode()));
                    part.add(new dev.paperclub.store.VectorStore.Embedded(p.id(), p.seq(), p.text(), v));
                }
                app.indexSync().applyVectors(app.vectorStore().save(model, part));
            }
            app.indexSync().vectorsCaughtUp(); // standing in for the worker, which says so when none is left
            app.indexSync().refresh();
            m.put("stand_in_vectors_indexed_s", round1((System.nanoTime() - s0) / 1e9));
        }
        m.put("embed_threads", threads);
        return true;
    }

    /** Hybrid search as the benchmark measures it (also run by {@link HybridProbe} on a kept data dir). */
    static void measureHybrid(App app, List<String> queries, Map<String, Object> m) throws Exception {
        m.put("papers_with_vectors", app.index().vectorCount());
        m.put(
                "index_segments",
                app.index().withSearcher(s -> s.getIndexReader().leaves().size()));
        // warm-up on other strings (JIT, index pages) so that every measured query is embedded afresh
        m.put(
                "hybrid_search",
                timeSearches(app.search(), queries, (round, q) -> "w" + round + " " + q)
                        .stats());
        long[] embedOnly = new long[Math.min(200, queries.size())];
        dev.paperclub.search.Embedder embedder = app.semantic().embedder().orElseThrow();
        for (int i = 0; i < embedOnly.length; i++) {
            long s0 = System.nanoTime();
            embedder.embed("e " + queries.get(i));
            embedOnly[i] = System.nanoTime() - s0;
        }
        m.put("query_embedding", stats(embedOnly));
        m.put("heap_with_model", heapAfterGc("after GC with the App open and the embedding model loaded"));
        m.put("process_rss_mb", rssMb());
        m.put(
                "protocol",
                queries.size() + " SciFact claims, 2 warm-up passes on prefixed variants, 1 measured pass; "
                        + "each measured query embedded (not cached); top 10 with snippets; on a reopened App after the vectors' writes");
    }

    /** Each generated paper's SciFact source document (an index into {@code docs}), by paper id. */
    private Map<String, Integer> sources(List<Path> files) throws IOException {
        int[] perm = permutation(new Random(seed));
        Map<String, Integer> out = new java.util.HashMap<>();
        int i = 0;
        for (Path f : files) {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) out.put(JSON.readTree(line).path("id").asText(), perm[i++ % docs.size()]);
                }
            }
        }
        return out;
    }

    /** {@code v} plus Gaussian noise (sigma 0.025 per dimension: cosine ~0.9 to {@code v} at 384 dimensions), unit length. */
    private static float[] jitter(float[] v, Random noise) {
        float[] out = v.clone();
        double norm = 0;
        for (int j = 0; j < out.length; j++) {
            out[j] += (float) (noise.nextGaussian() * 0.025);
            norm += out[j] * out[j];
        }
        for (int j = 0; j < out.length; j++) out[j] /= (float) Math.sqrt(norm);
        return out;
    }

    /** Resident set of this process (heap, metaspace, ONNX Runtime's native memory, mapped index pages), Linux only. */
    private static Object rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return round1(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    // ================================================================== JFR

    private jdk.jfr.Recording startJfr() throws Exception {
        if (!jfr) return null;
        jdk.jfr.Recording r = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        r.start();
        return r;
    }

    private void stopJfr(jdk.jfr.Recording r, String name) throws IOException {
        if (r == null) return;
        r.stop();
        Path f = out.resolve(name + ".jfr");
        r.dump(f);
        r.close();
        log("JFR written to " + f);
    }

    // ================================================================== helpers

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        Runtime rt = Runtime.getRuntime();
        m.put("cores", rt.availableProcessors());
        m.put("max_heap_mb", rt.maxMemory() / (1024 * 1024));
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        m.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        m.put(
                "gc",
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(b -> b.getName())
                        .toList());
        m.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        try {
            m.put(
                    "total_memory_mb",
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                    .getTotalMemorySize()
                            / (1024 * 1024));
        } catch (RuntimeException | LinkageError e) {
            // not a HotSpot bean
        }
        return m;
    }

    private static Map<String, Object> heapAfterGc(String note) {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) System.gc();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heap_used_mb", round1(mem.getHeapMemoryUsage().getUsed() / 1048576.0));
        m.put("heap_max_mb", round1(mem.getHeapMemoryUsage().getMax() / 1048576.0));
        m.put("non_heap_used_mb", round1(mem.getNonHeapMemoryUsage().getUsed() / 1048576.0));
        m.put("note", note);
        return m;
    }

    private static long dirBytes(Path dir, java.util.function.Predicate<Path> filter) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(filter)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    static Map<String, Object> stats(long[] nanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        long sum = 0;
        for (long v : nanos) sum += v;
        m.put("n", nanos.length);
        m.put("p50_ms", round3(percentile(nanos, 0.50) / 1e6));
        m.put("p90_ms", round3(percentile(nanos, 0.90) / 1e6));
        m.put("p99_ms", round3(percentile(nanos, 0.99) / 1e6));
        m.put("max_ms", round3(percentile(nanos, 1.0) / 1e6));
        m.put("mean_ms", round3(nanos.length == 0 ? 0 : sum / 1e6 / nanos.length));
        return m;
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] values, double p) {
        if (values.length == 0) return 0;
        long[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void log(String s) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " bench: " + s);
    }

    // ================================================================== table

    @SuppressWarnings("unchecked")
    private static void printTable(Map<String, Object> r) {
        StringBuilder b = new StringBuilder();
        int size = (int) r.get("size");
        b.append(String.format(Locale.ROOT, "%n=== PaperClub benchmark: %,d papers ===%n", size));
        Map<String, Object> machine = (Map<String, Object>) r.get("machine");
        b.append(String.format(
                Locale.ROOT,
                "machine: %s cores, max heap %s MB, Java %s%n",
                machine.get("cores"),
                machine.get("max_heap_mb"),
                machine.get("java_version")));
        Map<String, Object> ing = (Map<String, Object>) r.get("ingest");
        Map<String, Object> floor = (Map<String, Object>) r.get("ingest_floor");
        if (ing != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-28s %,.0f papers/s  (wall %,d ms; CPU %,.0f µs a paper)%n",
                    "ingest",
                    (double) ing.get("papers_per_s"),
                    (long) ing.get("wall_ms"),
                    (double) ing.get("cpu_us_per_paper")));
        }
        if (floor != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-28s %,.0f papers/s  (%,d papers, %d threads: one analysed field, no store; CPU %,.0f µs a paper)%n",
                    "  bare Lucene, same papers",
                    (double) floor.get("papers_per_s"),
                    (int) floor.get("papers"),
                    (int) floor.get("threads"),
                    (double) floor.get("cpu_us_per_paper")));
        }
        if (r.get("ingest_vs_bare_lucene") instanceof Double ratio) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-28s %.2f of bare Lucene  target >= 0.6: %s%n",
                    "  ratio",
                    ratio,
                    verdict(ratio >= 0.6)));
        }
        Map<String, Object> cli = (Map<String, Object>) r.get("cli_ingest");
        if (cli != null) {
            double cliRatio = (double) cli.get("ratio");
            b.append(String.format(
                    Locale.ROOT,
                    "%-28s %.1f s vs FTS5 %.1f s: %.2f x  target <= 2x: %s%n",
                    String.format(Locale.ROOT, "CLI ingest, one %,dk file", ((long) cli.get("papers")) / 1000),
                    (long) cli.get("cli_wall_ms") / 1000.0,
                    (long) cli.get("fts5_same_file_ms") / 1000.0,
                    cliRatio,
                    verdict(cliRatio <= 2)));
        }
        if (!r.containsKey("search")) {
            System.out.print(b);
            System.out.flush();
            return;
        }
        Map<String, Object> search = (Map<String, Object>) r.get("search");
        Map<String, Object> lu = (Map<String, Object>) search.get("lucene");
        Map<String, Object> ft = (Map<String, Object>) search.get("fts5");
        b.append(row("search top-10 + snippets", lu, 20, "p99 <= 20 ms"));
        b.append(row("  FTS5 baseline (same run)", ft, -1, ""));
        double speed = (double) search.get("p50_speedup_vs_fts5");
        b.append(String.format(
                Locale.ROOT,
                "%-28s p50 %.2fx faster than FTS5 (p99 %.2fx)  target >= 3x: %s%n",
                "  ratio",
                speed,
                (double) search.get("p99_speedup_vs_fts5"),
                verdict(speed >= 3)));
        b.append(row("autocomplete (suggest)", (Map<String, Object>) r.get("autocomplete"), 10, "p99 <= 10 ms"));
        b.append(row("summary (cold, Summarizer)", (Map<String, Object>) r.get("summarize"), 5, "p99 <= 5 ms"));
        Map<String, Object> cmds = (Map<String, Object>) r.get("commands");
        for (Map.Entry<String, Object> e : cmds.entrySet()) {
            if (e.getKey().startsWith("/")) {
                Map<String, Object> s = (Map<String, Object>) e.getValue();
                b.append(row("cmd " + e.getKey(), s, 50, "p99 <= 50 ms"));
                if (((int) s.get("failed_replies")) > 0) {
                    b.append(String.format(
                            Locale.ROOT,
                            "%-28s %d failed replies, first: %s%n",
                            "",
                            (int) s.get("failed_replies"),
                            s.get("first_failure")));
                }
            }
        }
        if (!(boolean) cmds.get("admin_commands_present"))
            b.append("  (no /admin commands are defined in this build)\n");
        Map<String, Object> ready = (Map<String, Object>) r.get("ready_in_process");
        Map<String, Object> fresh = (Map<String, Object>) r.get("ready_fresh_jvm");
        b.append(String.format(
                Locale.ROOT,
                "%-28s in-process %,d ms (rebuilt: %s); fresh JVM App.open %s ms, JVM uptime at ready %s ms  "
                        + "target <= 3 s: %s%n",
                "ready on existing data",
                (long) ready.get("ms"),
                ready.get("rebuilt"),
                fresh.get("open_ms"),
                fresh.get("jvm_uptime_at_ready_ms"),
                verdict(fresh.get("jvm_uptime_at_ready_ms") != null
                        && ((long) fresh.get("jvm_uptime_at_ready_ms")) <= 3000
                        && !(boolean) ready.get("rebuilt"))));
        Map<String, Object> sem = (Map<String, Object>) r.get("semantic");
        if (sem != null && sem.containsKey("hybrid_search")) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-28s %,.1f papers/s on %d threads (%s papers with vectors)%n",
                    "embedding",
                    (double) sem.get("embed_papers_per_s"),
                    (int) sem.get("embed_threads"),
                    sem.get("papers_with_vectors")));
            b.append(row("hybrid search top-10", (Map<String, Object>) sem.get("hybrid_search"), 25, "p99 <= 25 ms"));
            b.append(row("  query embedding alone", (Map<String, Object>) sem.get("query_embedding"), -1, ""));
            Map<String, Object> hm = (Map<String, Object>) sem.get("heap_with_model");
            b.append(String.format(
                    Locale.ROOT,
                    "%-28s heap %.1f MB after GC, process RSS %s MB%n",
                    "  with the model loaded",
                    (double) hm.get("heap_used_mb"),
                    sem.get("process_rss_mb")));
        } else if (sem != null) {
            b.append(String.format(Locale.ROOT, "%-28s %s%n", "semantic", sem.get("skipped")));
        }
        Map<String, Object> heap = (Map<String, Object>) r.get("heap_with_app_open");
        Map<String, Object> disk = (Map<String, Object>) r.get("disk");
        b.append(String.format(
                Locale.ROOT,
                "%-28s %.1f MB used of %.0f MB max%n",
                "heap after GC (App open)",
                (double) heap.get("heap_used_mb"),
                (double) heap.get("heap_max_mb")));
        b.append(String.format(
                Locale.ROOT,
                "%-28s db %,.1f MB (with WAL %,.1f MB), index %,.1f MB, FTS5 baseline %,.1f MB%n",
                "disk",
                ((Number) disk.get("db_bytes")).longValue() / 1048576.0,
                ((Number) disk.get("db_files_bytes")).longValue() / 1048576.0,
                ((Number) disk.get("index_bytes")).longValue() / 1048576.0,
                ((Number) disk.get("fts5_bytes")).longValue() / 1048576.0));
        System.out.print(b);
        System.out.flush();
    }

    private static String row(String label, Map<String, Object> s, double targetP99, String target) {
        double p99 = (double) s.get("p99_ms");
        return String.format(
                Locale.ROOT,
                "%-28s p50 %8.3f  p99 %8.3f  mean %8.3f  max %8.3f ms  (n=%d)%s%n",
                label,
                (double) s.get("p50_ms"),
                p99,
                (double) s.get("mean_ms"),
                (double) s.get("max_ms"),
                (int) s.get("n"),
                targetP99 < 0 ? "" : "  target " + target + ": " + verdict(p99 <= targetP99));
    }

    /** PaperClub's ingest rate over the bare-Lucene ceiling's, both measured in this run. */
    @SuppressWarnings("unchecked")
    private static double ratio(Map<String, Object> r) {
        double ingest = (double) ((Map<String, Object>) r.get("ingest")).get("papers_per_s");
        double floor = (double) ((Map<String, Object>) r.get("ingest_floor")).get("papers_per_s");
        return round2(ingest / floor);
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
