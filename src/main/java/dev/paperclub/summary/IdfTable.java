package dev.paperclub.summary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inverse document frequencies of word stems over a corpus of abstracts. Words the corpus
 * never saw (or saw once, since those are not shipped) get the rarest IDF, which is the
 * reasonable guess for a term specific to the paper at hand.
 */
public final class IdfTable {

    private final int documents;
    private final Map<String, Integer> df;

    public IdfTable(int documents, Map<String, Integer> df) {
        this.documents = Math.max(1, documents);
        this.df = Map.copyOf(df);
    }

    /** Counts each stem once per document; keeps stems seen in at least {@code minDf} documents. */
    public static IdfTable build(Collection<String> documentTexts, int minDf) {
        Map<String, Integer> counts = new HashMap<>();
        for (String doc : documentTexts) {
            for (String s : new HashSet<>(Text.stems(doc))) {
                counts.merge(s, 1, Integer::sum);
            }
        }
        counts.values().removeIf(c -> c < minDf);
        return new IdfTable(documentTexts.size(), counts);
    }

    public double idf(String stem) {
        Integer d = df.get(stem);
        return Math.log(1.0 + (double) documents / (d == null ? 1 : d));
    }

    public int size() {
        return df.size();
    }

    /** Format: first line {@code #documents N}, then {@code stem<TAB>df}, sorted for stable diffs. */
    public void write(Path path) throws IOException {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write("#documents " + documents + "\n");
            for (Map.Entry<String, Integer> e : new TreeMap<>(df).entrySet()) {
                w.write(e.getKey() + "\t" + e.getValue() + "\n");
            }
        }
    }

    public static IdfTable read(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String first = r.readLine();
            if (first == null || !first.startsWith("#documents ")) {
                throw new IllegalStateException("IDF table lacks its #documents header");
            }
            int n = Integer.parseInt(first.substring("#documents ".length()).trim());
            Map<String, Integer> df = new HashMap<>();
            String line;
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    df.put(
                            line.substring(0, tab),
                            Integer.parseInt(line.substring(tab + 1).trim()));
                }
            }
            return new IdfTable(n, df);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
