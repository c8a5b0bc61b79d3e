package dev.paperclub.search;

/**
 * How English text fields are analyzed. The defaults are what SciFact measurement chose
 * (see {@link PaperAnalyzer}); the other values exist so {@code SearchEval} can ablate them.
 *
 * @param stemmer   which stemmer runs last in the chain
 * @param stopWords whether Lucene's English stop set is removed
 */
public record AnalysisOptions(Stemmer stemmer, boolean stopWords) {

    /** Stemmers worth comparing on English scientific text. */
    public enum Stemmer {
        PORTER,
        KSTEM,
        NONE
    }

    public AnalysisOptions {
        if (stemmer == null) throw new IllegalArgumentException("stemmer must not be null");
    }

    /** The measured best: Porter with stop words (see PaperAnalyzer for the numbers). */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(Stemmer.PORTER, true);
    }
}
