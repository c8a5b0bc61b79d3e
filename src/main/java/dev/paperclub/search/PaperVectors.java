package dev.paperclub.search;

import java.util.ArrayList;
import java.util.List;

/**
 * How a paper becomes one vector: the model reads only its first 128 word pieces, so the
 * abstract is cut into windows of {@value #WINDOW_WORDS} words, each read with the title in
 * front, and the paper's vector is the normalized mean of its windows' vectors. One vector
 * per paper keeps the index's nearest-neighbour search as it is.
 *
 * <p>Chosen on SciFact train ({@code SearchEval --semantic}; the README gives the figures):
 * averaged windows rank better than the title and abstract read once, shorter windows better
 * than longer ones. Scoring each window separately and keeping the best ranked a little better
 * still but needs several vectors per paper, so it was left out. Windows cost embedding time:
 * each window is one more text for the model.
 */
public final class PaperVectors {
    static final int WINDOW_WORDS = 50;

    /** Stored vectors are keyed on this together with the model's id: changing the windows re-embeds. */
    public static final String SCHEME = "w" + WINDOW_WORDS + "-mean";

    private PaperVectors() {}

    /** A paper's text as the model reads it: one string per window. */
    public static List<String> windows(String title, String abstractText) {
        String t = title == null ? "" : title.strip();
        String[] words = abstractText == null || abstractText.isBlank()
                ? new String[0]
                : abstractText.strip().split("\\s+");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.length; i += WINDOW_WORDS) {
            StringBuilder b = new StringBuilder(t).append(". ");
            for (int j = i; j < Math.min(words.length, i + WINDOW_WORDS); j++) {
                if (j > i) b.append(' ');
                b.append(words[j]);
            }
            out.add(b.toString());
        }
        if (out.isEmpty()) out.add(t);
        return out;
    }

    /** One vector per paper, in order; {@code papers} holds {title, abstract} pairs. All windows go to the model in one call. */
    public static List<float[]> embed(Embedder embedder, List<String[]> papers) {
        List<String> texts = new ArrayList<>();
        int[] counts = new int[papers.size()];
        for (int i = 0; i < papers.size(); i++) {
            List<String> w = windows(papers.get(i)[0], papers.get(i)[1]);
            counts[i] = w.size();
            texts.addAll(w);
        }
        List<float[]> vectors = embedder.embedAll(texts);
        List<float[]> out = new ArrayList<>(papers.size());
        int at = 0;
        for (int count : counts) {
            out.add(mean(vectors.subList(at, at + count)));
            at += count;
        }
        return out;
    }

    /** The unit-length mean of unit vectors. */
    static float[] mean(List<float[]> vectors) {
        float[] m = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int j = 0; j < m.length; j++) m[j] += v[j];
        }
        double norm = 0;
        for (float x : m) norm += x * x;
        norm = Math.sqrt(norm);
        if (norm == 0) return vectors.get(0).clone();
        for (int j = 0; j < m.length; j++) m[j] /= (float) norm;
        return m;
    }
}
