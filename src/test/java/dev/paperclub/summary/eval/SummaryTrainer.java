package dev.paperclub.summary.eval;

import dev.paperclub.summary.IdfTable;
import dev.paperclub.summary.LinearModel;
import dev.paperclub.summary.Rouge;
import dev.paperclub.summary.SentenceFeatures;
import dev.paperclub.summary.Summarizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Trains the TL;DR sentence ranker on the SciTLDR train split and writes its weights plus the
 * IDF table derived from the training abstracts. Sentences of one abstract compete in a
 * softmax whose target distribution is a sharpened softmax of each sentence's ROUGE-1 F
 * (stemmed, best over the paper's references). Hyper-parameters and the lead-in trimming
 * switch are chosen by 5-fold cross-validation on train only; dev is never read.
 *
 * <p>Usage: {@code SummaryTrainer <train.jsonl> <out/model.properties>}; the IDF table is written
 * as {@code idf.tsv} next to the weights.
 */
public final class SummaryTrainer {

    private static final int FOLDS = 5;
    private static final int ITERATIONS = 500;
    private static final double LEARNING_RATE = 0.05;
    private static final double[] TAUS = {0.0, 0.01, 0.03};
    private static final double[] L2S = {1e-4, 1e-3};

    /** One training paper: feature rows, per-sentence label as is and after lead-in trimming. */
    private record Example(double[][] x, double[] label, double[] trimmedLabel) {}

    private SummaryTrainer() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    @Command(
            name = "SummaryTrainer",
            mixinStandardHelpOptions = true,
            description =
                    "Trains the TL;DR sentence ranker on SciTLDR train and writes its model (weights, IDF table).")
    static final class Cli implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TRAIN_JSONL", description = "SciTLDR train.jsonl")
        Path train;

        @Parameters(
                index = "1",
                paramLabel = "MODEL_PROPERTIES",
                description = "where to write it, e.g. src/main/resources/summary/model.properties")
        Path out;

        @Override
        public Integer call() throws IOException {
            train(train, out.toAbsolutePath());
            return 0;
        }
    }

    private static void train(Path trainPath, Path out) throws IOException {
        List<SciTldr> train = SciTldr.read(trainPath);
        List<String> docs = new ArrayList<>();
        for (SciTldr p : train) {
            docs.add(p.title() + "\n" + String.join(" ", p.source()));
        }
        IdfTable idf = IdfTable.build(docs, 2);
        Rouge rouge = new Rouge(true);
        // a throwaway summarizer gives access to the trimming rule exactly as the product applies it
        int d = SentenceFeatures.NAMES.size();
        LinearModel zero = new LinearModel(SentenceFeatures.NAMES, new double[d], ones(d), new double[d], true);
        Summarizer trimmer = new Summarizer(zero, idf);
        List<Example> data = new ArrayList<>();
        for (SciTldr p : train) {
            if (p.source().isEmpty() || p.target().isEmpty()) {
                continue;
            }
            List<Rouge.Tokenized> refs = new ArrayList<>();
            for (String t : p.target()) {
                refs.add(rouge.tokenize(t));
            }
            int n = p.source().size();
            double[] label = new double[n];
            double[] trimmed = new double[n];
            for (int i = 0; i < n; i++) {
                label[i] = maxR1(rouge, rouge.tokenize(p.source().get(i)), refs);
                trimmed[i] =
                        maxR1(rouge, rouge.tokenize(trimmer.tldrText(p.source().get(i))), refs);
            }
            data.add(new Example(SentenceFeatures.compute(p.title(), p.source(), idf), label, trimmed));
        }
        double[] mean = new double[d];
        double[] std = new double[d];
        standardization(data, mean, std);

        double lead = 0;
        double oracle = 0;
        for (Example e : data) {
            lead += e.label()[0];
            oracle += e.label()[argmax(e.label())];
        }
        System.out.printf(
                Locale.ROOT,
                "train papers %d, idf terms %d; lead-1 R1 %.2f, oracle R1 %.2f%n",
                data.size(),
                idf.size(),
                100 * lead / data.size(),
                100 * oracle / data.size());

        double bestCv = -1;
        double bestTau = TAUS[0];
        double bestL2 = L2S[0];
        boolean bestTrim = false;
        for (double tau : TAUS) {
            for (double l2 : L2S) {
                double plain = 0;
                double trim = 0;
                for (int f = 0; f < FOLDS; f++) {
                    List<Example> fit = new ArrayList<>();
                    List<Example> held = new ArrayList<>();
                    for (int i = 0; i < data.size(); i++) {
                        (i % FOLDS == f ? held : fit).add(data.get(i));
                    }
                    double[] w = fit(fit, mean, std, tau, l2);
                    for (Example e : held) {
                        int b = argmax(scores(e, w, mean, std));
                        plain += e.label()[b];
                        trim += e.trimmedLabel()[b];
                    }
                }
                plain = 100 * plain / data.size();
                trim = 100 * trim / data.size();
                System.out.printf(
                        Locale.ROOT,
                        "cv tau=%.3f l2=%.0e: R1 %.2f, with lead-in trimming %.2f%n",
                        tau,
                        l2,
                        plain,
                        trim);
                if (Math.max(plain, trim) > bestCv) {
                    bestCv = Math.max(plain, trim);
                    bestTau = tau;
                    bestL2 = l2;
                    bestTrim = trim > plain;
                }
            }
        }
        double[] w = fit(data, mean, std, bestTau, bestL2);
        LinearModel model = new LinearModel(SentenceFeatures.NAMES, mean, std, w, bestTrim);
        String comment = String.format(
                Locale.ROOT,
                "SummaryTrainer on %s (%d papers): tau=%.3f (0 = expected-ROUGE objective) l2=%.0e trimLeadIn=%s, 5-fold CV ROUGE-1 (max, stemmed) %.2f",
                trainPath.getFileName(),
                data.size(),
                bestTau,
                bestL2,
                bestTrim,
                bestCv);
        model.write(out, comment);
        idf.write(out.resolveSibling("idf.tsv"));
        System.out.println(comment);
        for (int k = 0; k < d; k++) {
            System.out.printf(Locale.ROOT, "  %-18s %+.3f%n", SentenceFeatures.NAMES.get(k), w[k]);
        }
    }

    private static double maxR1(Rouge rouge, Rouge.Tokenized peer, List<Rouge.Tokenized> refs) {
        double best = 0;
        for (Rouge.Tokenized r : refs) {
            best = Math.max(best, rouge.rouge1F(peer, r));
        }
        return best;
    }

    /**
     * Full-batch Adam on the listwise loss; tau &gt; 0 is cross-entropy against softmax(label / tau),
     * tau == 0 maximizes the expected ROUGE of a sentence drawn from the model's softmax.
     */
    private static double[] fit(List<Example> data, double[] mean, double[] std, double tau, double l2) {
        int d = mean.length;
        double[] w = new double[d];
        double[] m1 = new double[d];
        double[] m2 = new double[d];
        for (int it = 1; it <= ITERATIONS; it++) {
            double[] grad = new double[d];
            for (Example e : data) {
                double[] p = softmax(scores(e, w, mean, std), 1.0);
                double[] g = new double[p.length];
                if (tau > 0) {
                    double[] q = softmax(e.label(), tau);
                    for (int i = 0; i < p.length; i++) {
                        g[i] = p[i] - q[i];
                    }
                } else {
                    double expected = 0;
                    for (int i = 0; i < p.length; i++) {
                        expected += p[i] * e.label()[i];
                    }
                    for (int i = 0; i < p.length; i++) {
                        g[i] = -p[i] * (e.label()[i] - expected);
                    }
                }
                for (int i = 0; i < p.length; i++) {
                    if (g[i] == 0) {
                        continue;
                    }
                    for (int k = 0; k < d; k++) {
                        grad[k] += g[i] * (e.x()[i][k] - mean[k]) / std[k];
                    }
                }
            }
            for (int k = 0; k < d; k++) {
                double gk = grad[k] / data.size() + l2 * w[k];
                m1[k] = 0.9 * m1[k] + 0.1 * gk;
                m2[k] = 0.999 * m2[k] + 0.001 * gk * gk;
                double mh = m1[k] / (1 - Math.pow(0.9, it));
                double vh = m2[k] / (1 - Math.pow(0.999, it));
                w[k] -= LEARNING_RATE * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        return w;
    }

    private static double[] scores(Example e, double[] w, double[] mean, double[] std) {
        double[] s = new double[e.x().length];
        for (int i = 0; i < s.length; i++) {
            double v = 0;
            for (int k = 0; k < w.length; k++) {
                v += w[k] * (e.x()[i][k] - mean[k]) / std[k];
            }
            s[i] = v;
        }
        return s;
    }

    private static double[] softmax(double[] v, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp((v[i] - max) / temperature);
            sum += out[i];
        }
        for (int i = 0; i < v.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static int argmax(double[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[b]) {
                b = i;
            }
        }
        return b;
    }

    private static void standardization(List<Example> data, double[] mean, double[] std) {
        int d = mean.length;
        long n = 0;
        for (Example e : data) {
            for (double[] row : e.x()) {
                for (int k = 0; k < d; k++) {
                    mean[k] += row[k];
                }
                n++;
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        for (Example e : data) {
            for (double[] row : e.x()) {
                for (int k = 0; k < d; k++) {
                    std[k] += (row[k] - mean[k]) * (row[k] - mean[k]);
                }
            }
        }
        for (int k = 0; k < d; k++) {
            std[k] = Math.sqrt(std[k] / n);
            if (std[k] < 1e-9) {
                std[k] = 1; // a constant feature: leave it unscaled rather than divide by zero
            }
        }
    }

    private static double[] ones(int d) {
        double[] o = new double[d];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }
}
