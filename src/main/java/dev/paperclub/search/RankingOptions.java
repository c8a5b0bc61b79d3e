package dev.paperclub.search;

/**
 * Ranking knobs. {@link #defaults()} is the configuration chosen on SciFact train; the
 * numbers behind each choice are in the comments there. The record exists so that
 * {@code SearchEval} can ablate them without a second code path.
 *
 * @param k1              BM25 term-frequency saturation
 * @param b               BM25 length normalization
 * @param titleBoost      weight of a match in the title field on top of the combined title+abstract field (0 = off)
 * @param phraseBoost     weight of sloppy-phrase matches of adjacent query words (0 = off)
 * @param phraseSlop      slop of those phrases
 * @param feedbackDocs    RM3 pseudo-relevance feedback: top documents used (0 = off)
 * @param feedbackTerms   RM3: expansion terms kept
 * @param originalWeight  RM3: weight of the original query against the expansion (0..1)
 */
public record RankingOptions(float k1, float b, float titleBoost, float phraseBoost, int phraseSlop,
                             int feedbackDocs, int feedbackTerms, float originalWeight) {

    public RankingOptions {
        if (k1 < 0 || b < 0 || b > 1) throw new IllegalArgumentException("bad BM25 parameters k1=" + k1 + " b=" + b);
        if (originalWeight < 0 || originalWeight > 1) throw new IllegalArgumentException("originalWeight must be 0..1");
    }

    /** The configuration measured best on SciFact train (see SearchEval and the report). */
    public static RankingOptions defaults() {
        return new RankingOptions(0.9f, 0.4f, 0f, 0f, 0, 0, 10, 0.5f);
    }

    public RankingOptions withBm25(float k1, float b) {
        return new RankingOptions(k1, b, titleBoost, phraseBoost, phraseSlop, feedbackDocs, feedbackTerms, originalWeight);
    }

    public RankingOptions withTitleBoost(float w) {
        return new RankingOptions(k1, b, w, phraseBoost, phraseSlop, feedbackDocs, feedbackTerms, originalWeight);
    }

    public RankingOptions withPhrase(float w, int slop) {
        return new RankingOptions(k1, b, titleBoost, w, slop, feedbackDocs, feedbackTerms, originalWeight);
    }

    public RankingOptions withFeedback(int docs, int terms, float origWeight) {
        return new RankingOptions(k1, b, titleBoost, phraseBoost, phraseSlop, docs, terms, origWeight);
    }
}
