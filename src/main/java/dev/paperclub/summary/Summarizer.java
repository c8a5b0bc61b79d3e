package dev.paperclub.summary;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Extractive summarizer for a paper's title and abstract: a linear ranker trained on SciTLDR
 * (see {@code dev.paperclub.summary.eval.SummaryTrainer}) picks the abstract sentence most
 * likely to match a human TL;DR, the next best sentences become the key points, and keyphrases
 * come from {@link KeywordExtractor}. Offline and deterministic; immutable and thread-safe.
 */
public final class Summarizer {

    static final int MAX_TLDR_CHARS = 300;
    static final int MAX_POINTS = 3;
    /** Longer input is cut before any work: abstracts are short, and this bounds the cost. */
    static final int MAX_INPUT_CHARS = 20_000;

    static final int MAX_SENTENCES = 60;

    private static final String MODEL_RESOURCE = "/summary/model.properties";
    private static final String IDF_RESOURCE = "/summary/idf.tsv";

    private final LinearModel model;
    private final IdfTable idf;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final KeywordExtractor keywords;

    /** Loads the committed model weights and IDF table from the classpath. */
    public Summarizer() {
        this(loadModel(), loadIdf());
    }

    public Summarizer(LinearModel model, IdfTable idf) {
        this.model = model;
        this.idf = idf;
        this.keywords = new KeywordExtractor(idf);
    }

    /** Summarizes free-text abstract; throws {@link SummaryException} if there is nothing to summarize. */
    public Summary summarize(String title, String abstractText) {
        String text = safe(abstractText);
        if (text.isBlank()) {
            throw new SummaryException("This paper has no abstract to summarize.");
        }
        return build(safe(title), splitter.split(text));
    }

    /** Summarizes an abstract already split into sentences (the SciTLDR layout). */
    public Summary summarizeSentences(String title, List<String> sentences) {
        List<String> clean = new ArrayList<>();
        if (sentences != null) {
            int chars = 0;
            for (String s : sentences) {
                String t = safe(s).strip().replaceAll("\\s+", " ");
                if (!t.isEmpty() && chars < MAX_INPUT_CHARS) {
                    clean.add(t);
                    chars += t.length();
                }
            }
        }
        if (clean.isEmpty()) {
            throw new SummaryException("This paper has no abstract to summarize.");
        }
        return build(safe(title), clean);
    }

    /** Index of the sentence the ranker prefers as the TL;DR (first wins ties). */
    public int bestSentence(String title, List<String> sentences) {
        double[] s = scores(title, sentences);
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return best;
    }

    private double[] scores(String title, List<String> sentences) {
        double[][] x = SentenceFeatures.compute(title, sentences, idf);
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = model.score(x[i]);
        }
        return s;
    }

    private Summary build(String title, List<String> sentences) {
        if (sentences.isEmpty()) {
            throw new SummaryException("This paper has no abstract to summarize.");
        }
        if (sentences.size() > MAX_SENTENCES) {
            sentences = sentences.subList(0, MAX_SENTENCES);
        }
        double[] s = scores(title, sentences);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -s[i]).thenComparingInt(i -> i));
        int best = order.get(0);
        String tldr = tldrText(sentences.get(best));
        List<Integer> chosen = new ArrayList<>();
        for (int i : order.subList(1, order.size())) {
            if (chosen.size() == MAX_POINTS) {
                break;
            }
            String p = sentences.get(i);
            if (!p.equals(sentences.get(best)) && !p.equals(tldr)) {
                chosen.add(i);
            }
        }
        chosen.sort(null);
        List<String> points = new ArrayList<>();
        for (int i : chosen) {
            String p = truncate(sentences.get(i));
            if (!points.contains(p)) {
                points.add(p);
            }
        }
        String abstractText = String.join(" ", sentences);
        return new Summary(tldr, points, keywords.extract(title, abstractText));
    }

    /** The TL;DR text for a chosen sentence: lead-in trimmed if the model says so, then capped. */
    public String tldrText(String sentence) {
        String t = model.trimLeadIn() ? LeadInTrimmer.trim(sentence) : sentence;
        return truncate(t);
    }

    /** Cuts at the last word boundary that leaves room for the ellipsis. */
    static String truncate(String s) {
        if (s.length() <= MAX_TLDR_CHARS) {
            return s;
        }
        int limit = MAX_TLDR_CHARS - 1;
        if (Character.isLowSurrogate(s.charAt(limit))) {
            limit--;
        }
        int cut = limit;
        while (cut > 0 && !Character.isWhitespace(s.charAt(cut))) {
            cut--;
        }
        if (cut == 0) {
            cut = limit; // one enormous "word": cutting mid-word is the only option
        }
        String head = s.substring(0, cut).stripTrailing();
        while (!head.isEmpty() && ",;:-(".indexOf(head.charAt(head.length() - 1)) >= 0) {
            head = head.substring(0, head.length() - 1).stripTrailing();
        }
        return head + "…";
    }

    /** Null-safe, control characters blanked, length bounded. */
    private static String safe(String s) {
        if (s == null) {
            return "";
        }
        String t = s.length() > MAX_INPUT_CHARS ? s.substring(0, MAX_INPUT_CHARS) : s;
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            sb.append(c == '\n' || !Character.isISOControl(c) ? c : ' ');
        }
        return sb.toString();
    }

    private static LinearModel loadModel() {
        InputStream in = Summarizer.class.getResourceAsStream(MODEL_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + MODEL_RESOURCE);
        }
        return LinearModel.read(in, SentenceFeatures.NAMES);
    }

    private static IdfTable loadIdf() {
        InputStream in = Summarizer.class.getResourceAsStream(IDF_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + IDF_RESOURCE);
        }
        return IdfTable.read(in);
    }
}
