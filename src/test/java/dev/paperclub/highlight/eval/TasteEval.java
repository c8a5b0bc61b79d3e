package dev.paperclub.highlight.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.highlight.TeamTaste;
import dev.paperclub.search.Embedder;
import dev.paperclub.search.MiniLmEmbedder;
import dev.paperclub.search.PaperVectors;
import dev.paperclub.util.Json;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The offline check behind {@link TeamTaste}'s weight and threshold, on BEIR SciFact with the
 * shipped embedding model. A claim with two or more evidence abstracts is a topic a team reads:
 * the simulated team has read one evidence abstract among {@value #READ_OTHERS} unrelated ones;
 * the day's highlight pool holds the claim's other evidence abstracts (held out) and
 * {@value #POOL} unrelated abstracts. Every candidate gets a stand-in for the other highlight
 * terms (upvotes drawn log-normally, median about 7, and freshness from an age of 0–13 days:
 * {@code ln(1+u) + 3·0.5^(age/7)}), plus the taste term for a (threshold, weight) pair. Reported:
 * how often a held-out evidence paper is among the top {@value #TOP} (the default highlights
 * count), and how many unrelated papers the term itself brings into the top {@value #TOP}
 * (flooding). Pairs are chosen on the even topics and confirmed on the odd ones.
 *
 * <p>Run: {@code java -cp "$CP" dev.paperclub.highlight.eval.TasteEval /path/to/scifact [distractors]}.
 * Not a test: it reports numbers.
 */
public final class TasteEval {
    static final int READ_OTHERS = 9;
    static final int POOL = 200;
    static final int TOP = 3;
    static final int REPS = 5;

    private record Doc(String id, String title, String text) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int distractorCount = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        Map<String, Doc> corpus = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode n = Json.MAPPER.readTree(line);
                corpus.put(
                        n.path("_id").asText(),
                        new Doc(
                                n.path("_id").asText(),
                                n.path("title").asText(),
                                n.path("text").asText()));
            }
        }
        Map<String, List<String>> evidence = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("qrels").resolve("train.tsv"))) {
            String[] f = line.strip().split("\t");
            if (f.length < 3 || f[0].equals("query-id")) continue;
            if (corpus.containsKey(f[1]))
                evidence.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
        }
        evidence.values().removeIf(l -> l.size() < 2);
        Set<String> relevant = new HashSet<>();
        evidence.values().forEach(relevant::addAll);
        Random rnd = new Random(20);
        List<String> others = new ArrayList<>(corpus.keySet());
        others.removeAll(relevant);
        Collections.shuffle(others, rnd);
        others = others.subList(0, Math.min(distractorCount, others.size()));
        List<String> ids = new ArrayList<>(relevant);
        ids.addAll(others);
        System.out.printf(
                Locale.ROOT,
                "SciFact train: %d claims with >= 2 evidence abstracts (%d abstracts), %d unrelated abstracts%n",
                evidence.size(),
                relevant.size(),
                others.size());
        Embedder embedder = MiniLmEmbedder.factory().load();
        long t0 = System.nanoTime();
        List<String[]> texts = ids.stream()
                .map(id -> new String[] {corpus.get(id).title(), corpus.get(id).text()})
                .toList();
        List<float[]> vs = PaperVectors.embed(embedder, texts);
        Map<String, float[]> vectors = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) vectors.put(ids.get(i), vs.get(i));
        System.out.printf(
                Locale.ROOT,
                "embedded %d abstracts in %.0f s with %s%n",
                ids.size(),
                (System.nanoTime() - t0) / 1e9,
                embedder.modelId());

        List<String> topics = new ArrayList<>(evidence.keySet());
        List<Trial> tune = new ArrayList<>();
        List<Trial> confirm = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            for (int rep = 0; rep < REPS; rep++) {
                Trial trial = trial(evidence.get(topics.get(t)), others, vectors, new Random(t * 1000L + rep));
                (t % 2 == 0 ? tune : confirm).add(trial);
            }
        }
        double[] thresholds = {0.3, 0.4, 0.5, 0.6};
        double[] weights = {0, 1, 2, 3, 4, 6};
        System.out.printf(
                Locale.ROOT,
                "%nbest cosine to the team's reads: held-out evidence %s; unrelated %s%n",
                percentiles(tune, true),
                percentiles(tune, false));
        report("tuning half (even claims)", tune, thresholds, weights);
        report("confirming half (odd claims)", confirm, thresholds, weights);
    }

    /** One simulated team and day: best cosines to the team's reads and the other terms, per candidate. */
    private record Trial(List<Double> base, List<Double> best, List<Boolean> related) {}

    private static Trial trial(List<String> topic, List<String> others, Map<String, float[]> vectors, Random rnd) {
        List<String> shuffled = new ArrayList<>(topic);
        Collections.shuffle(shuffled, rnd);
        List<String> pool = new ArrayList<>(others);
        Collections.shuffle(pool, rnd);
        List<String> read = new ArrayList<>(pool.subList(0, READ_OTHERS));
        read.add(shuffled.get(0));
        List<String> candidates = new ArrayList<>(shuffled.subList(1, shuffled.size()));
        List<Boolean> related = new ArrayList<>(Collections.nCopies(candidates.size(), true));
        candidates.addAll(pool.subList(READ_OTHERS, READ_OTHERS + POOL));
        related.addAll(Collections.nCopies(POOL, false));
        List<TeamTaste.Liked> liked =
                read.stream().map(id -> new TeamTaste.Liked(id, id, true)).toList();
        List<float[]> likedVectors = read.stream().map(vectors::get).toList();
        List<Double> base = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        for (String c : candidates) {
            double upvotes = Math.floor(Math.exp(2 + 1.2 * rnd.nextGaussian()));
            int age = rnd.nextInt(14);
            base.add(Math.log1p(upvotes) + 3 * Math.pow(0.5, age / 7.0));
            double b = -1;
            for (int i = 0; i < liked.size(); i++) {
                b = Math.max(b, cosine(vectors.get(c), likedVectors.get(i)));
            }
            best.add(b);
        }
        return new Trial(base, best, related);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static String percentiles(List<Trial> trials, boolean related) {
        List<Double> all = new ArrayList<>();
        for (Trial t : trials)
            for (int i = 0; i < t.best().size(); i++)
                if (t.related().get(i) == related) all.add(t.best().get(i));
        Collections.sort(all);
        return String.format(
                Locale.ROOT,
                "p10 %.2f p50 %.2f p90 %.2f p99 %.2f",
                all.get(all.size() / 10),
                all.get(all.size() / 2),
                all.get(all.size() * 9 / 10),
                all.get(all.size() * 99 / 100));
    }

    private static void report(String name, List<Trial> trials, double[] thresholds, double[] weights) {
        System.out.printf(
                Locale.ROOT,
                "%n%s: %d trials; related@%d = share of held-out evidence papers in the top %d; "
                        + "pushed-in = unrelated papers per day that the term brings into the top %d; touched = unrelated "
                        + "candidates with any taste score%n",
                name,
                trials.size(),
                TOP,
                TOP,
                TOP);
        System.out.println("threshold weight  related@3  pushed-in/day  touched");
        for (double th : thresholds) {
            for (double w : weights) {
                int relatedTotal = 0, relatedTop = 0, pushed = 0, touched = 0, unrelated = 0;
                for (Trial t : trials) {
                    List<Integer> plain = top(t, th, 0);
                    List<Integer> with = top(t, th, w);
                    for (int i = 0; i < t.base().size(); i++) {
                        if (t.related().get(i)) {
                            relatedTotal++;
                            if (with.contains(i)) relatedTop++;
                        } else {
                            unrelated++;
                            if (w > 0 && closeness(t.best().get(i), th) > 0) touched++;
                            if (with.contains(i) && !plain.contains(i)) pushed++;
                        }
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "  %.1f     %.1f     %.3f      %.3f          %.3f%n",
                        th,
                        w,
                        relatedTop / (double) relatedTotal,
                        pushed / (double) trials.size(),
                        touched / (double) unrelated);
            }
        }
    }

    private static double closeness(double cosine, double threshold) {
        return Math.max(0, (cosine - threshold) / (1 - threshold));
    }

    private static List<Integer> top(Trial t, double threshold, double weight) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < t.base().size(); i++) order.add(i);
        order.sort((a, b) -> Double.compare(
                t.base().get(b) + weight * closeness(t.best().get(b), threshold),
                t.base().get(a) + weight * closeness(t.best().get(a), threshold)));
        return order.subList(0, TOP);
    }
}
