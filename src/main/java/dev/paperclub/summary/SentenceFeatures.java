package dev.paperclub.summary;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns each sentence of an abstract into a feature vector for the sentence ranker: position,
 * rhetorical cue phrases, overlap with the title, IDF-weighted centrality, length and surface
 * cues. The order of {@link #NAMES} is the contract with the trained weights file.
 */
public final class SentenceFeatures {

    public static final List<String> NAMES = List.of(
            "first", "second", "last", "relpos", "relpos2",
            "cue_propose", "cue_paper", "cue_show", "cue_our", "cue_novel", "cue_outperform",
            "cue_background", "first_propose", "starts_contrast", "starts_connective", "starts_we",
            "starts_this", "title_cover", "title_jaccard", "centrality", "centrality_rank",
            "log_len", "short", "long", "has_digit", "has_percent", "has_paren", "has_colon",
            "idf_mean", "title_cover_rank");

    private static final Pattern PROPOSE = Pattern.compile(
            "\\b(we|this paper|this work|this article) (propose|introduce|present|develop|describe|design|formulate|devise|study|investigate|explore|address|tackle|consider)");
    private static final Pattern PAPER = Pattern.compile("\\b(in this (paper|work|article|study)|this (paper|work|article|study)|here,? we)\\b");
    private static final Pattern SHOW = Pattern.compile(
            "\\b(we (show|demonstrate|find|prove|observe|establish|report|evaluate|validate)|(results|experiments|evaluations?|analysis) (show|demonstrate|indicate|suggest|reveal|confirm))");
    private static final Pattern OUR = Pattern.compile("\\bour (method|approach|model|framework|algorithm|technique|system|results|proposed)");
    private static final Pattern NOVEL = Pattern.compile("\\b(novel|new|first)\\b");
    private static final Pattern OUTPERFORM = Pattern.compile("\\b(outperform\\w*|state[- ]of[- ]the[- ]art|significantly|improves?|superior|competitive)\\b");
    private static final Pattern BACKGROUND = Pattern.compile(
            "\\b(recent(ly)?|has been|have been|is a|are a|widely|remains?|challeng\\w*|however|existing|traditional|typically|often|popular)\\b");
    private static final Pattern CONTRAST = Pattern.compile("^(however|but|although|while|despite|unfortunately|yet|nevertheless)\\b");
    private static final Pattern CONNECTIVE = Pattern.compile(
            "^(moreover|furthermore|additionally|in addition|also|finally|specifically|to this end|thus|therefore|as a result|consequently|further|then|second|third|lastly)\\b");

    private SentenceFeatures() {
    }

    /** One row per sentence, columns in {@link #NAMES} order. */
    public static double[][] compute(String title, List<String> sentences, IdfTable idf) {
        int n = sentences.size();
        double[][] x = new double[n][NAMES.size()];
        Set<String> titleStems = contentStems(title);
        List<Map<String, Integer>> tf = new java.util.ArrayList<>(n);
        Map<String, Integer> docTf = new HashMap<>();
        for (String s : sentences) {
            Map<String, Integer> m = new HashMap<>();
            for (String st : Text.stems(s)) {
                if (!Stopwords.isStop(st)) {
                    m.merge(st, 1, Integer::sum);
                    docTf.merge(st, 1, Integer::sum);
                }
            }
            tf.add(m);
        }
        double[] centrality = new double[n];
        double[] cover = new double[n];
        int firstPropose = -1;
        for (int i = 0; i < n; i++) {
            String s = sentences.get(i);
            String lower = s.toLowerCase(Locale.ROOT);
            List<String> words = Text.words(s);
            double[] r = x[i];
            double rel = n > 1 ? (double) i / (n - 1) : 0.0;
            r[0] = i == 0 ? 1 : 0;
            r[1] = i == 1 ? 1 : 0;
            r[2] = i == n - 1 && n > 1 ? 1 : 0;
            r[3] = rel;
            r[4] = rel * rel;
            boolean propose = PROPOSE.matcher(lower).find();
            r[5] = propose ? 1 : 0;
            r[6] = PAPER.matcher(lower).find() ? 1 : 0;
            r[7] = SHOW.matcher(lower).find() ? 1 : 0;
            r[8] = OUR.matcher(lower).find() ? 1 : 0;
            r[9] = NOVEL.matcher(lower).find() ? 1 : 0;
            r[10] = OUTPERFORM.matcher(lower).find() ? 1 : 0;
            r[11] = BACKGROUND.matcher(lower).find() ? 1 : 0;
            if (propose && firstPropose < 0) {
                firstPropose = i;
                r[12] = 1;
            }
            r[13] = CONTRAST.matcher(lower).find() ? 1 : 0;
            r[14] = CONNECTIVE.matcher(lower).find() ? 1 : 0;
            r[15] = lower.startsWith("we ") ? 1 : 0;
            r[16] = lower.startsWith("this ") || lower.startsWith("in this ") ? 1 : 0;
            Map<String, Integer> m = tf.get(i);
            if (!titleStems.isEmpty()) {
                int hit = 0;
                for (String t : titleStems) {
                    if (m.containsKey(t)) {
                        hit++;
                    }
                }
                Set<String> union = new HashSet<>(titleStems);
                union.addAll(m.keySet());
                r[17] = (double) hit / titleStems.size();
                r[18] = union.isEmpty() ? 0 : (double) hit / union.size();
            }
            cover[i] = r[17];
            centrality[i] = cosineToRest(m, docTf, idf);
            r[19] = centrality[i];
            r[21] = Math.log(1 + words.size());
            r[22] = words.size() < 8 ? 1 : 0;
            r[23] = words.size() > 40 ? 1 : 0;
            r[24] = s.chars().anyMatch(Character::isDigit) ? 1 : 0;
            r[25] = s.indexOf('%') >= 0 ? 1 : 0;
            r[26] = s.indexOf('(') >= 0 ? 1 : 0;
            r[27] = s.indexOf(':') >= 0 ? 1 : 0;
            double idfSum = 0;
            for (String st : m.keySet()) {
                idfSum += idf.idf(st);
            }
            r[28] = m.isEmpty() ? 0 : idfSum / m.size();
        }
        for (int i = 0; i < n; i++) {
            x[i][20] = rankScore(centrality, i);
            x[i][29] = rankScore(cover, i);
        }
        return x;
    }

    /** 1 for the best value in the abstract, decreasing by rank; ties share the better rank. */
    private static double rankScore(double[] v, int i) {
        int better = 0;
        for (double o : v) {
            if (o > v[i]) {
                better++;
            }
        }
        return 1.0 / (1 + better);
    }

    private static double cosineToRest(Map<String, Integer> s, Map<String, Integer> doc, IdfTable idf) {
        double dot = 0;
        double ns = 0;
        double nr = 0;
        for (Map.Entry<String, Integer> e : doc.entrySet()) {
            double w = idf.idf(e.getKey());
            int own = s.getOrDefault(e.getKey(), 0);
            double rest = (e.getValue() - own) * w;
            nr += rest * rest;
            if (own > 0) {
                double a = own * w;
                ns += a * a;
                dot += a * rest;
            }
        }
        return ns == 0 || nr == 0 ? 0 : dot / Math.sqrt(ns * nr);
    }

    private static Set<String> contentStems(String text) {
        Set<String> out = new HashSet<>();
        for (String st : Text.stems(text)) {
            if (!Stopwords.isStop(st)) {
                out.add(st);
            }
        }
        return out;
    }
}
