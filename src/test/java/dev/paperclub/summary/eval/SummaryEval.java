package dev.paperclub.summary.eval;

import dev.paperclub.summary.Rouge;
import dev.paperclub.summary.Summarizer;
import dev.paperclub.summary.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Scores the summarizer's TL;DR (and with {@code --lead1} the first-sentence baseline) on a
 * SciTLDR split the way the SciTLDR paper does: ROUGE-1.5.5 F of R1/R2/RL with stemming, "max"
 * (per paper the reference with the best R1 F, first wins ties) and "author" (reference 0),
 * averaged over papers, times 100. Also reports per-summary latency.
 *
 * <p>Usage: {@code SummaryEval <split.jsonl> [--lead1]}
 */
public final class SummaryEval {

    private record Row(double[] max, double[] author) {}

    private SummaryEval() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    @Command(
            name = "SummaryEval",
            mixinStandardHelpOptions = true,
            description =
                    "TL;DR quality on SciTLDR-A: ROUGE-1/2/L F1 (ROUGE-1.5.5, stemmed), max over targets and against the author's.")
    static final class Cli implements Callable<Integer> {
        @Parameters(paramLabel = "SPLIT_JSONL", description = "a SciTLDR split, e.g. dev.jsonl")
        Path split;

        @Option(names = "--lead1", description = "also score the first sentence of each abstract")
        boolean lead1;

        @Override
        public Integer call() throws IOException {
            evaluate(split, lead1);
            return 0;
        }
    }

    private static void evaluate(Path split, boolean lead1) throws IOException {
        List<SciTldr> papers = SciTldr.read(split);
        Rouge rouge = new Rouge(true);
        Summarizer summarizer = new Summarizer();

        // warm up the JIT so the latency figures describe steady state, not class loading
        for (int i = 0; i < Math.min(200, papers.size()); i++) {
            summarizer.summarizeSentences(papers.get(i).title(), papers.get(i).source());
        }
        List<String> tldrs = new ArrayList<>();
        long[] nanos = new long[papers.size()];
        long t0 = System.nanoTime();
        for (int i = 0; i < papers.size(); i++) {
            SciTldr p = papers.get(i);
            long s = System.nanoTime();
            Summary sum = summarizer.summarizeSentences(p.title(), p.source());
            nanos[i] = System.nanoTime() - s;
            tldrs.add(sum.tldr());
        }
        long total = System.nanoTime() - t0;

        report("summarizer", papers, tldrs, rouge);
        if (lead1) {
            List<String> leads = new ArrayList<>();
            for (SciTldr p : papers) {
                leads.add(p.source().isEmpty() ? "" : p.source().get(0));
            }
            report("lead-1", papers, leads, rouge);
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "timing: %d summaries (TL;DR + points + keywords), p50 %.3f ms, p99 %.3f ms, total %.1f ms%n",
                papers.size(),
                nanos[nanos.length / 2] / 1e6,
                nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
                total / 1e6);
    }

    private static void report(String name, List<SciTldr> papers, List<String> candidates, Rouge rouge) {
        double[] max = new double[3];
        double[] author = new double[3];
        for (int i = 0; i < papers.size(); i++) {
            Row r = score(rouge, candidates.get(i), papers.get(i).target());
            for (int k = 0; k < 3; k++) {
                max[k] += r.max()[k];
                author[k] += r.author()[k];
            }
        }
        int n = papers.size();
        System.out.printf(
                Locale.ROOT,
                "%-11s max    R1 %.2f  R2 %.2f  RL %.2f%n",
                name,
                100 * max[0] / n,
                100 * max[1] / n,
                100 * max[2] / n);
        System.out.printf(
                Locale.ROOT,
                "%-11s author R1 %.2f  R2 %.2f  RL %.2f%n",
                name,
                100 * author[0] / n,
                100 * author[1] / n,
                100 * author[2] / n);
    }

    private static Row score(Rouge rouge, String candidate, List<String> targets) {
        Rouge.Tokenized peer = rouge.tokenize(candidate);
        double[] best = null;
        double[] first = null;
        for (String t : targets) {
            Rouge.Result r = rouge.score(peer, rouge.tokenize(t));
            double[] f = {r.rouge1().f(), r.rouge2().f(), r.rougeL().f()};
            if (first == null) {
                first = f;
            }
            if (best == null || f[0] > best[0]) {
                best = f;
            }
        }
        if (best == null) {
            best = new double[3];
            first = best;
        }
        return new Row(best, first);
    }
}
