package dev.paperclub.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L (summary-level union LCS) as ROUGE-1.5.5 computes them for
 * SciTLDR ({@code -n 2 -a}, alpha 0.5, optional {@code -m} Porter stemming), one candidate
 * against one reference. Reproduces the Perl's text layout, tokenization, clipping, LCS
 * tie-breaking and its habit of rounding R and P to 5 decimals before computing F, so that
 * scores match the published scorer digit for digit.
 */
public final class Rouge {

    /** Recall, precision and F, each already rounded to 5 decimals as ROUGE prints them. */
    public record Score(double recall, double precision, double f) {}

    /** The three scores SciTLDR reports. */
    public record Result(Score rouge1, Score rouge2, Score rougeL) {}

    /** A text after ROUGE's layout and tokenization: tokens per sentence. */
    public record Tokenized(List<List<String>> sentences) {
        int size() {
            int n = 0;
            for (List<String> s : sentences) {
                n += s.size();
            }
            return n;
        }

        List<String> flat() {
            List<String> all = new ArrayList<>(size());
            for (List<String> s : sentences) {
                all.addAll(s);
            }
            return all;
        }
    }

    private static final double ALPHA = 0.5;

    private final boolean stemming;

    /** @param stemming true for ROUGE's {@code -m} (Porter stemming of tokens longer than 3) */
    public Rouge(boolean stemming) {
        this.stemming = stemming;
    }

    /** Scores {@code candidate} (the peer) against {@code reference} (the model). */
    public Result score(String candidate, String reference) {
        return score(tokenize(candidate), tokenize(reference));
    }

    /** Scores pre-tokenized texts; lets callers tokenize each text once when scoring many pairs. */
    public Result score(Tokenized peer, Tokenized model) {
        List<String> p = peer.flat();
        List<String> m = model.flat();
        return new Result(ngram(p, m, 1), ngram(p, m, 2), lcs(peer, model, p, m));
    }

    /** ROUGE-1 F only: the cheap score used to label training sentences. */
    public double rouge1F(Tokenized peer, Tokenized model) {
        return ngram(peer.flat(), model.flat(), 1).f();
    }

    /**
     * Splits into ROUGE's sentence units (newlines and {@code " ."}, cut at the first
     * {@code <}), then tokenizes each unit the way readText/createNGram do.
     */
    public Tokenized tokenize(String text) {
        List<List<String>> out = new ArrayList<>();
        if (text == null) {
            return new Tokenized(out);
        }
        for (String unit : sentenceUnits(text.strip())) {
            int lt = unit.indexOf('<');
            if (lt >= 0) {
                unit = unit.substring(0, lt);
            }
            if (unit.isEmpty()) {
                continue;
            }
            out.add(tokens(unit));
        }
        return new Tokenized(out);
    }

