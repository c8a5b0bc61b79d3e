package dev.paperclub.bench;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.ingest.SampleCorpus;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.AnalysisOptions;
import dev.paperclub.search.ArrivalMatcher;
import dev.paperclub.search.PaperAnalyzer;
import dev.paperclub.util.FileTrees;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cost of matching members' watches against an arrival ({@link ArrivalMatcher#match}): the
 * arrival indexed into memory and every watch's query run over it once. Papers come from the
 * bundled sample corpus (real titles, abstracts and authors), recombined into as many distinct
 * papers as asked; watches are drawn from the corpus's own words with a fixed seed, in the
 * shapes members write: two words, a quoted phrase, an author, a word with a prefix and an
 * exclusion. A benchmark, not a test:
 *
 * <pre>
 * CP="target/test-classes:target/classes:$(cat target/cp.txt)"
 * java -cp "$CP" dev.paperclub.bench.WatchMatchBench --papers 500 --watches 1000
 * </pre>
 */
@Command(
        name = "watch-match-bench",
        mixinStandardHelpOptions = true,
        description = "Times matching N watches against an arrival of M papers.")
public final class WatchMatchBench implements Callable<Integer> {
    @Option(names = "--papers", description = "papers in the arrival (default: ${DEFAULT-VALUE})")
    int paperCount = 500;

    @Option(names = "--watches", description = "watches to match (default: ${DEFAULT-VALUE})")
    int watchCount = 1000;

    @Option(names = "--runs", description = "timed runs after 3 warm-up runs (default: ${DEFAULT-VALUE})")
    int runs = 10;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WatchMatchBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Paper> corpus;
        Path dir = Files.createTempDirectory("watch-bench");
        try (App app = TestApps.open(dir)) {
            SampleCorpus.load(app.ingest());
            corpus = new ArrayList<>();
            app.papers().forEachVisible(corpus::add);
        } finally {
            FileTrees.delete(dir);
        }
        List<Paper> arrival = arrival(corpus, paperCount);
        Map<Long, String> watches = watches(corpus, watchCount, new Random(25));
        try (PaperAnalyzer analyzer = new PaperAnalyzer(AnalysisOptions.defaults())) {
            ArrivalMatcher matcher = new ArrivalMatcher(analyzer);
            Map<Long, List<String>> matched = Map.of();
            for (int i = 0; i < 3; i++) matched = matcher.match(arrival, watches);
            // wall time, and this thread's CPU time: matching is single-threaded, and on a shared
            // machine the CPU time is the cost itself while the wall time includes waiting for a core
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long[] ms = new long[runs];
            long[] cpuMs = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                matched = matcher.match(arrival, watches);
                cpuMs[i] = (cpu.getCurrentThreadCpuTime() - c0) / 1_000_000;
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            Arrays.sort(ms);
            Arrays.sort(cpuMs);
            long pairs = matched.values().stream().mapToLong(List::size).sum();
            System.out.printf(
                    Locale.ROOT,
                    "{\"papers\": %d, \"watches\": %d, \"runs\": %d, \"median_ms\": %d, \"min_ms\": %d, \"max_ms\": %d,"
                            + " \"median_cpu_ms\": %d,"
                            + " \"watches_matched\": %d, \"watch_paper_matches\": %d, \"cores\": %d}%n",
                    arrival.size(),
                    watches.size(),
                    runs,
                    ms[runs / 2],
                    ms[0],
                    ms[runs - 1],
                    cpuMs[runs / 2],
                    matched.size(),
                    pairs,
                    Runtime.getRuntime().availableProcessors());
        }
        return 0;
    }

    /** {@code n} distinct papers: the corpus's, then titles paired with other papers' abstracts. */
    static List<Paper> arrival(List<Paper> corpus, int n) {
        List<Paper> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            Paper a = corpus.get(i % corpus.size());
            Paper b = corpus.get((i * 7 + i / corpus.size()) % corpus.size());
            out.add(new Paper(
                    "bench-" + i,
                    null,
                    a.title(),
                    i < corpus.size() ? a.abstractText() : b.abstractText(),
                    a.authors(),
                    null,
                    null,
                    a.published(),
                    null,
                    "https://arxiv.org/abs/bench." + i,
                    List.of("bench"),
                    null,
                    null));
        }
        return out;
    }

    /** Watches in the shapes members write, from the corpus's own title words and authors. */
    static Map<Long, String> watches(List<Paper> corpus, int n, Random random) {
        List<String> words = new ArrayList<>();
        List<String> surnames = new ArrayList<>();
        for (Paper p : corpus) {
            for (String w : p.title().toLowerCase(Locale.ROOT).split("[^a-z]+")) if (w.length() > 4) words.add(w);
            for (String a : p.authors()) {
                String[] parts = a.split(" ");
                surnames.add(parts[parts.length - 1]);
            }
        }
        Map<Long, String> out = new LinkedHashMap<>();
        for (long id = 1; id <= n; id++) {
            String w1 = words.get(random.nextInt(words.size()));
            String w2 = words.get(random.nextInt(words.size()));
            String q =
                    switch ((int) (id % 10)) {
                        case 0, 1, 2, 3, 4, 5 -> w1 + " " + w2;
                        case 6, 7 -> "\"" + w1 + " " + w2 + "\"";
                        case 8 -> "author:" + surnames.get(random.nextInt(surnames.size()));
                        default -> w1.substring(0, 4) + "* -" + w2;
                    };
            out.put(id, q);
        }
        return out;
    }
}
