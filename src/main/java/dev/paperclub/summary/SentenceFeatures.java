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
            "first",
            "second",
            "last",
            "relpos",
            "relpos2",
            "cue_propose",
            "cue_paper",
            "cue_show",
            "cue_our",
            "cue_novel",
            "cue_outperform",
            "cue_background",
            "first_propose",
            "starts_contrast",
            "starts_connective",
            "starts_we",
            "starts_this",
            "title_cover",
            "title_jaccard",
            "centrality",
            "centrality_rank",
            "log_len",
            "short",
            "long",
            "has_digit",
            "has_percent",
            "has_paren",
            "has_colon",
            "idf_mean",
            "title_cover_rank");

    // Each cue is a regex behind a cheap test: a literal every match must contain. Most sentences
    // hold none of them, and String.contains is far cheaper than trying a "\\b(a|b|...)" at every
    // position (that was a third of a summary's time).
    private static final Cue PROPOSE = new Cue(
            "\\b(we|this paper|this work|this article) (propose|introduce|present|develop|describe|design|formulate|devise|study|investigate|explore|address|tackle|consider)",
            "we ",
            "this ");
    private static final Cue PAPER = new Cue(
            "\\b(in this (paper|work|article|study)|this (paper|work|article|study)|here,? we)\\b", "this ", "here");
    private static final Cue SHOW = new Cue(
            "\\b(we (show|demonstrate|find|prove|observe|establish|report|evaluate|validate)|(results|experiments|evaluations?|analysis) (show|demonstrate|indicate|suggest|reveal|confirm))",
            "we ",
            "results ",
            "experiments ",
            "evaluation",
            "analysis ");
    private static final Cue OUR =
            new Cue("\\bour (method|approach|model|framework|algorithm|technique|system|results|proposed)", "our ");
    private static final Cue NOVEL = new Cue("\\b(novel|new|first)\\b", "novel", "new", "first");
    private static final Cue OUTPERFORM = new Cue(
            "\\b(outperform\\w*|state[- ]of[- ]the[- ]art|significantly|improves?|superior|competitive)\\b",
            "outperform",
            "state",
            "significantly",
            "improve",
            "superior",
            "competitive");
    private static final Cue BACKGROUND = new Cue(
            "\\b(recent(ly)?|has been|have been|is a|are a|widely|remains?|challeng\\w*|however|existing|traditional|typically|often|popular)\\b",
            "recent",
            "has been",
            "have been",
            "is a",
            "are a",
            "widely",
            "remain",
            "challeng",
            "however",
            "existing",
            "traditional",
            "typically",
            "often",
            "popular");
    // Anchored at the start: lookingAt() tries the one position find() could match at.
    private static final Pattern CONTRAST =
            Pattern.compile("^(however|but|although|while|despite|unfortunately|yet|nevertheless)\\b");
    private static final Pattern CONNECTIVE = Pattern.compile(
            "^(moreover|furthermore|additionally|in addition|also|finally|specifically|to this end|thus|therefore|as a result|consequently|further|then|second|third|lastly)\\b");

    /** A cue phrase: {@code pattern} found in a sentence that contains at least one of {@code needles}. */
    private record Cue(Pattern pattern, String... needles) {
        Cue(String regex, String... needles) {
            this(Pattern.compile(regex), needles);
        }

        boolean in(String lower) {
            for (String n : needles) {
                if (lower.contains(n)) {
                    return pattern.matcher(lower).find();
                }
            }
            return false;
        }
    }

    private SentenceFeatures() {}

    /** One row per sentence, columns in {@link #NAMES} order. */
    public static double[][] compute(String title, List<String> sentences, IdfTable idf) {
        int n = sentences.size();
        double[][] x = new double[n][NAMES.size()];
        Set<String> titleStems = contentStems(title);
        List<Map<String, Integer>> tf = new java.util.ArrayList<>(n);
        Map<String, Integer> docTf = new HashMap<>();
        int[] wordCount = new int[n];
        for (int i = 0; i < n; i++) {
            Map<String, Integer> m = new HashMap<>();
            List<String> stems = Text.stems(sentences.get(i));
            wordCount[i] = stems.size(); // one stem per word
            for (String st : stems) {
                if (!Stopwords.isStop(st)) {
                    m.merge(st, 1, Integer::sum);
                    docTf.merge(st, 1, Integer::sum);
                }
            }
            tf.add(m);
        }
        DocumentTerms doc = new DocumentTerms(docTf, idf);
        double[] centrality = new double[n];
        double[] cover = new double[n];
        int firstPropose = -1;
        for (int i = 0; i < n; i++) {
            String s = sentences.get(i);
            String lower = s.toLowerCase(Locale.ROOT);
            double[] r = x[i];
            double rel = n > 1 ? (double) i / (n - 1) : 0.0;
            r[0] = i == 0 ? 1 : 0;
            r[1] = i == 1 ? 1 : 0;
            r[2] = i == n - 1 && n > 1 ? 1 : 0;
            r[3] = rel;
            r[4] = rel * rel;
            boolean propose = PROPOSE.in(lower);
            r[5] = propose ? 1 : 0;
            r[6] = PAPER.in(lower) ? 1 : 0;
            r[7] = SHOW.in(lower) ? 1 : 0;
            r[8] = OUR.in(lower) ? 1 : 0;
            r[9] = NOVEL.in(lower) ? 1 : 0;
            r[10] = OUTPERFORM.in(lower) ? 1 : 0;
            r[11] = BACKGROUND.in(lower) ? 1 : 0;
            if (propose && firstPropose < 0) {
                firstPropose = i;
                r[12] = 1;
            }
            r[13] = CONTRAST.matcher(lower).lookingAt() ? 1 : 0;
            r[14] = CONNECTIVE.matcher(lower).lookingAt() ? 1 : 0;
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
            centrality[i] = doc.cosineToRest(m);
            r[19] = centrality[i];
            r[21] = Math.log(1 + wordCount[i]);
            r[22] = wordCount[i] < 8 ? 1 : 0;
            r[23] = wordCount[i] > 40 ? 1 : 0;
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

    /** The abstract's content stems with their counts and IDF, looked up once rather than once per sentence. */
    private static final class DocumentTerms {
        private final String[] stems;
        private final int[] counts;
        private final double[] idf;

        DocumentTerms(Map<String, Integer> tf, IdfTable table) {
            stems = new String[tf.size()];
            counts = new int[tf.size()];
            idf = new double[tf.size()];
            int j = 0;
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                stems[j] = e.getKey();
                counts[j] = e.getValue();
                idf[j] = table.idf(e.getKey());
                j++;
            }
        }

        /** IDF-weighted cosine between a sentence's stems and those of the rest of the abstract. */
        double cosineToRest(Map<String, Integer> sentence) {
            double dot = 0;
            double ns = 0;
            double nr = 0;
            for (int j = 0; j < stems.length; j++) {
                double w = idf[j];
                int own = sentence.getOrDefault(stems[j], 0);
                double rest = (counts[j] - own) * w;
                nr += rest * rest;
                if (own > 0) {
                    double a = own * w;
                    ns += a * a;
                    dot += a * rest;
                }
            }
            return ns == 0 || nr == 0 ? 0 : dot / Math.sqrt(ns * nr);
        }
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
