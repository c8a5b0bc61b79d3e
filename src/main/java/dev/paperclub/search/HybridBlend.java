package dev.paperclub.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Blends a lexical ranking with a ranking by vector, as {@link PaperSearch} blends BM25 with the
 * query's neighbours and {@link SimilarPapers} blends MoreLikeThis with the paper's neighbours.
 */
final class HybridBlend {
    private HybridBlend() {}

    /**
     * A blended ranking, with which candidates the lexical query matches and each candidate's
     * vector similarity (as Lucene scores it, NaN without a vector).
     */
    record Fused(ScoreDoc[] ranked, Set<Integer> wordMatches, Map<Integer, Float> similarities) {
        float similarity(int doc) {
            return similarities.getOrDefault(doc, Float.NaN);
        }
    }

    /**
     * Blends both scores of every candidate: the union of the lexical top k and the nearest k
     * neighbours, each scored on both sides exactly — BM25 for a neighbour the lexical top k
     * missed (0 when it does not match), cosine for a lexical hit outside the neighbours (the
     * lowest candidate's when it has no vector yet) — then standardized over the union
     * (z-scores) and blended, {@code denseWeight} on the vector side.
     */
    static Fused blend(
            IndexSearcher searcher,
            Query lexicalQuery,
            ScoreDoc[] lexical,
            ScoreDoc[] dense,
            float[] queryVector,
            float denseWeight)
            throws IOException {
        Map<Integer, Float> lex = new HashMap<>();
        Set<Integer> matched = new HashSet<>();
        for (ScoreDoc sd : lexical) {
            lex.put(sd.doc, sd.score);
            matched.add(sd.doc);
        }
        Map<Integer, Float> vec = new HashMap<>();
        for (ScoreDoc sd : dense) vec.put(sd.doc, sd.score);
        int[] docs = IntStream.concat(
                        Arrays.stream(lexical).mapToInt(sd -> sd.doc),
                        Arrays.stream(dense).mapToInt(sd -> sd.doc))
                .distinct()
                .sorted()
                .toArray();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Weight weight = null;
        int leafIndex = -1;
        DocIdSetIterator matches = null;
        Scorer scorer = null;
        FloatVectorValues vectors = null;
        for (int doc : docs) {
            int li = ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext leaf = leaves.get(li);
            if (li != leafIndex) {
                leafIndex = li;
                if (weight == null && lex.size() < docs.length) {
                    weight = searcher.createWeight(searcher.rewrite(lexicalQuery), ScoreMode.COMPLETE, 1f);
                }
                scorer = weight == null ? null : weight.scorer(leaf);
                matches = scorer == null ? null : scorer.iterator();
                vectors = leaf.reader().getFloatVectorValues(PaperFields.VECTOR);
            }
            int local = doc - leaf.docBase;
            if (!lex.containsKey(doc)) {
                float score = 0;
                if (matches != null
                        && (matches.docID() >= local || matches.advance(local) != DocIdSetIterator.NO_MORE_DOCS)
                        && matches.docID() == local) {
                    score = scorer.score();
                    matched.add(doc);
                }
                lex.put(doc, score);
            }
            if (!vec.containsKey(doc)
                    && vectors != null
                    && (vectors.docID() == local || (vectors.docID() < local && vectors.advance(local) == local))) {
                vec.put(doc, VectorSimilarityFunction.COSINE.compare(queryVector, vectors.vectorValue()));
            }
        }
        Map<Integer, Float> similarities = Map.copyOf(vec);
        // A candidate without a vector yet ranks as the least similar one.
        float vecFloor = vec.isEmpty() ? 0 : Collections.min(vec.values());
        float[] l = new float[docs.length];
        float[] d = new float[docs.length];
        for (int i = 0; i < docs.length; i++) {
            l[i] = lex.get(docs[i]);
            d[i] = vec.getOrDefault(docs[i], vecFloor);
        }
        standardize(l);
        standardize(d);
        ScoreDoc[] out = new ScoreDoc[docs.length];
        for (int i = 0; i < docs.length; i++)
            out[i] = new ScoreDoc(docs[i], (1 - denseWeight) * l[i] + denseWeight * d[i]);
        Arrays.sort(
                out, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return new Fused(out, matched, similarities);
    }

    /** In place: (x - mean) / standard deviation; all zeros when the scores do not vary. */
    private static void standardize(float[] xs) {
        double mean = 0;
        for (float x : xs) mean += x;
        mean /= Math.max(1, xs.length);
        double var = 0;
        for (float x : xs) var += (x - mean) * (x - mean);
        double sd = Math.sqrt(var / Math.max(1, xs.length));
        for (int i = 0; i < xs.length; i++) xs[i] = sd > 0 ? (float) ((xs[i] - mean) / sd) : 0f;
    }
}