    private static List<String> sentenceUnits(String text) {
        List<String> units = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            int start = 0;
            int at;
            while ((at = line.indexOf(" .", start)) >= 0) {
                units.add(line.substring(start, at + 2));
                start = at + 2;
            }
            units.add(line.substring(start));
        }
        return units;
    }

    private List<String> tokens(String unit) {
        StringBuilder sb = new StringBuilder(unit.length() + 8);
        for (int i = 0; i < unit.length(); i++) {
            char ch = unit.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                sb.append((char) (ch + 32));
            } else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
                sb.append(ch);
            } else if (ch == '-') {
                sb.append(" - ");
            } else {
                // ROUGE works on bytes: anything else, non-ASCII included, separates words
                sb.append(' ');
            }
        }
        List<String> toks = new ArrayList<>();
        for (String t : sb.toString().trim().split("\\s+")) {
            if (t.isEmpty()) {
                continue;
            }
            char c0 = t.charAt(0);
            if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= '0' && c0 <= '9') || c0 == '$')) {
                continue;
            }
            toks.add(stemming && t.length() > 3 ? RougeStemmer.stem(t) : t);
        }
        return toks;
    }

    private static Map<String, Integer> grams(List<String> toks, int n) {
        Map<String, Integer> g = new HashMap<>();
        for (int i = 0; i + n <= toks.size(); i++) {
            String key = n == 1 ? toks.get(i) : String.join(" ", toks.subList(i, i + n));
            g.merge(key, 1, Integer::sum);
        }
        return g;
    }

    private static Score ngram(List<String> peer, List<String> model, int n) {
        Map<String, Integer> pg = grams(peer, n);
        Map<String, Integer> mg = grams(model, n);
        int hit = 0;
        for (Map.Entry<String, Integer> e : mg.entrySet()) {
            Integer pc = pg.get(e.getKey());
            if (pc != null) {
                hit += Math.min(pc, e.getValue());
            }
        }
        int modelCount = Math.max(0, model.size() - n + 1);
        int peerCount = Math.max(0, peer.size() - n + 1);
        return finish(hit, modelCount, peerCount);
    }

    private static Score lcs(Tokenized peer, Tokenized model, List<String> peerFlat, List<String> modelFlat) {
        Map<String, Integer> model1 = grams(modelFlat, 1);
        Map<String, Integer> peer1 = grams(peerFlat, 1);
        int hit = 0;
        int base = 0;
        for (List<String> ms : model.sentences()) {
            boolean[] hitMask = new boolean[ms.size()];
            base += ms.size();
            if (!ms.isEmpty()) {
                for (List<String> ps : peer.sentences()) {
                    markLcs(ms, ps, hitMask);
                }
            }
            for (int j = 0; j < ms.size(); j++) {
                if (!hitMask[j]) {
                    continue;
                }
                String t = ms.get(j);
                Integer mc = model1.get(t);
                Integer pc = peer1.get(t);
                // each unigram may count once across all reference sentences (the 1.4.1 clip)
                if (mc != null && pc != null && mc > 0 && pc > 0) {
                    hit++;
                    model1.put(t, mc - 1);
                    peer1.put(t, pc - 1);
                }
            }
        }
        return finish(hit, base, peerFlat.size());
    }

    /** lcs_inner + markLCS: the Perl prefers diagonal, then up (on >=), then left. */
    private static void markLcs(List<String> model, List<String> peer, boolean[] hitMask) {
        int m = model.size();
        int n = peer.size();
        int[][] c = new int[m + 1][n + 1];
        byte[][] b = new byte[m + 1][n + 1];
        for (int i = 1; i <= m; i++) {
            String mi = model.get(i - 1);
            for (int j = 1; j <= n; j++) {
                if (mi.equals(peer.get(j - 1))) {
                    c[i][j] = c[i - 1][j - 1] + 1;
                    b[i][j] = 1;
                } else if (c[i - 1][j] >= c[i][j - 1]) {
                    c[i][j] = c[i - 1][j];
                    b[i][j] = 2;
                } else {
                    c[i][j] = c[i][j - 1];
                    b[i][j] = 3;
                }
            }
        }
        int i = m;
        int j = n;
        while (i != 0 && j != 0) {
            if (b[i][j] == 1) {
                i--;
                j--;
                hitMask[i] = true;
            } else if (b[i][j] == 2) {
                i--;
            } else {
                j--;
            }
        }
    }

    private static Score finish(int hit, int modelCount, int peerCount) {
        double r = modelCount != 0 ? round5((double) hit / modelCount) : 0.0;
        double p = peerCount != 0 ? round5((double) hit / peerCount) : 0.0;
        double denom = (1 - ALPHA) * p + ALPHA * r;
        double f = denom > 0 ? round5((p * r) / denom) : 0.0;
        return new Score(r, p, f);
    }

    /** sprintf("%7.5f"): the exact binary value, ties to even, as glibc prints it. */
    static double round5(double x) {
        return new BigDecimal(x).setScale(5, RoundingMode.HALF_EVEN).doubleValue();
    }
}
