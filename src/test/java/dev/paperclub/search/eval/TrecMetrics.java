package dev.paperclub.search.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * nDCG@k and recall@k as {@code trec_eval -c} computes them: the run is re-sorted by score
 * descending with ties broken by docid descending (string order), gain is the qrels grade,
 * the ideal ranking comes from the qrels, and a judged query with nothing retrieved scores 0.
 */
final class TrecMetrics {

    /** One retrieved document. */
    record Scored(String docId, double score) {}

    private TrecMetrics() {}

    static List<Scored> trecOrder(List<Scored> run) {
        List<Scored> sorted = new ArrayList<>(run);
        sorted.sort(Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(Scored::docId, Comparator.reverseOrder()));
        return sorted;
    }

    static double ndcg(List<Scored> run, Map<String, Integer> qrels, int k) {
        List<Scored> sorted = trecOrder(run);
        double dcg = 0;
        for (int i = 0; i < Math.min(k, sorted.size()); i++) {
            int gain = qrels.getOrDefault(sorted.get(i).docId(), 0);
            if (gain > 0) dcg += gain / log2(i + 2);
        }
        List<Integer> ideal = qrels.values().stream()
                .filter(g -> g > 0)
                .sorted(Comparator.reverseOrder())
                .toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) idcg += ideal.get(i) / log2(i + 2);
        return idcg == 0 ? 0 : dcg / idcg;
    }

    static double recall(List<Scored> run, Map<String, Integer> qrels, int k) {
        long relevant = qrels.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) return 0;
        List<Scored> sorted = trecOrder(run);
        long found = sorted.stream()
                .limit(k)
                .filter(s -> qrels.getOrDefault(s.docId(), 0) > 0)
                .count();
        return (double) found / relevant;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
